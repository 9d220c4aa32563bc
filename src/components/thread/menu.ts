/** The message menu: one popup per thread with what can be done to a message (reactions, Reply,
 * Forward, Select, Star, Copy text, Edit, Delete for me, Delete for everyone). Each action whose feature is
 * switched off is absent, as is what only fits our own messages. Every action first sends its
 * cancelable event (`chat-reply`, `chat-forward`, `chat-favourite`, `chat-react`, `chat-delete`; an
 * edit's `chat-edit` goes when it is sent) so a host can veto or log it. Deleting asks first. How the
 * menu is opened: menu-triggers.ts. Keys in the menu: arrows move, Enter or Space act, Escape or Tab
 * close it and give focus back to the message. */
import { html, nothing, type ReactiveController } from 'lit';
import { msg } from '@lit/localize';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { ChatMessage, FeatureFlags } from '../../model/types.js';
import { emit } from '../shared/events.js';
import type { ComposerController, ComposerHost } from './composer.js';
import type { Item } from './bubble.js';
import { MenuTriggers, type Point } from './menu-triggers.js';
import { moveInMenu, openConfirm, placeMenu } from '../shared/popup.js';
import { openForward } from './forward.js';
import { isEmoji } from '../../model/emoji.js';

/** The reactions offered at once; "+" takes any other emoji. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** A menu item's `data-action` (not a class: `reply` and `star` are the bubble's own classes). */
export type MenuAction = 'reply' | 'forward' | 'select' | 'star' | 'unstar' | 'copy' | 'edit' | 'delete' | 'delete-all';

/** The actions on `m`'s menu, in their order, for the features switched on. */
export function actionsFor(m: ChatMessage, features: Readonly<Required<FeatureFlags>>): MenuAction[] {
  const actions: MenuAction[] = [];
  const sent = m.status !== 'pending' && m.status !== 'failed';
  if (!m.retracted) {
    if (features.reply) actions.push('reply');
    if (features.forward && sent) actions.push('forward', 'select');
    if (features.favouriteMessage) actions.push(m.favourite ? 'unstar' : 'star');
    if (m.body.trim()) actions.push('copy');
    if (features.editMessage && m.outgoing && m.msgType === 'text' && m.status !== 'failed') actions.push('edit');
  }
  if (features.deleteMessage) actions.push('delete');
  if (features.deleteMessage && m.outgoing && !m.retracted) actions.push('delete-all');
  return actions;
}

const ICONS: Record<MenuAction, string> = {
  reply: '↩', forward: '↪', select: '☑', star: '☆', unstar: '★', copy: '❐', edit: '✎', delete: '🗑', 'delete-all': '🗑',
};

function labelOf(action: MenuAction): string {
  switch (action) {
    case 'reply': return msg('Reply');
    case 'forward': return msg('Forward');
    case 'select': return msg('Select');
    case 'star': return msg('Star');
    case 'unstar': return msg('Unstar');
    case 'copy': return msg('Copy text');
    case 'edit': return msg('Edit');
    case 'delete': return msg('Delete for me');
    case 'delete-all': return msg('Delete for everyone');
  }
}

interface Open { key: string; message: ChatMessage; x: number; y: number; more: boolean }

export class MessageMenu implements ReactiveController {
  /** The menu shown, for the message of row `key`, at (x, y) in the thread. */
  open: Open | undefined;
  /** The deletion waiting for its confirmation. */
  confirm: { key: string; message: ChatMessage; forEveryone: boolean } | undefined;
  readonly triggers: MenuTriggers;
  /** Choosing several messages (selection.ts): "Select" starts it; while it is on no menu opens. */
  selection?: { readonly active: boolean; start(m: ChatMessage): void };
  private placed = false;

