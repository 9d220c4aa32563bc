/** A popup menu and its confirmation dialog: the thread's message menu, a chat's menu (its row in the
 * list, the thread's header). The menu is placed (absolute) by its controller inside its element. */
import { css } from 'lit';

export const popupMenuStyles = css`
  .menu {
    position: absolute;
    z-index: 5;
    min-width: 200px;
    max-width: calc(100% - 16px);
    box-sizing: border-box;
    padding: 6px;
    display: grid;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: 12px;
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.18);
  }
  .menu-item {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    border-radius: 8px;
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 10px;
  }
  .menu-icon {
    width: 18px;
    display: grid;
    place-items: center;
    color: var(--_muted);
  }
  /* Red that keeps its contrast on a dark background too. */
  .menu-item.danger,
  .menu-item.danger .menu-icon {
    color: color-mix(in srgb, var(--_danger) 60%, var(--_fg));
  }
  /* An item, or a reaction of the message menu's first row. */
  .menu-item:hover,
  .menu-item:focus-visible,
  .menu-emoji:hover,
  .menu-emoji:focus-visible {
    background: var(--_surface);
    outline: none;
  }
  .menu-item:focus-visible,
  .menu-emoji:focus-visible {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .confirm {
    max-width: min(340px, calc(100% - 32px));
    padding: 18px;
    border: 1px solid var(--_border);
    border-radius: 14px;
    background: var(--_bg);
    color: var(--_fg);
  }
  .confirm::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .confirm h2 {
    margin: 0 0 6px;
    font-size: 16px;
  }
  .confirm p {
    margin: 0 0 16px;
    color: var(--_muted);
  }
  .confirm-buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .confirm .danger {
    background: var(--_danger);
    color: #fff;
  }
`;
