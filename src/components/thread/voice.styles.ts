import { css } from 'lit';

/** The composer's microphone button and the recording bar that replaces the input while recording. */
export const voiceStyles = css`
  .record {
    --_icon-button-size: 40px;
    flex: none;
    border-radius: 50%;
    color: var(--_muted);
    /* Held on a touch screen: no scrolling, no callout or selection, no context menu (voice.ts). */
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    transition: transform 0.15s;
  }
  .record.held {
    color: var(--_danger);
    background: var(--_surface);
    transform: scale(1.2);
  }
  .holding {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 40px;
    min-width: 0;
    color: var(--_fg);
  }
  .holding .elapsed {
    flex: none;
  }
  .hint {
    flex: 1;
    font-size: 13px;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .recording {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
    color: var(--_fg);
  }
  .record-cancel {
    --_icon-button-size: 40px;
    flex: none;
    border-radius: 50%;
    font-size: 24px;
    color: var(--_muted);
  }
  .rec-dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_danger);
    animation: rec-pulse 1.2s ease-in-out infinite;
  }
  .elapsed {
    flex: 1;
    font-variant-numeric: tabular-nums;
    font-size: 15px;
  }
  @keyframes rec-pulse {
    50% { opacity: 0.3; }
  }
  @media (prefers-reduced-motion: reduce) {
    .rec-dot { animation: none; }
    .record { transition: none; }
  }
`;
