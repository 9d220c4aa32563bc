import { css } from 'lit';

export const launcherStyles = css`
  :host {
    position: fixed;
    z-index: var(--chat-z-index, 2147483000);
    bottom: var(--chat-offset, 20px);
    right: var(--chat-offset, 20px);
    font-size: 14px;
  }
  /* On the left: *-left always; *-start in a left-to-right language, *-end (the default) in a
     right-to-left one. The panel opens from the same side, so it stays on screen. */
  :host([position$='left']),
  :host([position$='start']:dir(ltr)),
  :host([position$='end']:dir(rtl)),
  :host(:not([position]):dir(rtl)) {
    right: auto;
    left: var(--chat-offset, 20px);
  }
  :host([position^='top']) {
    bottom: auto;
    top: var(--chat-offset, 20px);
  }
  .button {
    position: relative;
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: 0;
    background: var(--_accent);
    color: var(--_accent-fg);
    box-shadow: 0 6px 20px rgb(0 0 0 / 22%);
    cursor: pointer;
    display: grid;
    place-items: center;
    transition: transform 120ms ease;
  }
  .button:hover {
    transform: scale(1.05);
  }
  .button svg {
    width: 26px;
    height: 26px;
    fill: currentColor;
  }
  /* The speech bubble's tail points the way the text runs. */
  .button svg:dir(rtl) {
    transform: scaleX(-1);
  }
  .badge {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    box-sizing: border-box;
    border-radius: 11px;
    background: var(--_danger);
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    display: grid;
    place-items: center;
    border: 2px solid var(--_bg);
  }
  .panel {
    position: absolute;
    bottom: 72px;
    right: 0;
    width: var(--chat-panel-width, 380px);
    height: var(--chat-panel-height, min(600px, calc(100vh - 120px)));
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: 16px;
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
    overflow: hidden;
  }
  /* Beside the button on wide screens; on phones the panel takes the whole screen from any corner. */
  @media not all and (max-width: 480px) {
    :host([position$='left']) .panel,
    :host([position$='start']:dir(ltr)) .panel,
    :host([position$='end']:dir(rtl)) .panel,
    :host(:not([position]):dir(rtl)) .panel {
      right: auto;
      left: 0;
    }
    :host([position^='top']) .panel {
      bottom: auto;
      top: 72px;
    }
  }
  .panel-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 12px 14px;
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .panel-header h2 {
    margin: 0;
    font-size: 16px;
  }
  .panel-header small {
    display: block;
    font-size: 12px;
  }
  /* A smaller target than the thread's, so the title bar keeps its height; on the accent colour. */
  .favs {
    margin-inline-start: auto;
  }
  .close,
  .favs {
    --_icon-button-size: 32px;
    font-size: 22px;
    border-radius: 8px;
  }
  .close:hover,
  .favs:hover {
    background: rgb(255 255 255 / 16%);
  }
  .close:focus-visible {
    outline: 2px solid var(--_accent-fg);
  }
  chat-list,
  chat-thread {
    flex: 1;
    min-height: 0;
  }
  .notice {
    padding: 8px 14px;
  }
  @media (max-width: 480px) {
    .panel {
      position: fixed;
      inset: 0;
      width: auto;
      height: auto;
      border-radius: 0;
      border: 0;
    }
    :host([open]) .button {
      display: none;
    }
  }
`;
