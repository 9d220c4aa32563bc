/** <chat-list>: the recent chats, live, with a filter and a way to start a new chat; each chat's menu
 * (row-menu.ts); the archived chats apart, behind an entry at the foot of the list. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import { ChatElement } from '../shared/chat-element.js';
import { tokens } from '../shared/tokens.js';
import { controlStyles } from '../shared/controls.js';
import { avatar, avatarStyles } from '../shared/avatar.js';
import { renderTick } from '../shared/status.js';
import { emit } from '../shared/events.js';
import { displayName, formatCount, formatShort } from '../shared/format.js';
import { isBareJid } from '../../model/jid.js';
import type { RecentChat } from '../../model/types.js';
import { previewLine } from '../shared/media-label.js';
import { listStyles } from './chat-list.styles.js';
import { bell, bellStyles } from './bell.js';
import { popupMenuStyles } from '../shared/menu.styles.js';
import { asSdkError } from '../../model/errors.js';
import { archiveIcon, bellOffIcon } from '../shared/icons.js';
import { RowMenu } from './row-menu.js';
import { notifier } from '../shared/notifier.js';

/** How long a list may wait for its chat (a page initializing its SDK a little later) before it
 * warns the developer that it has none. */
const UNCONFIGURED_WARNING_MS = 1000;

/**
 * @tagname chat-list
 * @summary The recent chats: avatar, name, last message, time, unread count and live typing.
 * @event {CustomEvent<{jid: string}>} chat-open - The user picked a chat or started one; `detail.jid` is the peer.
 * @event {CustomEvent<{statusCode: number, message: string}>} chat-error - Signing in from the element's own attributes failed, or an action of a chat's menu did; `detail.message` says why.
 * @event {CustomEvent<{toJid: string, isMuted: boolean}>} chat-mute - Mute or Unmute on a chat's menu; cancelable (nothing changes).
 * @event {CustomEvent<{toJid: string, isArchived: boolean}>} chat-archive - Archive or Unarchive on a chat's menu; cancelable.
 * @event {CustomEvent<{toJid: string}>} chat-clear - Clear chat, confirmed; cancelable.
 * @event {CustomEvent<{toJid: string}>} chat-delete-chat - Delete chat, confirmed; cancelable.
 * @event {CustomEvent<{message: ChatMessage}>} chat-notify - A list on its own (not in a <chat-launcher>, which sends its own): a new message is about to show a browser notification (permission granted, the page hidden, the chat not muted); cancelable (`preventDefault()` and none shows). A click on the notification sends `chat-open`.
 * @attr {string} lang - The language of the element's strings (`en`, `ar`; a tag like `ar-EG` picks `ar`).
 *   Unset: an ancestor's `lang` (a launcher's list and thread follow the launcher), else the page's
 *   `<html lang>`, else English. One language per page: the first element's wins. The element sets its
 *   `dir` to the language's direction (unless the page set `dir` on it).
 * @csspart tools - The filter and new-chat area.
 * @csspart filter - The filter input.
 * @csspart new-chat - The new chat form.
 * @csspart list - The list of chats.
 * @csspart row - One chat.
 * @csspart avatar - A chat's avatar (the same look as the thread header's).
 * @csspart unread - A chat's unread badge (grey for a muted chat).
 * @csspart muted - The struck-through bell of a muted chat.
 * @csspart menu-button - The ⋯ button of a row under the mouse or focused, which opens the chat's menu (also right-click, a long press, the ContextMenu key or Shift+F10). The menu's parts are named as the thread's message menu's, so one rule styles both.
 * @csspart menu - A chat's menu.
 * @csspart menu-item - An action of it (Mute/Unmute, Archive/Unarchive, Clear chat, Delete chat).
 * @csspart confirm - The dialog asking before a chat is cleared or deleted, with `confirm-delete` and `confirm-cancel`.
 * @csspart confirm-delete - Its Clear chat or Delete chat button.
 * @csspart confirm-cancel - Its Cancel button.
 * @csspart archived-entry - The "Archived (N)" entry at the foot of the list.
 * @csspart archived-header - The archived chats' title with its `back` button.
 * @csspart back - The button from the archived chats back to the others.
 * @csspart error - Why an action of a chat's menu failed.
 * @csspart notify-bell - The bell in the header: whether browser notifications are on, off or blocked; a click asks the browser for permission.
 * @cssproperty --chat-accent - Accent colour (buttons, badges).
 */
@localized()
export class ChatList extends ChatElement {
  static override styles = [tokens, controlStyles, avatarStyles, popupMenuStyles, listStyles, bellStyles];