  constructor(private readonly host: ComposerHost, private readonly composer: ComposerController,
    items: () => readonly Item[], scroller: () => LitVirtualizer<Item> | undefined) {
    host.addController(this);
    this.triggers = new MenuTriggers(host, { items, scroller, open: (key, message, at) => this.show(key, message, at) });
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** Opens the menu of `message` (row `key`) at `at` in the viewport; nothing when it has no actions. */
  show(key: string, message: ChatMessage, at: Point): void {
    const features = this.host.binding?.features;
    if (!features || this.selection?.active || (!features.reactions && actionsFor(message, features).length === 0)) return;
    const box = this.host.getBoundingClientRect();
    this.open = { key, message, x: at.x - box.left, y: at.y - box.top, more: false };
    this.placed = false;
    document.addEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
  }

  /** Closes the menu; `refocus` gives focus back to its message. */
  close(refocus: boolean): void {
    const key = this.open?.key;
    this.open = undefined;
    document.removeEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
    if (refocus && key) void this.host.updateComplete.then(() => this.triggers.focus(key));
  }

  private readonly onOutside = (event: Event) => {
    const menu = this.host.shadowRoot?.querySelector('.message-menu');
    if (menu && !event.composedPath().includes(menu)) this.close(false);
  };

  /** Places the menu inside the thread (flipped above its point when there is no room below) and
   * focuses its first item; shows the confirmation dialog. */
  hostUpdated(): void {
    // Another chat opened under the menu.
    const shown = this.open?.message ?? this.confirm?.message;
    if (shown && shown.chatJid !== this.host.chatJid) {
      this.confirm = undefined;
      this.close(false);
    }
    const root = this.host.shadowRoot;
    openConfirm(root?.querySelector<HTMLDialogElement>('dialog.message-confirm'));
    const menu = root?.querySelector<HTMLElement>('.message-menu');
    if (!menu || !this.open || this.placed) return;
    this.placed = true;
    placeMenu(this.host, menu, this.open, '[role^="menuitem"], input');
  }

  private readonly onMenuKeydown = (event: KeyboardEvent) => {
    // The emoji field keeps Tab and its arrows.
    const inForm = (event.currentTarget as HTMLElement).tagName === 'FORM';
    if (event.key === 'Escape' || (event.key === 'Tab' && !inForm)) {
      event.preventDefault();
      this.close(true);
      return;
    }
    if (inForm) return;
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    moveInMenu(event, items, getComputedStyle(this.host).direction === 'rtl');
  };

  private async act(action: MenuAction): Promise<void> {
    const open = this.open;
    const binding = this.host.binding;
    if (!open || !binding) return;
    const { key, message: m } = open;
    const { msgId: messageId, chatJid: toJid } = m;
    // The confirmation dialog takes the focus of a deletion.
    this.close(action !== 'delete' && action !== 'delete-all');
    try {
      switch (action) {
        case 'reply':
          if (!emit(this.host, 'chat-reply', { toJid, message: m }, { cancelable: true }).defaultPrevented) this.composer.reply(m);
          break;
        case 'select':
          this.selection?.start(m);
          break;
        case 'edit':
          this.composer.edit(m);
          break;
        case 'forward':
          if (!emit(this.host, 'chat-forward', { fromJid: toJid, messages: [m] }, { cancelable: true }).defaultPrevented) openForward(this.host, [m]);
          break;
        case 'star':
        case 'unstar': {
          const isFavourite = action === 'star';
          if (!emit(this.host, 'chat-favourite', { toJid, messageId, isFavourite }, { cancelable: true }).defaultPrevented) {
            await binding.updateFavouriteStatus({ toJid, messageId, isFavourite });
          }
          break;
        }
        case 'copy':
          await navigator.clipboard.writeText(m.body);
          break;
        default:
          this.confirm = { key, message: m, forEveryone: action === 'delete-all' };
          this.host.requestUpdate();
      }
    } catch (error) {
      this.composer.showError(error);
    }
  }

  /** Adds `emoji` to this account's reactions on the message, or takes it away when it is there. */
  private async react(emoji: string): Promise<void> {
    const open = this.open;
    const binding = this.host.binding;
    if (!open || !binding) return;
    this.close(true);
    const toJid = open.message.chatJid;
    const mine = open.message.reactions?.[binding.account ?? ''] ?? [];
    const emojis = mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
    const messageId = open.message.msgId;
    if (emit(this.host, 'chat-react', { toJid, messageId, emojis }, { cancelable: true }).defaultPrevented) return;
    await binding.sendReaction({ toJid, messageId, emojis }).catch((error: unknown) => this.composer.showError(error));
  }

  private readonly onMore = () => {
    if (!this.open) return;
    this.open = { ...this.open, more: true };
    this.placed = false;
    this.host.requestUpdate();
  };

  private readonly onMoreSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input')!;
    const emoji = input.value.trim();
    if (isEmoji(emoji)) {
      void this.react(emoji);
      return;
    }
    input.setCustomValidity(msg('Type one emoji'));
    input.reportValidity();
  };

