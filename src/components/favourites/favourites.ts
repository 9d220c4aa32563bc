/** The favourites view (loaded on demand from the launcher's ★ button): a modal `<dialog>` in the
 * launcher's shadow root listing this account's starred messages across chats, newest first (the
 * binding's `favouriteMessages()`, kept live through its `favourites` event, also when another device
 * stars or unstars). Each shows its chat, time, and text (first line) or file kind; picking one opens
 * its chat in the launcher and jumps to the message (the thread's `jumpTo`). */
import { html, render } from 'lit';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';
import { displayName, formatShort } from '../shared/format.js';
import { mediaLabel } from '../shared/media-label.js';

/** What the view needs of the launcher. */
export interface FavouritesHost extends HTMLElement {
  readonly binding?: ChatBinding;
  readonly updateComplete: Promise<boolean>;
  openChat(jid: string): void;
}

const STYLE = `
dialog.favourites { width: min(440px, 94vw); max-height: min(640px, 90vh); padding: 0; border: 0; border-radius: 12px;
  background: var(--_bg, Canvas); color: var(--_fg, CanvasText); box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); }
dialog.favourites[open] { display: flex; flex-direction: column; }
dialog.favourites::backdrop { background: rgb(0 0 0 / 0.5); }
.v-head { display: flex; align-items: center; gap: 8px; padding: 8px 8px 8px 16px; }
.v-head h2 { flex: 1; margin: 0; font-size: 17px; }
.v-list { list-style: none; margin: 0; padding: 0 8px 12px; overflow-y: auto; }
.v-list button { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; width: 100%; padding: 8px 10px;
  border: 0; border-radius: 8px; background: transparent; color: inherit; font: inherit; text-align: start; cursor: pointer; }
.v-list button:hover { background: var(--_surface); }
.v-chat { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.v-time { font-size: 12px; color: var(--_muted); }
.v-text { grid-column: 1 / -1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 14px; }
.v-text::before { content: '★ '; color: #f5b400; }
.v-empty { padding: 24px 16px; text-align: center; color: var(--_muted); }
`;

/** The first line of a message's text, or its file's kind (and caption). */
const summary = (m: ChatMessage): string => {
  const line = m.body.trim().split('\n', 1)[0] ?? '';
  const label = m.msgType === 'text' ? '' : mediaLabel(m.msgType, m.media?.fileName);
  return label && line ? `${label} · ${line}` : label || line;
};

/** Waits (up to `ms`) for `probe` to answer. */
async function until<T>(probe: () => T | null | undefined, ms = 8000): Promise<T | undefined> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 40))) {
    const v = probe();
    if (v) return v;
  }
  return undefined;
}

/** Opens the chat of `m` in `host` and, once the thread has opened, jumps to the message. */
export async function openFavourite(host: FavouritesHost, m: ChatMessage): Promise<boolean> {
  host.openChat(m.chatJid);
  await host.updateComplete;
  const thread = await until(() => host.shadowRoot?.querySelector('chat-thread'));
  if (!thread) return false;
  await customElements.whenDefined('chat-thread');
  const t = thread as HTMLElement & { jumpTo?: (id: string) => Promise<boolean> };
  // Opened: its latest messages are laid out (the list stops being invisible).
  const ready = await until(() => t.shadowRoot?.querySelector('lit-virtualizer:not(.opening) [data-key]'));
  return ready && t.jumpTo ? t.jumpTo(m.msgId) : false;
}

/** Shows the view in `host`'s shadow root; focus goes back to `opener` (by default the launcher's ★
 * button) when it closes, unless a chat was opened from it. */
export function openFavourites(host: FavouritesHost, opener = host.shadowRoot?.querySelector<HTMLElement>('[part="favourites-button"]')): HTMLDialogElement | undefined {
  const binding = host.binding;
  const root = host.shadowRoot;
  if (!binding || !root) return undefined;
  root.querySelector('dialog.favourites')?.remove();
  const dialog = document.createElement('dialog');
  dialog.className = 'favourites';
  dialog.setAttribute('part', 'favourites');
  dialog.setAttribute('aria-labelledby', 'favourites-title');
  let list: ChatMessage[] | undefined;
  let picked = false;

  const pick = (m: ChatMessage) => {
    picked = true;
    dialog.close();
    void openFavourite(host, m);
  };
  const draw = () => render(html`<style>${STYLE}</style>
    <div class="v-head"><h2 id="favourites-title">${msg('Starred messages')}</h2>
      <button type="button" class="icon-button" part="favourites-close" aria-label=${msg('Close starred messages')} @click=${() => dialog.close()}>×</button></div>
    ${list === undefined ? html`<p class="v-empty" role="status">${msg('Loading…')}</p>`
      : list.length === 0 ? html`<p class="v-empty">${msg('No starred messages yet.')}</p>`
      : html`<ul class="v-list" aria-label=${msg('Starred messages')}>${list.map((m) => html`<li><button type="button" part="favourites-item"
          data-chat=${m.chatJid} data-id=${m.msgId} @click=${() => pick(m)}>
          <span class="v-chat" dir="auto">${displayName(m.chatJid)}</span>
          <span class="v-time">${formatShort(m.timestamp)}</span>
          <span class="v-text">${m.outgoing ? `${msg('You:', { desc: 'Before the last message of a chat, when I sent it' })} ` : ''}<bdi>${summary(m)}</bdi></span></button></li>`)}</ul>`}`, dialog);

  const off = binding.on('favourites', (next) => {
    list = next;
    draw();
  });
  draw();
  binding.favouriteMessages().then((first) => {
    // A live update that came meanwhile is newer.
    list ??= first;
    draw();
  }, (error: unknown) => {
    console.warn('[chat-widget] could not read the starred messages:', error);
    list ??= [];
    draw();
  });
  // Escape closes this dialog only, not the launcher around it.
  dialog.addEventListener('keydown', (e) => e.key === 'Escape' && e.stopPropagation());
  dialog.addEventListener('close', () => {
    off();
    dialog.remove();
    if (!picked && opener?.isConnected) opener.focus();
  });
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
  root.append(dialog);
  dialog.showModal();
  dialog.querySelector<HTMLElement>('[part="favourites-close"]')?.focus();
  return dialog;
}
