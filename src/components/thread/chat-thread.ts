/** <chat-thread>: one conversation: header, virtualized history, composer. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { ChatElement } from '../shared/chat-element.js';
import { ComposerController } from './composer.js';
import { SeenController } from './seen.js';
import { define } from '../shared/define.js';
import { emit } from '../shared/events.js';
import { displayName, warmFormats } from '../shared/format.js';
import { SdkError } from '../../model/errors.js';
import { chatJidOf } from '../../model/jid.js';
import type { ChatMessage } from '../../model/types.js';
import type { StoreChange } from '../../model/events.js';
import { chatThreadStyles } from './chat-thread.styles.js';
import { itemsOf, messagesIn, type Item } from './bubble.js';
import { captureAnchor, restoreAnchor, Pin, type Anchor } from './anchor.js';
import { FollowBottomController } from './follow-bottom.js';
import { OlderPace } from './older-pace.js';
import { renderHeader, renderJump } from './header.js';
import { galleryOnClick, lightboxOnClick } from './open-media.js';
import { MessageMenu } from './menu.js';
import { ChatMenu } from '../shared/chat-menu.js';
import { BubbleView, keyOf } from './bubble-view.js';
import { Selection } from './selection.js';

// Registered through define(): the package's own entry defines the tag unconditionally, which throws
// when a page loads the widget twice.
define('lit-virtualizer', LitVirtualizer);

/** Messages read per step when opening and when scrolling up; a reader still scrolling up within
 * FAST_SCROLL_MS of the last step gets twice as many, up to MAX_STEP. */
const PAGE = 50;
const MAX_STEP = 400;