  private async confirmed(ok: boolean): Promise<void> {
    const pending = this.confirm;
    this.confirm = undefined;
    this.host.requestUpdate();
    const binding = this.host.binding;
    if (!pending || !binding) return;
    const toJid = pending.message.chatJid;
    void this.host.updateComplete.then(() => this.triggers.focus(pending.key));
    const { forEveryone } = pending;
    const messageIds = [pending.message.msgId];
    if (!ok || emit(this.host, 'chat-delete', { toJid, messageIds, forEveryone }, { cancelable: true }).defaultPrevented) return;
    try {
      await (forEveryone ? binding.deleteMessagesForEveryone({ toJid, messageIds }) : binding.deleteMessagesForMe({ toJid, messageIds }));
    } catch (error) {
      this.composer.showError(error);
    }
  }

  render() {
    return html`${this.renderMenu()}${this.renderConfirm()}`;
  }

  private renderMenu() {
    const { open } = this;
    const binding = this.host.binding;
    if (!open || !binding) return nothing;
    const m = open.message;
    if (open.more) {
      return html`<form class="menu message-menu more" part="menu" @submit=${this.onMoreSubmit} @keydown=${this.onMenuKeydown}>
        <label for="emoji">${msg('React with any emoji')}</label>
        <span class="more-row"><input id="emoji" class="field" part="emoji-input" autocomplete="off" enterkeyhint="send"
          @input=${(e: Event) => (e.target as HTMLInputElement).setCustomValidity('')} />
        <button class="primary" type="submit">${msg('React')}</button></span>
      </form>`;
    }
    const mine = m.reactions?.[binding.account ?? ''] ?? [];
    const reactions = binding.features.reactions && !m.retracted;
    return html`<div class="menu message-menu" role="menu" part="menu" aria-label=${msg('Message actions')} @keydown=${this.onMenuKeydown}>
      ${reactions ? html`<div class="menu-reactions" role="group" aria-label=${msg('Reactions')}>${QUICK_REACTIONS.map((e) => html`<button
        type="button" class="menu-emoji" part="menu-emoji" role="menuitemcheckbox" tabindex="-1" aria-checked=${mine.includes(e) ? 'true' : 'false'}
        @click=${() => this.react(e)}>${e}</button>`)}<button type="button" class="menu-emoji more" part="menu-emoji" role="menuitem" tabindex="-1"
        aria-label=${msg('More reactions')} title=${msg('More reactions')} @click=${this.onMore}>+</button></div>` : nothing}
      ${actionsFor(m, binding.features).map((a) => html`<button type="button" class="menu-item ${a.startsWith('delete') ? 'danger' : ''}" data-action=${a} part="menu-item" role="menuitem" tabindex="-1"
        @click=${() => this.act(a)}><span class="menu-icon" aria-hidden="true">${ICONS[a]}</span>${labelOf(a)}</button>`)}
    </div>`;
  }

  private renderConfirm() {
    const pending = this.confirm;
    if (!pending) return nothing;
    const everyone = pending.forEveryone;
    const cancel = (event?: Event) => {
      event?.preventDefault();
      void this.confirmed(false);
    };
    return html`<dialog class="confirm message-confirm" part="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" @cancel=${cancel}>
      <h2 id="confirm-title">${everyone ? msg('Delete for everyone?') : msg('Delete for you?')}</h2>
      <p id="confirm-text">${everyone
        ? msg('The message is removed for everyone in this chat.')
        : msg('The message is removed from your devices only; the other person still has it.')}</p>
      <div class="confirm-buttons">
        <button type="button" class="secondary cancel" part="confirm-cancel" @click=${() => cancel()}>${msg('Cancel')}</button>
        <button type="button" class="primary danger" part="confirm-delete" @click=${() => this.confirmed(true)}>${labelOf(everyone ? 'delete-all' : 'delete')}</button>
      </div>
    </dialog>`;
  }
}
