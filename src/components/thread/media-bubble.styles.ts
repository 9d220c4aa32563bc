import { css } from 'lit';

/** The file parts of bubbles: pictures fill the bubble's width at their own aspect ratio. */
export const mediaStyles = css`
  .bubble.has-media {
    padding: 4px 4px 5px;
    width: min(280px, 100%);
    box-sizing: border-box;
  }
  .bubble.has-media > .text,
  .bubble.has-media > .meta,
  .bubble.has-media > .error {
    padding: 0 7px;
  }
  .media.image,
  .media.video {
    display: block;
    width: 100%;
    height: auto;
    min-height: 60px;
    max-height: 420px;
    object-fit: cover;
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_surface);
  }
  /* A thumbnail with the full picture stacked over it (media-bubble.ts linkedImage). */
  .media.image.stack {
    position: relative;
    overflow: hidden;
  }
  .stack > img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .stack > .full {
    position: absolute;
    inset: 0;
  }
  .stack.loaded > .thumb {
    opacity: 0;
  }
  .stack.failed > .full {
    display: none;
  }
  .media-open {
    display: block;
    cursor: zoom-in;
  }
  .media.audio {
    display: grid;
    gap: 4px;
    padding: 4px 6px;
    white-space: normal;
  }
  .media.audio audio {
    width: 100%;
    height: 36px;
  }
  .audio-head {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    min-width: 0;
  }
  .media-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .duration {
    font-size: 12px;
    opacity: 0.8;
  }
  .timed .duration {
    display: none;
  }
  .media.document {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 6px;
    white-space: normal;
  }
  .doc-icon {
    flex: none;
    width: 40px;
    height: 48px;
    border-radius: 6px;
    display: grid;
    place-items: center;
    font-size: 10px;
    font-weight: 700;
    color: #fff;
    background: #546e7a;
    overflow: hidden;
  }
  .doc-icon.pdf { background: #d32f2f; }
  .doc-icon.text { background: #1e63c4; }
  .doc-icon.sheet { background: #1b8a4b; }
  .doc-icon.slides { background: #d2691e; }
  .doc-icon.archive { background: #6d4c8d; }
  .doc-text {
    min-width: 0;
    flex: 1;
    display: grid;
  }
  /* The stem shortens, the extension stays (fileNameView). */
  .doc-name {
    display: flex;
    min-width: 0;
    white-space: nowrap;
    font-weight: 600;
  }
  .doc-name > .stem {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .doc-name > .ext {
    flex: none;
  }
  .doc-size {
    font-size: 12px;
    opacity: 0.8;
  }
  .download {
    flex: none;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    text-decoration: none;
    font-size: 18px;
    color: inherit;
    border: 1px solid currentColor;
  }
  .sealed-open {
    flex: none;
    font: inherit;
    font-size: 13px;
    padding: 6px 12px;
    border-radius: 16px;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    cursor: pointer;
  }
  .sealed-error {
    white-space: normal;
  }
  .download:focus-visible,
  .sealed-open:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .caption {
    margin-top: 4px;
  }
`;
