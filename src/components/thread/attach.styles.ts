import { css } from 'lit';

/** The composer's attach button and file preview; the upload ring and retry of our own file bubbles. */
export const attachStyles = css`
  .attach {
    --_icon-button-size: 40px;
    font-size: 20px;
    flex: none;
    border-radius: 50%;
    color: var(--_muted);
  }
  /* The composer's band grows to hold the file's card above the input. */
  .attach-area {
    padding: 10px 12px 0;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
  }
  .attach-preview {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: 12px;
    background: var(--_surface);
    color: var(--_fg);
  }
  .attach-area + form {
    border-top: 0;
    padding-top: 8px;
  }
  .preview-thumb {
    flex: none;
    width: 56px;
    height: 56px;
    object-fit: cover;
    border-radius: 8px;
    background: var(--_bg);
  }
  .attach-preview .remove {
    --_icon-button-size: 36px;
    font-size: 22px;
    margin-inline-start: auto;
  }
  .bubble.has-media {
    position: relative;
  }
  /* A file on its way has its ring to say so: it is not dimmed as a pending text is. */
  .out.pending .bubble.has-media {
    opacity: 1;
  }
  .upload {
    position: absolute;
    top: 12px;
    inset-inline-start: 12px;
    width: 44px;
    height: 44px;
    display: grid;
    place-items: center;
  }
  .progress {
    position: absolute;
    inset: 0;
    width: 44px;
    height: 44px;
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: rgb(0 0 0 / 55%);
  }
  .progress svg {
    position: absolute;
    inset: 2px;
    width: 40px;
    height: 40px;
    transform: rotate(-90deg);
  }
  .progress circle {
    fill: none;
    stroke-width: 3;
  }
  .progress .track {
    stroke: rgb(255 255 255 / 30%);
  }
  .progress .bar {
    stroke: #fff;
    stroke-linecap: round;
    transition: stroke-dasharray 0.2s;
  }
  .cancel-upload {
    all: unset;
    position: relative;
    cursor: pointer;
    color: #fff;
    font-size: 20px;
    line-height: 1;
    width: 32px;
    height: 32px;
    display: grid;
    place-items: center;
    border-radius: 50%;
  }
  .cancel-upload:focus-visible,
  .retry:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .retry {
    font: inherit;
    font-size: 12px;
    margin: 4px 7px 2px;
    padding: 3px 10px;
    border-radius: 999px;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .drop-hint {
    position: absolute;
    inset: 6px;
    z-index: 2;
    display: grid;
    place-items: center;
    pointer-events: none;
    border: 2px dashed var(--_accent);
    border-radius: 12px;
    background: color-mix(in srgb, var(--_bg) 88%, transparent);
    color: var(--_accent);
    font-weight: 600;
  }
`;
