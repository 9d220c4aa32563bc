import { css } from 'lit';

export const listStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--_bg);
    font-size: 14px;
    position: relative;
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
  li .row {
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
  li:hover .row,
  li .row[aria-current='true'] {
    background: var(--_surface);
  }
  li .row:focus-visible {
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
  .marks {
    justify-self: end;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .muted {
    display: grid;
    color: var(--_muted);
  }
  /* A muted chat's count shows, but does not call for attention. */
  .muted + .unread {
    background: var(--_muted);
    color: var(--_bg);
  }
  /* A chat's ⋯ button in place of the row's time (the unread count below stays in view), shown on the
     row under the mouse or holding the focus, and while its menu or confirmation is open. */
  li {
    position: relative;
    -webkit-touch-callout: none;
  }
  .chat-menu-button {
    --_icon-button-size: 26px;
    position: absolute;
    inset-inline-end: 8px;
    top: 5px;
    font-size: 18px;
    border-radius: 50%;
    color: var(--_muted);
    background: var(--_surface);
    visibility: hidden;
  }
  li:hover .chat-menu-button,
  li:focus-within .chat-menu-button,
  .chat-menu-button.active {
    visibility: visible;
  }
  li:has(.chat-menu-button):is(:hover, :focus-within) .time,
  li:has(.chat-menu-button.active) .time {
    visibility: hidden;
  }
  .chat-menu-button:hover {
    color: var(--_fg);
    background: var(--_border);
  }
  /* Touch screens open the menu with a long press: it must not start a text selection instead. (The
     ⋯ button stays: it shows on the row holding the focus, for a keyboard on a tablet.) */
  @media (hover: none) {
    li .row {
      user-select: none;
      -webkit-user-select: none;
    }
  }
  .archived-entry {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 16px;
    border-top: 1px solid var(--_border);
    color: var(--_muted);
    font-weight: 600;
    cursor: pointer;
  }
  .archived-entry:hover {
    background: var(--_surface);
    color: var(--_fg);
  }
  .archived-entry:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .menu-icon {
    display: grid;
  }
  .archived-header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 4px 8px;
    border-bottom: 1px solid var(--_border);
  }
  .archived-header h2 {
    margin: 0;
    font-size: 15px;
  }
  .empty {
    padding: 24px 16px;
    color: var(--_muted);
    text-align: center;
  }
`;
