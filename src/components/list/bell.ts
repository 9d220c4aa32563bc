/** The bell in the list's header: whether browser notifications are on, off or blocked, and the one
 * place the widget asks for permission (a click: a user gesture; never on load or from a message).
 * Not shown when the `notifications` feature is off or the browser has no Notification API. */
import { css, html, nothing, svg, type LitElement } from 'lit';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';

export const bellStyles = css`
  .bell {
    justify-self: end;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 8px;
    border: 0;
    border-radius: 6px;
    background: none;
    color: var(--_muted);
    font: inherit;
    font-size: 12px;
    cursor: pointer;
  }
  .bell:hover { background: rgba(127, 127, 127, 0.12); }
  .bell svg { width: 18px; height: 18px; fill: currentColor; }
  .bell[data-state='granted'] { color: var(--_fg); }
`;

const BELL = 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.1-1.6-5.6-4.5-6.3V4a1.5 1.5 0 0 0-3 0v.7C7.6 5.4 6 7.9 6 11v5l-2 2v1h16v-1l-2-2z';
const SLASH = 'M3.3 2.3 2 3.6l18.4 18.4 1.3-1.3z';

/** The bell for `list` (re-rendered, with its launcher, once the browser answers). */
export function bell(list: LitElement & { binding?: ChatBinding }) {
  const api = (globalThis as { Notification?: typeof Notification }).Notification;
  if (!api || !list.binding?.features.notifications) return nothing;
  const state = api.permission;
  const [label, title] = state === 'granted'
    ? [msg('Notifications on'), msg('New messages show a notification while this page is in the background (turn them off in the browser\'s site settings)')]
    : state === 'denied'
      ? [msg('Notifications blocked'), msg('This browser blocks notifications from this site: allow them in its site settings')]
      : [msg('Notifications off'), msg('Turn on notifications of new messages')];
  const ask = async () => {
    await api.requestPermission();
    list.requestUpdate();
    // Once permission is granted, a launcher around the list starts its notifier (chat-launcher.ts); a
    // list on its own starts its own (chat-list.ts).
    ((list.getRootNode() as ShadowRoot).host as LitElement | undefined)?.requestUpdate?.();
  };
  return html`<button type="button" class="bell" part="notify-bell" data-state=${state} title=${title} @click=${ask}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${BELL}></path>${state === 'granted' ? nothing : svg`<path d=${SLASH}></path>`}</svg>
    <span>${label}</span>
  </button>`;
}