  /** The open chat, highlighted. */
  @property({ attribute: 'active-jid' }) activeJid?: string;
  @state() private filter = '';
  @state() private startError = '';
  /** Showing the archived chats instead of the others. */
  @state() private archivedView = false;
  /** Why the last action of a chat's menu failed. */
  @state() private actionError = '';
  private readonly menu = new RowMenu(this, {
    failed: (error) => {
      const { statusCode, message } = asSdkError(error);
      this.actionError = message;
      emit(this, 'chat-error', { statusCode, message });
    },
    fallbackFocus: () => this.focusChat(),
  });
  private warned = false;
  /** The chat whose row takes the focus after this update ('' the filter): the focused row left the list. */
  private focusNext?: string;
  /** Whether the focus was inside the list before this update. */
  private hadFocus = false;
  private unconfiguredCheck?: ReturnType<typeof setTimeout>;

  /** Focuses the row of the chat with `jid`, or the filter when it is not listed. */
  focusChat(jid?: string): void {
    const row = jid ? [...this.renderRoot.querySelectorAll<HTMLElement>('li .row')].find((r) => r.dataset.jid === jid) : undefined;
    (row ?? this.renderRoot.querySelector<HTMLElement>('#filter'))?.focus();
  }

  /** @internal For its notifier (a list on its own): a click on a notification opens its chat. */
  show(jid?: string): void {
    if (jid) this.openChat(jid);
  }

  private openChat(jid: string): void {
    this.activeJid = jid;
    emit(this, 'chat-open', { jid });
  }

  private startChat(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('peer') as HTMLInputElement;
    const value = input.value.trim();
    if (!this.binding) {
      this.startError = msg('Not connected yet');
      return;
    }
    if (!value) {
      this.startError = msg('Enter a user id or an address like name@example.com');
      return;
    }
    let jid = '';
    try {
      jid = value.includes('@') ? value.toLowerCase() : this.binding.getJid(value);
    } catch {
      // Not a user id the server could have: said below like any other bad address.
    }
    if (!isBareJid(jid)) {
      this.startError = msg(str`"${value}" is not a valid address`);
      return;
    }
    if (jid === this.binding.account) {
      this.startError = msg('That is you: pick someone else');
      return;
    }
    this.startError = '';
    input.value = '';
    this.openChat(jid);
  }

  /** The archived chats (those shown apart), or the others. */
  private shown(archived: boolean): RecentChat[] {
    return (this.binding?.recentChats ?? []).filter((c) => !!c.isArchived === archived);
  }

  private showArchived(on: boolean): void {
    this.archivedView = on;
    this.actionError = '';
    // The focus goes to the view's first control: the way back, or the entry that opened the view.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(on ? '.archived-back' : '.archived-entry')?.focus());
  }

  private get chats(): RecentChat[] {
    const all = this.shown(this.archivedView);
    const q = this.filter.trim().toLowerCase();
    if (!q) return all;
    return all.filter((c) => displayName(c.chatJid).toLowerCase().includes(q) || c.chatJid.includes(q)
      || (c.lastMessage ? previewLine(c.lastMessage).toLowerCase().includes(q) : false));
  }

