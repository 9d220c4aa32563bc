/** The forward dialog (loaded on demand by forward.ts): a modal `<dialog>` listing the recent chats as
 * checkboxes under a filter; "Forward" sends the messages to every checked chat with the binding's
 * `forwardMessages` and closes; a failure is said in the dialog (which stays open to try again).
 * Keyboard: Tab through filter, chats (Space checks), Cancel and Forward; Enter in the filter checks
 * the only chat left; Escape closes. */
import { html, render } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';
import { SdkError } from '../../model/errors.js';
import { displayName, formatCount } from '../shared/format.js';
import { avatar } from '../shared/avatar.js';

const STYLE = `
dialog.forward { width: min(420px, 94vw); max-height: min(600px, 90vh); padding: 0; border: 0; border-radius: 12px;
  background: var(--_bg, Canvas); color: var(--_fg, CanvasText); box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); }
dialog.forward[open] { display: flex; flex-direction: column; }
dialog.forward::backdrop { background: rgb(0 0 0 / 0.5); }
.f-head { padding: 12px 16px 4px; }
.f-head h2 { margin: 0; font-size: 17px; }
.f-head p { margin: 2px 0 0; font-size: 13px; color: var(--_muted); }
.f-filter { margin: 8px 16px; }
.f-list { list-style: none; margin: 0; padding: 0 8px; overflow-y: auto; flex: 1; min-height: 80px; }
.f-list label { display: flex; align-items: center; gap: 10px; padding: 6px 8px; border-radius: 8px; cursor: pointer;
  --_avatar-size: 32px; }
.f-list label:hover { background: var(--_surface); }
.f-list input { width: 18px; height: 18px; margin: 0; accent-color: var(--_accent); }
.f-list .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.f-empty { padding: 16px; text-align: center; color: var(--_muted); }
.f-status { margin: 4px 16px 0; font-size: 13px; min-height: 1.3em; }
.f-status.error { color: var(--_danger); }
.f-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 8px 16px 14px; }
.f-filter .field { width: 100%; box-sizing: border-box; }
`;

/** Opens the dialog in `root`; resolves to it once shown. */
export function showForward(root: ShadowRoot | HTMLElement, binding: ChatBinding, messages: ChatMessage[], opener: HTMLElement | null): HTMLDialogElement {
  root.querySelector('dialog.forward')?.remove();
  const dialog = document.createElement('dialog');
  dialog.className = 'forward';
  dialog.setAttribute('part', 'forward');
  dialog.setAttribute('aria-labelledby', 'forward-title');
  const fromJid = messages[0].chatJid;
  const chosen = new Set<string>();
  let filter = '';
  let busy = false;
  let status = '';
  let failed = false;

  const matches = () => {
    const q = filter.trim().toLowerCase();
    return binding.recentChats.filter((c) => !q || c.chatJid.includes(q) || displayName(c.chatJid).toLowerCase().includes(q));
  };
  const toggle = (jid: string, on: boolean) => {
    if (on) chosen.add(jid);
    else chosen.delete(jid);
    draw();
  };
  const onFilterKey = (e: KeyboardEvent) => {
    const list = matches();
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (list.length === 1) toggle(list[0].chatJid, !chosen.has(list[0].chatJid));
  };
  const send = async () => {
    if (busy || chosen.size === 0) return;
    busy = true;
    failed = false;
    status = msg('Forwarding…');
    draw();
    try {
      await binding.forwardMessages({ fromJid, toJids: [...chosen], messageIds: messages.map((m) => m.msgId) });
      dialog.close();
    } catch (error) {
      failed = true;
      status = msg(str`Could not forward: ${error instanceof SdkError ? error.message : String(error)}`);
    }
    busy = false;
    draw();
  };

  function draw() {
    const list = matches();
    const count = messages.length === 1 ? msg('1 message') : msg(str`${formatCount(messages.length)} messages`);
    render(html`<style>${STYLE}</style>
      <div class="f-head"><h2 id="forward-title">${msg('Forward to…')}</h2><p>${count}</p></div>
      <div class="f-filter">
        <label class="visually-hidden" for="forward-filter">${msg('Search chats')}</label>
        <input id="forward-filter" class="field" part="forward-filter" type="search" dir="auto" autocomplete="off"
          placeholder=${msg('Search chats')} .value=${filter} @keydown=${onFilterKey}
          @input=${(e: InputEvent) => { filter = (e.target as HTMLInputElement).value; draw(); }} />
      </div>
      ${list.length === 0
        ? html`<p class="f-empty">${binding.recentChats.length ? msg('No chat matches your search.') : msg('No chats to forward to yet.')}</p>`
        : html`<ul class="f-list" aria-label=${msg('Chats to forward to')}>${list.map((c) => html`<li><label>
            <input type="checkbox" part="forward-target" value=${c.chatJid} .checked=${chosen.has(c.chatJid)} ?disabled=${busy}
              @change=${(e: Event) => toggle(c.chatJid, (e.target as HTMLInputElement).checked)} />
            ${avatar(c.chatJid)}<span class="name" dir="auto">${displayName(c.chatJid)}</span></label></li>`)}</ul>`}
      <p class="f-status ${failed ? 'error' : ''}" role=${failed ? 'alert' : 'status'}>${status}</p>
      <div class="f-foot">
        <button type="button" class="secondary" part="forward-cancel" @click=${() => dialog.close()}>${msg('Cancel')}</button>
        <button type="button" class="primary" part="forward-send" ?disabled=${busy || chosen.size === 0} @click=${send}>${
          chosen.size > 1 ? msg(str`Forward to ${formatCount(chosen.size)} chats`) : chosen.size ? msg('Forward to 1 chat') : msg('Forward')}</button>
      </div>`, dialog);
  }

  draw();
  // Escape closes this dialog only, not the launcher around it.
  dialog.addEventListener('keydown', (e) => e.key === 'Escape' && e.stopPropagation());
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  });
  // A click on the backdrop closes it.
  dialog.addEventListener('click', (e) => e.target === dialog && !busy && dialog.close());
  root.append(dialog);
  dialog.showModal();
  dialog.querySelector<HTMLElement>('#forward-filter')?.focus();
  return dialog;
}
