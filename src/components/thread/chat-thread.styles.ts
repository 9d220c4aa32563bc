import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { controlStyles } from '../shared/controls.js';
import { avatarStyles } from '../shared/avatar.js';
import { mediaStyles } from './media-bubble.styles.js';
import { attachStyles } from './attach.styles.js';
import { voiceStyles } from './voice.styles.js';
import { menuStyles } from './menu.styles.js';
import { popupMenuStyles } from '../shared/menu.styles.js';
import { extrasStyles } from './extras.styles.js';
import { selectionStyles } from './selection.styles.js';

export const threadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--_bg);
    font-size: 14px;
    position: relative;
  }
  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 12px;
    border-bottom: 1px solid var(--_border);
    background: var(--_bg);
  }
  .close {
    margin-inline-start: auto;
  }
  header .avatar {
    --_avatar-size: 36px;
  }
  .who {
    flex: 1;
    min-width: 0;
    display: grid;
  }
  /* Name and subtitle read in their own direction (dir="auto") but line up with the header's. */
  .who > * {
    text-align: -webkit-match-parent; /* Chromium, Safari */
    text-align: match-parent;
  }
  .who strong {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who small {
    color: var(--_muted);
    font-size: 12px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who small.typing {
    color: var(--_accent);
  }
  lit-virtualizer.opening {
    visibility: hidden;
  }
  lit-virtualizer {
    flex: 1;
    min-height: 0;
    background: var(--_bg);
  }
  .day {
    width: 100%;
    text-align: center;
    padding: 10px 0 6px;
  }
  .day span {
    font-size: 12px;
    color: var(--_muted);
    background: var(--_surface);
    border-radius: 999px;
    padding: 3px 10px;
  }
  .row {
    width: 100%;
    box-sizing: border-box;
    display: flex;
    padding: 1px 12px;
  }
  .row.first {
    padding-top: 6px;
  }
  .row.last {
    padding-bottom: 10px;
  }
  .row.out {
    justify-content: flex-end;
  }
  .bubble {
    max-width: min(78%, 520px);
    padding: 7px 11px 5px;
    border-radius: var(--_radius);
    background: var(--_bubble-in);
    color: var(--_bubble-in-fg);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.35;
  }
  /* A message lines up with the start of its own direction (dir="auto"): an Arabic one at its right
     edge, an English one at its left, in a thread of either language. */
  .text {
    text-align: start;
    /* Each line takes the direction of its own text (an Arabic line under a quoted English one). */
    unicode-bidi: plaintext;
  }
  .out .bubble {
    background: var(--_bubble-out);
    color: var(--_bubble-out-fg);
  }
  .out.pending .bubble {
    opacity: 0.75;
  }
  .out.failed .bubble {
    background: transparent;
    color: var(--_fg);
    border: 1px solid var(--_danger);
  }
  .meta {
    display: block;
    text-align: end;
    font-size: 11px;
    color: var(--_muted);
    margin-top: 2px;
    white-space: nowrap;
  }
  .out .meta {
    color: inherit;
  }
  .edited {
    font-style: italic;
  }
  .tick.seen {
    color: var(--chat-seen, #b9f6d0);
  }
  .in .tick.seen {
    color: var(--_accent);
  }
  .error {
    display: block;
    color: var(--_danger);
    font-size: 12px;
    margin-top: 3px;
    white-space: normal;
  }
  .empty {
    margin: auto;
    color: var(--_muted);
    padding: 24px;
    text-align: center;
  }
  /* The jump button floats over the bottom of the list, above whatever the composer shows (a reply or
     edit bar, a file's preview). */
  .jump-dock {
    position: relative;
    height: 0;
  }
  .jump {
    position: absolute;
    inset-inline-end: 16px;
    bottom: 12px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    border-radius: 999px;
    padding: 6px 12px;
    font: inherit;
    font-size: 13px;
    box-shadow: 0 2px 10px rgb(0 0 0 / 15%);
    cursor: pointer;
  }
  .jump b {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-radius: 999px;
    padding: 0 6px;
    margin-inline-start: 4px;
  }
  form {
    display: flex;
    gap: 8px;
    align-items: flex-end;
    padding: 10px 12px;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
  }
  textarea.field {
    flex: 1;
    resize: none;
    border-radius: 18px;
    padding: 9px 14px;
    max-height: 140px;
    min-height: 20px;
    line-height: 20px;
    field-sizing: content;
  }
  .send {
    border-radius: 50%;
    width: 40px;
    height: 40px;
    padding: 0;
    flex: none;
    font-size: 18px;
  }
  /* The arrow points the way the text runs. (The back button's ‹ mirrors by itself: a bidi-mirrored character.) */
  .send:dir(rtl) {
    transform: scaleX(-1);
  }
  .composer-error {
    margin: 0;
    padding: 0 14px 8px;
    color: var(--_danger);
    font-size: 12px;
  }
  .loading {
    text-align: center;
    color: var(--_muted);
    font-size: 12px;
    padding: 4px;
  }
`;

/** Every style sheet of <chat-thread>, in cascade order (a later sheet wins a tie). */
export const chatThreadStyles = [tokens, controlStyles, avatarStyles, threadStyles, mediaStyles, attachStyles, voiceStyles, popupMenuStyles, menuStyles, extrasStyles, selectionStyles];