/**
 * @tagname chat-thread
 * @summary A conversation with one person: history that loads as you scroll, statuses, typing, composer.
 * @event {CustomEvent<{chatJid: string, file: File}>} chat-attach - Before a file is sent; cancelable (`preventDefault()` keeps it unsent).
 * @event {CustomEvent<{toJid: string, text: string}>} chat-send - Before a message is sent; cancelable (`preventDefault()` keeps it unsent); `detail.text` may be rewritten.
 * @event {CustomEvent<{toJid: string, message: ChatMessage}>} chat-reply - "Reply" on a message's menu; cancelable (the composer does not answer it).
 * @event {CustomEvent<{fromJid: string, messages: ChatMessage[]}>} chat-forward - "Forward"; cancelable (no forward dialog).
 * @event {CustomEvent<{toJid: string, messageId: string, isFavourite: boolean}>} chat-favourite - "Star" or "Unstar"; cancelable.
 * @event {CustomEvent<{toJid: string, messageIds: string[], forEveryone: boolean}>} chat-delete - A confirmed deletion; cancelable.
 * @event {CustomEvent<{toJid: string, messageId: string, text: string}>} chat-edit - An edited text about to be sent (XEP-0308); cancelable.
 * @event {CustomEvent<{toJid: string, messageId: string, emojis: string[]}>} chat-react - Our new set of reactions on a message (XEP-0444); cancelable.
 * @event {CustomEvent<{toJid: string, isMuted: boolean}>} chat-mute - Mute or Unmute on the header's chat menu; cancelable (nothing changes).
 * @event {CustomEvent<{toJid: string, isArchived: boolean}>} chat-archive - Archive or Unarchive on the chat menu; cancelable.
 * @event {CustomEvent<{toJid: string}>} chat-clear - Clear chat, confirmed; cancelable.
 * @event {CustomEvent<{toJid: string}>} chat-delete-chat - Delete chat, confirmed; cancelable (once deleted, `chat-back` follows).
 * @event {CustomEvent<Record<string, never>>} chat-back - The back button was pressed (shown with `back-button`), or the chat was deleted.
 * @event {CustomEvent<Record<string, never>>} chat-close - The close button was pressed (shown with `close-button`).
 * @event {CustomEvent<{statusCode: number, message: string}>} chat-error - Sending (or signing in from the element's own attributes) failed; `detail.message` says why.
 * @attr {string} lang - The language of the element's strings (`en`, `ar`; a tag like `ar-EG` picks `ar`).
 *   Unset: an ancestor's `lang` (a launcher's list and thread follow the launcher), else the page's
 *   `<html lang>`, else English. One language per page: the first element's wins. The element sets its
 *   `dir` to the language's direction (unless the page set `dir` on it).
 * @csspart header - The header with the peer and typing state.
 * @csspart avatar - The peer's avatar in the header (the same look as the list's).
 * @csspart back - The back button (with `back-button`).
 * @csspart close - The close button (with `close-button`).
 * @csspart messages - The scrolling message list.
 * @csspart bubble - A message bubble (with `bubble-in` or `bubble-out`).
 * @csspart bubble-in - A received message's bubble.
 * @csspart bubble-out - A sent message's bubble.
 * @csspart error - Why a message was not delivered, inside its bubble.
 * @csspart edited - The "edited" mark of a corrected message (XEP-0308), beside its time.
 * @csspart media - The file of a media bubble (with `image`, `audio`, `video` or `document`).
 * @csspart image - A picture's box (its size reserved from the metadata).
 * @csspart image-thumbnail - The small picture shown at once (XEP-0264), under the full one.
 * @csspart image-full - The full picture, loaded lazily over the thumbnail.
 * @csspart audio - An audio player (a voice message, too).
 * @csspart video - A video player with its poster.
 * @csspart document - A document: type badge, name, size and download link.
 * @csspart media-open - The link around a picture; a click or Enter opens it in the lightbox.
 * @csspart lightbox - The dialog that shows a picture whole (loaded on demand when one is first opened).
 * @csspart lightbox-image - The picture in the lightbox.
 * @csspart lightbox-close - The lightbox's close button.
 * @csspart lightbox-prev - The lightbox's "previous picture" button (also ←).
 * @csspart lightbox-next - The lightbox's "next picture" button (also →).
 * @csspart lightbox-caption - The picture's caption in the lightbox's bar.
 * @csspart lightbox-name - The picture's file name in the lightbox's bar.
 * @csspart lightbox-download - The lightbox's download link.
 * @csspart gallery-button - The header button that opens the chat's media (hidden when `mediaMessages` is off).
 * @csspart gallery - The media gallery dialog.
 * @csspart gallery-grid - The gallery's grid of media.
 * @csspart gallery-item - One medium in the gallery (a picture button, or a link to the file).
 * @csspart gallery-badge - A gallery tile's type badge (a document's extension, a note for audio).
 * @csspart gallery-play - The play mark on a gallery tile of a video.
 * @csspart gallery-more - The gallery's "Load more" button.
 * @csspart gallery-close - The gallery's close button.
 * @csspart caption - A media message's caption, under its file.
 * @csspart document-icon - A document's type badge.
 * @csspart download - A document's download link.
 * @csspart reply-preview - The quoted original at the top of a reply's bubble (XEP-0461); a click or Enter shows the original.
 * @csspart reply-thumb - The original's thumbnail in a reply preview, when it is a picture or a video.
 * @csspart forwarded - The "Forwarded" label of a forwarded message.
 * @csspart star - The star of a starred (favourite) message, beside its time.
 * @csspart deleted - A deleted message's bubble ("This message was deleted"; also `bubble`).
 * @csspart reactions - The row of reactions under a bubble (XEP-0444).
 * @csspart reaction - One emoji with its count; `aria-pressed` when I reacted with it (a click toggles mine).
 * @csspart forward - The forward dialog (loaded on demand when first opened).
 * @csspart forward-filter - The forward dialog's filter input.
 * @csspart forward-target - A chat's checkbox in the forward dialog.
 * @csspart forward-cancel - The forward dialog's Cancel button.
 * @csspart forward-send - The forward dialog's Forward button.
 * @csspart day - A day separator.
 * @csspart jump - The "jump to latest" button.
 * @csspart menu-button - The button on a bubble under the mouse that opens its menu (also right-click, a long press, Enter); and the header's ⋯ button that opens the chat's menu (absent when muteChat, archiveChat, clearChat and deleteChat are all off).
 * @csspart menu - The message menu (and the field that takes any emoji in its place); the chat's menu.
 * @csspart menu-item - An action of the menu (Reply, Forward, Select, Star, Copy text, Edit, Delete for me, Delete for everyone; Mute/Unmute, Archive/Unarchive, Clear chat, Delete chat).
 * @csspart menu-emoji - A reaction on the menu (`aria-checked` when it is ours), and its "+".
 * @csspart emoji-input - The field for any emoji, after "+".
 * @csspart confirm - The dialog that confirms a deletion (of a message; of the chat, or clearing it), with `confirm-delete` and `confirm-cancel`.
 * @csspart confirm-delete - The confirmation's delete (or Clear chat) button.
 * @csspart confirm-cancel - The confirmation's cancel button.
 * @csspart select-mark - The round check beside each message while messages are being selected ("Select" on the menu; the row is then a checkbox).
 * @csspart selection-bar - The bar that replaces the composer while messages are being selected.
 * @csspart selection-count - "N selected", in the selection bar.
 * @csspart selection-forward - The selection bar's Forward button (disabled while nothing is selected).
 * @csspart selection-cancel - The selection bar's Cancel button (also Escape): selecting ends.
 * @csspart compose-bar - Above the input: the message being answered, or the "Editing" bar.
 * @csspart compose-cancel - The × that leaves the reply or the edit (also Escape).
 * @csspart composer - The composer form.
 * @csspart input - The composer's text area.
 * @csspart send - The send button.
 * @csspart attach - The attach button (hidden when every kind of file is switched off).
 * @csspart attach-preview - The file about to be sent, above the input (the input is then its caption).
 * @csspart preview-thumb - The thumbnail of a picture about to be sent, in the preview.
 * @csspart attach-remove - The × that removes the file from the preview.
 * @csspart progress - The upload ring over a file of ours on its way (`aria-valuenow`: percent sent).
 * @csspart cancel-upload - The button in the ring that stops the upload.
 * @csspart retry - The retry button of a file of ours that failed.
 * @csspart decrypt - The button that decrypts a received encrypted (aesgcm://) file: Show, Play, Download or Try again.
 * @csspart drop-hint - Where to drop a file, over the thread while one is dragged over it.
 * @csspart record - The microphone button (shown when audio is switched on and the browser can record).
 * @csspart recording - The recording bar that replaces the input while a voice note is recorded.
 * @csspart record-time - The recording's elapsed time (m:ss).
 * @csspart record-send - The button that stops the recording and sends it.
 * @csspart record-cancel - The button that discards the recording.
 * @csspart record-hold - The strip shown instead of the input while the microphone button is held.
 * @csspart record-hint - What releasing the held button will do (send, or cancel when slid away).
 * @cssproperty --chat-bubble-in - Background of received bubbles.
 * @cssproperty --chat-bubble-out - Background of sent bubbles.
 * @cssproperty --chat-radius - Bubble corner radius.
 */
