/** A chat's menu: Mute/Unmute, Archive/Unarchive, Clear chat, Delete chat, for the chat of a row in
 * <chat-list> (list/row-menu.ts opens it) and for the open chat in <chat-thread>'s header. Each item
 * whose feature is switched off is absent (no item: no menu, no button). Every action first sends its
 * cancelable event (`chat-mute`, `chat-archive`, `chat-clear`, `chat-delete-chat`: vetoed, nothing
 * happens), then calls the binding; Clear and Delete ask first. A failure goes to `failed` (the host
 * sends `chat-error` and shows it). Keys in the menu: arrows, Home and End move, Enter or Space act,
 * Escape or Tab close it and give the focus back to what opened it. */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import type { FeatureFlags, RecentChat } from '../../model/types.js';
import { emit } from './events.js';
import { displayName } from './format.js';
import type { Point } from './long-press.js';
import { moveInMenu, openConfirm, placeMenu } from './popup.js';
import { archiveIcon, bellIcon, bellOffIcon, binIcon, clearIcon } from './icons.js';

/** A chat menu item's `data-action`. */
export type ChatAction = 'mute' | 'unmute' | 'archive' | 'unarchive' | 'clear' | 'delete-chat';

/** The actions on the menu of `chat` (undefined: a chat not in the recent list yet), in their order,
 * for the features switched on. */
export function chatActions(chat: Pick<RecentChat, 'isMuted' | 'isArchived'> | undefined, features: Readonly<Required<FeatureFlags>>): ChatAction[] {
  const actions: ChatAction[] = [];
  if (features.muteChat) actions.push(chat?.isMuted ? 'unmute' : 'mute');
  if (features.archiveChat) actions.push(chat?.isArchived ? 'unarchive' : 'archive');
  if (features.clearChat) actions.push('clear');
  if (features.deleteChat) actions.push('delete-chat');
  return actions;
}

const ICONS = { mute: bellOffIcon, unmute: bellIcon, archive: archiveIcon, unarchive: archiveIcon, clear: clearIcon, 'delete-chat': binIcon };

function labelOf(action: ChatAction): string {
  switch (action) {
    case 'mute': return msg('Mute');
    case 'unmute': return msg('Unmute');
    case 'archive': return msg('Archive');
    case 'unarchive': return msg('Unarchive');
    case 'clear': return msg('Clear chat');
    case 'delete-chat': return msg('Delete chat');
  }
}

export interface ChatMenuHost extends ReactiveControllerHost, HTMLElement {
  readonly binding: ChatBinding | undefined;
}

export interface ChatMenuOptions {
  /** An action was refused (an SdkError): send `chat-error` and show it. */
  failed(error: unknown): void;
  /** The chat was deleted. */
  deleted?(jid: string): void;
  /** Where the focus goes when what opened the menu is gone (a deleted row). */
  fallbackFocus?(): void;
  /** The one chat whose menu may be open (the thread's): another chat opened under it closes it. */
  chat?(): string | undefined;
}

interface Open { jid: string; x: number; y: number; opener: HTMLElement | null }

export class ChatMenu implements ReactiveController {
  /** The menu shown, for chat `jid`, at (x, y) in the host. */
  open: Open | undefined;
  /** Clearing or deleting `jid`, waiting for its confirmation. */
  confirm: { jid: string; action: 'clear' | 'delete-chat'; opener: HTMLElement | null } | undefined;
  private placed = false;

  constructor(private readonly host: ChatMenuHost, private readonly options: ChatMenuOptions) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** The actions of chat `jid`'s menu (none: it is not offered). */
  actions(jid: string): ChatAction[] {
    const binding = this.host.binding;
    return binding ? chatActions(binding.recentChat(jid), binding.features) : [];
  }

  /** Opens chat `jid`'s menu at `at` (in the viewport); `opener` gets the focus back. */
  show(jid: string, at: Point, opener: HTMLElement | null): void {
    if (this.actions(jid).length === 0) return;
    const box = this.host.getBoundingClientRect();
    this.open = { jid, x: at.x - box.left, y: at.y - box.top, opener };
    this.placed = false;
    document.addEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
  }

  /** Opens the menu under `button` (the ⋯ button), or closes it when it is open from there. */
  toggleFrom(jid: string, button: HTMLElement): void {
    if (this.open?.jid === jid) return this.close(true);
    const box = button.getBoundingClientRect();
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    // Lined up with the button's far edge (the menu is placed inside the host, see hostUpdated).
    this.show(jid, { x: rtl ? box.left : box.right - 200, y: box.bottom + 4 }, button);
  }

  /** Closes the menu; `refocus` gives the focus back to what opened it. */
  close(refocus: boolean): void {
    const opener = this.open?.opener;
    if (refocus) this.refocus(opener);
    this.open = undefined;
    document.removeEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
  }

  /** Focuses `opener` now, while it is still shown as the active one (a ⋯ button shows only on a row
   * under the mouse or holding the focus); the confirmation dialog closes first (it makes the rest inert). */
  private refocus(opener: HTMLElement | null | undefined): void {
    this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.chat-confirm')?.close();
    if (opener?.isConnected) opener.focus();
    else void this.host.updateComplete.then(() => this.options.fallbackFocus?.());
  }

  private readonly onOutside = (event: Event) => {
    const menu = this.host.shadowRoot?.querySelector('.chat-menu');
    if (menu && !event.composedPath().includes(menu)) this.close(false);
  };

