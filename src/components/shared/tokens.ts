/** Design tokens: every element reads the public `--chat-*` custom properties, with defaults, and
 * switches to dark colours with `prefers-color-scheme` or a `theme="dark"` attribute. */
import { css } from 'lit';

// One set of dark colours, used by the attribute and by the system preference.
const dark = css`
  --_bg: var(--chat-bg, #16191d);
  --_fg: var(--chat-fg, #e7eaee);
  --_muted: var(--chat-muted, #9aa4b1);
  --_border: var(--chat-border, #2b3138);
  --_surface: var(--chat-surface, #1e2227);
  --_bubble-in: var(--chat-bubble-in, #262b31);
  color-scheme: dark;
`;

export const tokens = css`
  :host {
    --_accent: var(--chat-accent, #2563eb);
    --_accent-fg: var(--chat-accent-fg, #ffffff);
    --_bg: var(--chat-bg, #ffffff);
    --_fg: var(--chat-fg, #1b1f24);
    --_muted: var(--chat-muted, #5b6572);
    --_border: var(--chat-border, #e3e7ec);
    --_surface: var(--chat-surface, #f5f7fa);
    --_bubble-in: var(--chat-bubble-in, #eef1f5);
    --_bubble-in-fg: var(--chat-bubble-in-fg, var(--_fg));
    --_bubble-out: var(--chat-bubble-out, var(--_accent));
    --_bubble-out-fg: var(--chat-bubble-out-fg, var(--_accent-fg));
    --_danger: var(--chat-danger, #c62828);
    --_radius: var(--chat-radius, 16px);
    --_font: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-family: var(--_font);
    color: var(--_fg);
    color-scheme: light;
    /* Text lines up with its own direction, not with an alignment the page sets around the element
       (text-align is inherited into the shadow root). */
    text-align: start;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