@localized()
export class ChatThread extends ChatElement {
  static override styles = chatThreadStyles;

  /** The peer's JID. */
  @property() peer?: string;
  /** Show a back button (the launcher uses it to return to the list). */
  @property({ type: Boolean, attribute: 'back-button' }) backButton = false;
  /** Show a close button (the launcher uses it to close its panel from a thread). */
  @property({ type: Boolean, attribute: 'close-button' }) closeButton = false;

  @state() private messages: ChatMessage[] = [];
  @state() private newCount = 0;
  @state() private atBottom = true;
  @state() private olderLoading = false;

  @query('lit-virtualizer') private virtualizer?: LitVirtualizer<Item>;

  private noMoreOlder = false;
  private readonly olderPace = new OlderPace(PAGE, MAX_STEP);
  private loadToken = 0;
  private visible = { first: -1, last: -1 };
  private items: Item[] = [];
  private anchor: Anchor | null = null;
  private readonly pin = new Pin();
  /** False until the freshly opened chat has been scrolled to its latest message; the list stays
   * invisible until then, so the reader never sees it jump from estimated to measured positions. */
  @state() private settledAtOpen = false;
  /** The list is shown from the first frame that has the latest message in view. */
  @state() private revealed = false;

  private readonly seen = new SeenController(this, () => messagesIn(this.items, this.visible, this.settledAtOpen));
  private readonly bottom = new FollowBottomController(this, {
    scroller: () => this.virtualizer,
    newestKey: () => this.items.at(-1)?.key,
    pinNewest: () => this.pin.set({ index: this.items.length - 1, block: 'end' }),
    revealed: () => (this.revealed = true),
    opened: () => (this.settledAtOpen = this.revealed = true),
    settled: () => {
      this.atBottom = true;
      this.newCount = 0;
      this.seen.markSeen();
    },
    away: () => (this.atBottom = false),
    unpinNewest: () => this.pin.current?.block === 'end' && this.pin.set(null),
    isOpen: () => this.settledAtOpen,
  });
  private readonly composer = new ComposerController(this, () => (this.bottom.stick = true), () => this.messages);
  private readonly menu = new MessageMenu(this, this.composer, () => this.items, () => this.virtualizer);
  private readonly bubbles = new BubbleView(this, this.composer, () => this.messages, {
    items: () => this.items,
    loadOlder: () => this.loadOlder(),
    loadingOlder: () => this.olderLoading,
    exhausted: () => this.noMoreOlder,
    centre: (index) => {
      this.bottom.stick = false;
      this.pin.set({ index, block: 'center' });
    },
    scroller: () => this.virtualizer,
  });
  private readonly chatMenu = new ChatMenu(this, { failed: (e) => this.composer.showError(e), deleted: () => this.onBack(), chat: () => this.chatJid });
  private readonly selection = new Selection(this, this.menu, this.bubbles.ctx, () => this.messages, () => this.bubbles.renew());