  /** Places the menu inside the host (above its point when there is no room below), focuses its first
   * item; shows the confirmation dialog. */
  hostUpdated(): void {
    const shown = this.open?.jid ?? this.confirm?.jid;
    if (shown && this.options.chat && shown !== this.options.chat()) {
      this.confirm = undefined;
      this.close(false);
    }
    const root = this.host.shadowRoot;
    openConfirm(root?.querySelector<HTMLDialogElement>('dialog.chat-confirm'));
    const menu = root?.querySelector<HTMLElement>('.chat-menu');
    if (!menu || !this.open || this.placed) return;
    this.placed = true;
    placeMenu(this.host, menu, this.open, '[role="menuitem"]');
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      this.close(true);
      return;
    }
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    moveInMenu(event, items, getComputedStyle(this.host).direction === 'rtl');
  };

  private act(action: ChatAction): void {
    const open = this.open;
    if (!open) return;
    const { jid: toJid, opener } = open;
    if (action === 'clear' || action === 'delete-chat') {
      // The dialog takes the focus.
      this.close(false);
      this.confirm = { jid: toJid, action, opener };
      this.host.requestUpdate();
      return;
    }
    this.close(true);
    const binding = this.host.binding;
    if (action === 'mute' || action === 'unmute') {
      const isMuted = action === 'mute';
      if (!emit(this.host, 'chat-mute', { toJid, isMuted }, { cancelable: true }).defaultPrevented) {
        binding?.updateMuteNotification({ toJid, isMuted }).catch((error: unknown) => this.options.failed(error));
      }
    } else {
      const isArchived = action === 'archive';
      if (!emit(this.host, 'chat-archive', { toJid, isArchived }, { cancelable: true }).defaultPrevented) {
        binding?.updateArchiveChat({ toJid, isArchived }).catch((error: unknown) => this.options.failed(error));
      }
    }
  }

  private async confirmed(ok: boolean): Promise<void> {
    const pending = this.confirm;
    this.refocus(pending?.opener);
    this.confirm = undefined;
    this.host.requestUpdate();
    const binding = this.host.binding;
    if (!pending || !binding) return;
    const { jid: toJid, action } = pending;
    if (!ok || emit(this.host, action === 'clear' ? 'chat-clear' : 'chat-delete-chat', { toJid }, { cancelable: true }).defaultPrevented) return;
    try {
      if (action === 'clear') {
        await binding.clearChat({ toJid });
      } else {
        await binding.deleteChat({ toJid });
        this.options.deleted?.(toJid);
      }
    } catch (error) {
      this.options.failed(error);
    }
  }

  /** The ⋯ button that opens chat `jid`'s menu (nothing when it has no actions). */
  button(jid: string, label: string) {
    if (this.actions(jid).length === 0) return nothing;
    // Shown while its menu or its confirmation is open, not only on hover or focus.
    const active = this.open?.jid === jid || this.confirm?.jid === jid;
    return html`<button type="button" class="icon-button chat-menu-button ${active ? 'active' : ''}" part="menu-button" aria-haspopup="menu"
      aria-expanded=${this.open?.jid === jid ? 'true' : 'false'} aria-label=${label} title=${label}
      @click=${(e: Event) => this.toggleFrom(jid, e.currentTarget as HTMLElement)}>⋯</button>`;
  }

  render() {
    return html`${this.renderMenu()}${this.renderConfirm()}`;
  }

  private renderMenu() {
    const open = this.open;
    if (!open) return nothing;
    return html`<div class="menu chat-menu" role="menu" part="menu" aria-label=${msg(str`Actions for the chat with ${displayName(open.jid)}`)} @keydown=${this.onKeydown}>
      ${this.actions(open.jid).map((a) => html`<button type="button" class="menu-item ${a === 'clear' || a === 'delete-chat' ? 'danger' : ''}" data-action=${a}
        part="menu-item" role="menuitem" tabindex="-1" @click=${() => this.act(a)}><span class="menu-icon">${ICONS[a]()}</span>${labelOf(a)}</button>`)}
    </div>`;
  }

  private renderConfirm() {
    const pending = this.confirm;
    if (!pending) return nothing;
    const clear = pending.action === 'clear';
    const name = displayName(pending.jid);
    const cancel = (event?: Event) => {
      event?.preventDefault();
      void this.confirmed(false);
    };
    return html`<dialog class="confirm chat-confirm" part="confirm" aria-labelledby="chat-confirm-title" aria-describedby="chat-confirm-text" @cancel=${cancel}>
      <h2 id="chat-confirm-title">${clear ? msg(str`Clear the chat with ${name}?`) : msg(str`Delete the chat with ${name}?`)}</h2>
      <p id="chat-confirm-text">${clear
        ? msg('Its messages are removed from all your devices; starred ones stay. The other person keeps everything.')
        : msg('It leaves your chats and its messages are removed from all your devices. The other person keeps everything.')}</p>
      <div class="confirm-buttons">
        <button type="button" class="secondary cancel" part="confirm-cancel" @click=${() => cancel()}>${msg('Cancel')}</button>
        <button type="button" class="primary danger" part="confirm-delete" @click=${() => this.confirmed(true)}>${labelOf(pending.action)}</button>
      </div>
    </dialog>`;
  }
}