  private renderRow(chat: RecentChat) {
    const name = displayName(chat.chatJid);
    const typing = this.binding?.isTyping(chat.chatJid);
    const last = chat.lastMessage;
    // The preview takes the direction of its own text; after "You:" the message is isolated, so an
    // Arabic message after an English label (or the other way round) reads in its own direction.
    const text = last ? previewLine(last) : '';
    const preview = typing ? msg('typing…')
      : last?.outgoing ? html`${renderTick(last.status)} <span>${msg('You:', { desc: 'Before the last message of a chat, when I sent it' })}</span> <bdi>${text}</bdi>`
      : text;
    return html`<li data-jid=${chat.chatJid}>
      <button class="row" part="row" data-jid=${chat.chatJid} aria-current=${this.activeJid === chat.chatJid ? 'true' : 'false'} @click=${() => this.openChat(chat.chatJid)}>
        ${avatar(chat.chatJid, name)}
        <span class="name" dir="auto">${name}</span>
        <span class="time">${chat.timestamp ? formatShort(chat.timestamp) : ''}</span>
        <span class="preview ${typing ? 'typing' : last?.outgoing ? 'own' : ''}" dir="auto">${preview}</span>
        <span class="marks">${chat.isMuted ? html`<span class="muted" part="muted" role="img" aria-label=${msg('Muted')}>${bellOffIcon(16)}</span>` : nothing}${chat.unreadCount
          ? html`<span class="unread" part="unread" aria-hidden="true">${formatCount(chat.unreadCount, 99)}</span
              ><span class="visually-hidden">, ${msg(str`${formatCount(chat.unreadCount)} unread`)}</span>`
          : nothing}</span>
      </button>${this.menu.button(chat.chatJid, msg(str`Actions for the chat with ${name}`))}
    </li>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A list that still has no chat a moment after joining the page was never given one: say how.
    clearTimeout(this.unconfiguredCheck);
    this.unconfiguredCheck = setTimeout(() => {
      if (this.isConnected && !this.binding && !this.warned) {
        this.warned = true;
        console.warn('[chat-widget] <chat-list> has no chat: set service/domain/username/password (or guest), give it an sdk, or initialize window.ChatWidget.SDK');
      }
    }, UNCONFIGURED_WARNING_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.unconfiguredCheck);
  }

  /** The focused row's chat leaves the list (deleted, archived, here or on another device): the focus goes
   * to the next row, else the previous one, else the filter, not to the page. */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.hadFocus = !!(this.renderRoot as ShadowRoot).activeElement;
    const gone = this.renderRoot.querySelector<HTMLElement>('li:focus-within')?.dataset.jid;
    if (!gone) return;
    const kept = new Set(this.chats.map((c) => c.chatJid));
    if (kept.has(gone)) return;
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-jid]')].map((li) => li.dataset.jid!);
    const at = rows.indexOf(gone);
    this.focusNext = rows.slice(at + 1).find((j) => kept.has(j)) ?? rows.slice(0, at).reverse().find((j) => kept.has(j)) ?? '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusNext !== undefined) this.focusChat(this.focusNext || undefined);
    // Anything else that had the focus and went (the Archived entry, its back button): the last row.
    else if (this.hadFocus && !(this.renderRoot as ShadowRoot).activeElement) {
      this.focusChat([...this.renderRoot.querySelectorAll<HTMLElement>('li .row')].pop()?.dataset.jid);
    }
    this.focusNext = undefined;
    // A launcher notifies for its list; a list on its own does it itself, as its bell says.
    if (this.binding?.features.notifications && globalThis.Notification?.permission === 'granted'
      && (this.getRootNode() as ShadowRoot).host?.localName !== 'chat-launcher') notifier(this);
  }

  private renderStatus() {
    const state = this.binding?.connectionState;
    if (state === 'connected') return nothing;
    const text = state === 'connecting' ? msg('Connecting…')
      : state === 'reconnecting' ? msg('Offline: reconnecting…')
      : state === 'authfailed' ? msg('Sign-in failed: wrong username or password')
      : msg('Not connected');
    return html`<p class="banner status" role="status">${text}</p>`;
  }

  private renderEmpty(archived: number) {
    const text = this.filter ? msg('No chat matches your search.')
      : this.archivedView ? msg('No archived chats.')
      : archived ? msg('No other chats.')
      : msg('No conversations yet. Start one above.');
    return html`<p class="empty">${text}</p>`;
  }

  override render() {
    const chats = this.chats;
    const archived = this.shown(true).length;
    return html`
      <div class="tools" part="tools">
        ${bell(this)}
        <label class="visually-hidden" for="filter">${msg('Filter chats')}</label>
        <input id="filter" class="field" part="filter" type="search" dir="auto" placeholder=${msg('Search chats')} .value=${this.filter}
          @input=${(e: InputEvent) => (this.filter = (e.target as HTMLInputElement).value)} />
        <form part="new-chat" @submit=${this.startChat}>
          <label class="visually-hidden" for="peer">${msg('User id or address to chat with')}</label>
          <input id="peer" class="field" name="peer" dir="auto" placeholder=${msg('New chat: user id or address')} autocomplete="off" />
          <button class="primary" type="submit">${msg('Start', { desc: 'Button: start a chat with the address typed before it' })}</button>
        </form>
        ${this.startError ? html`<p class="error" role="alert">${this.startError}</p>` : nothing}
      </div>
      ${this.renderStatus()}
      ${this.actionError ? html`<p class="banner danger" part="error" role="alert">${this.actionError}</p>` : nothing}
      ${this.archivedView ? html`<div class="archived-header" part="archived-header">
        <button class="icon-button archived-back" part="back" aria-label=${msg('Back to chats')} @click=${() => this.showArchived(false)}>‹</button>
        <h2>${msg('Archived chats')}</h2></div>` : nothing}
      ${chats.length === 0 ? this.renderEmpty(archived)
        : html`<ul part="list" aria-label=${this.archivedView ? msg('Archived chats') : msg('Recent chats')}>${repeat(chats, (c) => c.chatJid, (c) => this.renderRow(c))}</ul>`}
      ${!this.archivedView && archived > 0 ? html`<button class="archived-entry" part="archived-entry" @click=${() => this.showArchived(true)}
        ><span class="menu-icon">${archiveIcon()}</span>${msg(str`Archived (${formatCount(archived)})`)}</button>` : nothing}
      ${this.menu.render()}
    `;
  }
}
