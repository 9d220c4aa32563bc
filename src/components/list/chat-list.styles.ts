import { css } from 'lit';

export const listStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--_bg);
    font-size: 14px;
  }
  .tools {
    display: grid;
    gap: 8px;
    padding: 12px;
    border-bottom: 1px solid var(--_border);
  }
  .tools > *,
  form > * {
    min-width: 0;
  }
  form {
    display: flex;
    gap: 6px;
  }
  form input {
    flex: 1;
  }
  .error {
    color: var(--_danger);
    font-size: 12px;
    margin: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 4px 0;
    overflow-y: auto;
    flex: 1;
  }
  li button {
    all: unset;
    box-sizing: border-box;
    display: grid;
    grid-template-columns: 40px 1fr auto;
    grid-template-rows: auto auto;
    column-gap: 10px;
    row-gap: 2px;
    width: 100%;
    padding: 10px 12px;
    cursor: pointer;
  }
  li button:hover,
  li button[aria-current='true'] {
    background: var(--_surface);
  }
  li button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .avatar {
    grid-row: 1 / span 2;
  }
  /* Name and preview read in their own direction (dir="auto") but line up with the list's. */
  .name,
  .preview {
    text-align: -webkit-match-parent; /* Chromium, Safari */
    text-align: match-parent;
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .time {
    font-size: 12px;
    color: var(--_muted);
    justify-self: end;
  }
  .preview {
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* "You:" and my message: the message is a box of its own, cut at its own end, so a long message
     in the other direction than the list's (English in Arabic) still shows its start. */
  .preview.own {
    display: flex;
    align-items: baseline;
    gap: 0.25em;
  }
  .preview.own > * {
    flex: none;
  }
  .preview.own > bdi {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview.typing {
    color: var(--_accent);
    font-style: italic;
  }
  .unread {
    justify-self: end;
    min-width: 20px;
    height: 20px;
    padding: 0 6px;
    box-sizing: border-box;
    border-radius: 10px;
    background: var(--_accent);
    color: var(--_accent-fg);
    font-size: 12px;
    font-weight: 600;
    display: grid;
    place-items: center;
  }
  .empty {
    padding: 24px 16px;
    color: var(--_muted);
    text-align: center;
  }
`;
