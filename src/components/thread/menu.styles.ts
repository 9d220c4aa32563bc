/** The message menu's own parts (its reactions, the emoji field), its button on the bubbles and the
 * composer's reply and edit bars; the menu itself and the confirmation: shared/menu.styles.ts. */
import { css } from 'lit';

export const menuStyles = css`
  .row {
    -webkit-touch-callout: none;
  }
  /* The bubble and its menu button side by side, the button at the bubble's middle. */
  .line {
    display: flex;
    align-items: center;
    gap: 2px;
    width: 100%;
  }
  .out .line {
    justify-content: flex-end;
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  /* Touch screens open the menu with a long press: it must not start a text selection instead. */
  @media (hover: none) {
    .bubble {
      user-select: none;
      -webkit-user-select: none;
    }
    .menu-button {
      display: none;
    }
  }
  .menu-button {
    all: unset;
    flex: none;
    cursor: pointer;
    width: 28px;
    height: 28px;
    display: grid;
    place-items: center;
    border-radius: 50%;
    color: var(--_muted);
    font-size: 18px;
    line-height: 1;
    visibility: hidden;
  }
  .out .menu-button {
    order: -1;
  }
  .row:hover .menu-button,
  .row:focus-within .menu-button {
    visibility: visible;
  }
  .menu-button:hover {
    background: var(--_surface);
    color: var(--_fg);
  }
  .menu-reactions {
    display: flex;
    gap: 2px;
    padding-bottom: 6px;
    margin-bottom: 4px;
    border-bottom: 1px solid var(--_border);
  }
  .menu-emoji {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    border-radius: 8px;
  }
  .menu-emoji {
    width: 34px;
    height: 34px;
    display: grid;
    place-items: center;
    font-size: 20px;
    /* Colour emoji, not a text font's black-and-white faces of some of them. */
    font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', var(--_font);
  }
  .menu-emoji[aria-checked='true'] {
    background: color-mix(in srgb, var(--_accent) 22%, transparent);
  }
  .menu-emoji.more {
    font-size: 22px;
    color: var(--_muted);
  }
  .menu.more {
    gap: 6px;
    padding: 10px;
    font-size: 13px;
  }
  .more-row {
    display: flex;
    gap: 6px;
  }
  .more-row .field {
    flex: 1;
    width: 0;
    font-size: 18px;
  }
  .compose-bar {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 0 12px;
    padding: 6px 6px 6px 10px;
    border-inline-start: 3px solid var(--_accent);
    border-radius: 8px 8px 0 0;
    background: var(--_surface);
  }
  .compose-bar + form,
  .compose-bar + .attach-preview {
    border-top-color: transparent;
  }
  .compose-bar-text {
    display: grid;
    min-width: 0;
    font-size: 13px;
  }
  .compose-bar-text > * {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-align: start;
  }
  .compose-bar-gist {
    color: var(--_muted);
  }
  .compose-bar .remove {
    --_icon-button-size: 32px;
    font-size: 20px;
    margin-inline-start: auto;
  }
`;