  /** Scrolls to the message with `msgId` (loading older history until it is there, up to 20 pages) and
   * highlights it for a moment; resolves to whether it was found. */
  jumpTo(msgId: string): Promise<boolean> {
    return this.bubbles.jumpTo(msgId);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    warmFormats();
  }

  /** The chat `peer` names, as the store keys it (trimmed, bare, lower-case); undefined when `peer` is
   * unset or not a valid address. */
  get chatJid(): string | undefined {
    return chatJidOf(this.peer);
  }

  /** Focuses the composer (or the back button, when there is no composer). */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot.querySelector<HTMLElement>('textarea') ?? this.renderRoot.querySelector<HTMLElement>('.back');
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override bindingChanged(): void {
    void this.load();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('peer')) void this.load();
    if (changed.has('messages')) {
      this.items = itemsOf(this.messages);
      const anchorIndex = this.anchor ? this.items.findIndex((i) => i.key === this.anchor!.key) : -1;
      if (anchorIndex >= 0) this.pin.set({ index: anchorIndex, block: 'start' });
      else if (this.bottom.stick && this.items.length > 0) this.pin.set({ index: this.items.length - 1, block: 'end' });
    }
    this.bubbles.update(this.menu.triggers.tabStop(this.items) ?? '');
  }

  protected override storeChanged(change: StoreChange): void {
    if (change.reset) void this.load();
    else if (this.chatJid && change.chats.has(this.chatJid)) void this.refresh();
    // Opened before the connection was up: the archive may have more than the cache had.
    if (change.connection && this.binding?.connectionState === 'connected' && !this.noMoreOlder && this.messages.length < PAGE) {
      void (this.messages.length === 0 ? this.load() : this.loadOlder());
    }
  }

  /** Opens the chat: the cached latest messages paint first, the server fills in what is missing. */
  private async load(): Promise<void> {
    const { binding, chatJid: peer } = this;
    const token = ++this.loadToken;
    this.messages = [];
    this.newCount = 0;
    this.noMoreOlder = false;
    this.bottom.reset();
    this.settledAtOpen = false;
    this.revealed = false;
    this.composer.reset();
    this.bubbles.originals.reset();
    if (!binding || !peer) return;
    try {
      const cached = await binding.cachedMessages(peer, PAGE);
      if (token !== this.loadToken) return;
      this.messages = cached;
      if (cached.length < PAGE) {
        const full = await binding.messages({ toJid: peer, limit: PAGE });
        if (token !== this.loadToken) return;
        // Messages that arrived while the archive answered are newer than that page: read on to the newest.
        const from = full[0]?.rowId;
        const window = from === undefined ? await binding.cachedMessages(peer, PAGE) : await binding.messagesFrom(peer, from);
        if (token !== this.loadToken) return;
        this.messages = window;
        // Offline, the cache is all the history there is for now, not all there is.
        if (full.length < PAGE && binding.connectionState === 'connected') this.noMoreOlder = true;
      }
    } catch (error) {
      if (!(error instanceof SdkError && error.statusCode === 401)) console.warn('[chat-widget] could not open the chat:', error);
    }
  }

  /** Re-reads the open window after the store changed (new messages, statuses). */
  private async refresh(): Promise<void> {
    const { binding, chatJid: peer } = this;
    if (!binding || !peer) return;
    const token = this.loadToken;
    const from = this.messages[0]?.rowId;
    const lastRow = this.messages.at(-1)?.rowId ?? -Infinity;
    const next = from === undefined ? await binding.cachedMessages(peer, PAGE) : await binding.messagesFrom(peer, from);
    if (token !== this.loadToken) return;
    // The store hands out the same object for an unchanged message: skip re-rendering an identical window.
    if (next.length === this.messages.length && next.every((m, i) => m === this.messages[i])) return;
    const arrived = next.filter((m) => m.rowId > lastRow);
    if (!this.atBottom) this.newCount += arrived.filter((m) => !m.outgoing).length;
    if (arrived.some((m) => m.outgoing && m.status === 'pending')) this.bottom.stick = true;
    this.messages = next;
  }

  private async loadOlder(): Promise<void> {
    const { binding, chatJid: peer } = this;
    const oldest = this.messages[0];
    if (!binding || !peer || !oldest || this.olderLoading || this.noMoreOlder) return;
    this.olderLoading = true;
    const token = this.loadToken;
    try {
      const older = await binding.messages({ toJid: peer, position: 'up', lastRowId: oldest.rowId, limit: this.olderPace.next() });
      if (token !== this.loadToken) return;
      if (older.length === 0) {
        if (binding.connectionState === 'connected') this.noMoreOlder = true;
        return;
      }
      this.anchor = captureAnchor(this.virtualizer, this.items, this.visible.first);
      this.messages = [...older, ...this.messages];
    } catch (error) {
      console.warn('[chat-widget] could not load older messages:', error);
    } finally {
      this.olderLoading = false;
      this.olderPace.answered();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    void this.afterRender(changed);
  }

  /** Keeps the view where the reader expects it once the new items are rendered. */
  private async afterRender(changed: PropertyValues): Promise<void> {
    if (!changed.has('messages') || !this.virtualizer) return;
    if (this.anchor) {
      const anchor = this.anchor;
      this.anchor = null;
      await restoreAnchor(this.virtualizer, anchor);
    }
    else if (this.bottom.stick && this.items.length > 0) await this.bottom.follow();
  }

  private scrollToLatest(): void {
    if (this.items.length === 0) return;
    this.bottom.reset();
    this.newCount = 0;
    void this.bottom.follow();
  }

  private onVisibilityChanged(event: VisibilityChangedEvent): void {
    this.visible = { first: event.first, last: event.last };
    // While a chat opens the view passes through its top on the way to the latest message.
    if (!this.settledAtOpen) return;
    // Prefetch while a few items are still above the view, so scrolling up rarely waits.
    if (event.first <= 15) void this.loadOlder();
    this.seen.markSeen();
  }

  private readonly rtl = () => getComputedStyle(this).direction === 'rtl';
  private readonly onMediaClick = lightboxOnClick(() => this.shadowRoot, () => this.messages, this.rtl);
  private readonly onGallery = galleryOnClick(() => this.shadowRoot, () => this.binding, () => this.chatJid, this.rtl);
  private readonly onBack = () => emit(this, 'chat-back', {});
  private readonly onClose = () => emit(this, 'chat-close', {});

  override render() {
    if (!this.peer?.trim()) return html`<p class="empty">${msg('Pick a chat to start.')}</p>`;
    const peer = this.chatJid;
    const buttons = { onBack: this.backButton ? this.onBack : undefined, onClose: this.closeButton ? this.onClose : undefined };
    // Not an address: said in the thread (with the way back), not as a failed send in the composer.
    if (!peer) return html`${renderHeader({ peer: this.peer.trim(), typing: false, ...buttons })}
      <p class="empty" role="alert">${msg(str`"${this.peer.trim()}" is not a valid address`)}</p>`;
    return html`
      ${renderHeader({ peer, typing: !!this.binding?.isTyping(peer), connection: this.binding?.connectionState, ...buttons,
        onGallery: this.binding?.features.mediaMessages ? this.onGallery : undefined, menu: this.chatMenu.button(peer, msg('Chat actions')) })}
      ${this.olderLoading ? html`<div class="loading" role="status">${msg('Loading older messages…')}</div>` : nothing}
      <lit-virtualizer part="messages" class=${this.revealed ? '' : 'opening'} scroller role="log" aria-label=${msg(str`Conversation with ${displayName(peer)}`)} tabindex="0"
        .items=${this.items} .keyFunction=${keyOf} .renderItem=${this.bubbles.renderer} .layout=${this.pin.layout}
        @visibilityChanged=${this.onVisibilityChanged} @click=${this.onMediaClick} @scroll=${this.bottom.onScroll} @wheel=${this.bottom.onUserInput}
        @touchstart=${this.bottom.onUserInput} @pointerdown=${this.bottom.onPointerDown} @keydown=${this.bottom.onUserInput}></lit-virtualizer>
      ${this.items.length === 0 ? html`<p class="empty">${msg('No messages yet. Say hello!')}</p>` : nothing}
      ${!this.atBottom && this.items.length > 0 ? html`<div class="jump-dock">${renderJump(this.newCount, () => this.scrollToLatest())}</div>` : nothing}
      ${this.selection.active ? this.selection.render() : this.composer.render()}${this.menu.render()}${this.chatMenu.render()}
    `;
  }
}
