/** Styles of extras.ts (reply preview, forwarded, star, deleted, reactions) and of the jump highlight. */
import { css } from 'lit';

export const extrasStyles = css`
  /* A bubble's line (bubble.ts) and its reactions stack; the row keeps its side. */
  .row {
    flex-direction: column;
    align-items: flex-start;
  }
  .row.out {
    align-items: flex-end;
  }
  .reply {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    min-width: 0;
    box-sizing: border-box;
    margin: 2px 0 5px;
    padding: 4px 8px;
    border: 0;
    border-inline-start: 3px solid currentColor;
    border-radius: 6px;
    background: rgb(127 127 127 / 0.16);
    color: inherit;
    font: inherit;
    font-size: 13px;
    line-height: 1.3;
    text-align: start;
    white-space: normal;
  }
  .reply.missing {
    flex-direction: column;
    align-items: flex-start;
    gap: 0;
  }
  button.reply {
    cursor: pointer;
  }
  button.reply:hover {
    background: rgb(127 127 127 / 0.26);
  }
  .reply-body {
    display: flex;
    flex-direction: column;
    min-width: 0;
    flex: 1;
  }
  .reply-from {
    font-weight: 600;
  }
  .reply-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .reply.missing .reply-text,
  .reply-text.deleted {
    font-style: italic;
  }
  .reply-thumb {
    width: 36px;
    height: 36px;
    object-fit: cover;
    border-radius: 4px;
    flex: none;
  }
  .forwarded {
    display: block;
    font-size: 12px;
    font-style: italic;
    opacity: 0.8;
    margin-bottom: 2px;
  }
  .starred {
    color: #f5b400;
  }
  .bubble.deleted {
    background: transparent;
    color: var(--_muted);
    border: 1px dashed var(--_border);
  }
  .bubble.deleted .text {
    font-style: italic;
  }
  .bubble.deleted .meta {
    color: var(--_muted);
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 2px 4px 2px;
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    min-height: 26px;
    padding: 1px 8px;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
    font-size: 13px;
    cursor: pointer;
  }
  .reaction[aria-pressed='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
  }
  .reaction:disabled {
    cursor: default;
  }
  .reaction .count {
    font-variant-numeric: tabular-nums;
  }
  .row.highlight .bubble {
    animation: chat-highlight 1.6s ease-out;
  }
  /* A ring apart from the bubble (a gap of the background): a ring touching it would vanish around a
     sent bubble, which has the accent's colour. */
  @keyframes chat-highlight {
    0%, 40% { box-shadow: 0 0 0 2px var(--_bg), 0 0 0 5px var(--_accent); }
    100% { box-shadow: 0 0 0 2px transparent, 0 0 0 5px transparent; }
  }
  @media (prefers-reduced-motion: reduce) {
    .row.highlight .bubble {
      animation: none;
      box-shadow: 0 0 0 2px var(--_bg), 0 0 0 5px var(--_accent);
    }
  }
`;
