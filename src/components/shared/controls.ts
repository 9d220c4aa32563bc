/** The controls list, thread and launcher share: text fields, the accent button and glyph buttons
 * (back, close). Elements add these classes and keep only their own sizes and placement. */
import { css } from 'lit';

export const controlStyles = css`
  /* A text field: the list's filter and new-chat inputs, the thread's composer. */
  .field {
    font: inherit;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 10px;
    padding: 8px 10px;
    min-width: 0;
  }
  /* Phones zoom into a field whose text is under 16px. */
  @media (max-width: 480px) {
    .field {
      font-size: 16px;
    }
  }
  /* The accent button: the list's Start, the thread's Send. */
  .primary {
    font: inherit;
    border: 0;
    border-radius: 10px;
    padding: 8px 12px;
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
  }
  .primary:disabled {
    opacity: 0.5;
    cursor: default;
  }
  /* The quiet button beside a .primary one: Cancel in the thread's bars and dialogs. */
  .secondary {
    font: inherit;
    padding: 8px 12px;
    border-radius: 10px;
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .secondary:hover {
    background: var(--_surface);
  }
  /* A button showing one glyph (back, close), a square target of --_icon-button-size. */
  .icon-button {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    font-size: 24px;
    line-height: 1;
    min-width: var(--_icon-button-size, 40px);
    min-height: var(--_icon-button-size, 40px);
    display: grid;
    place-items: center;
    border-radius: 10px;
    color: inherit;
  }
  .icon-button:hover {
    background: var(--_surface);
  }
  .icon-button:focus-visible {
    outline: 2px solid var(--_accent);
  }
  /* A line of news across the top of a view: the connection state, a failed sign-in. */
  .banner {
    margin: 0;
    padding: 6px 12px;
    font-size: 12px;
    color: var(--_muted);
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .banner.danger {
    color: var(--_danger);
  }
`;
