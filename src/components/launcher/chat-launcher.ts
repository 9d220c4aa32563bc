/** <chat-launcher>: the floating button and panel a site owner adds with one tag. It shows the page's
 * SDK (signing it in from its attributes or `connect()`), or the one given as `sdk`, and provides it,
 * through context, to the list and thread inside it. */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import { asSdkError, badRequest, type SdkError } from '../../model/errors.js';
import type { FeatureFlags } from '../../model/types.js';
import { chatJidOf } from '../../model/jid.js';
import { SDK, type ChatSDK } from '../../sdk/index.js';
import { chatContext } from '../shared/context.js';
import { ChatController } from '../shared/chat-controller.js';
import { sdkFor, startSession, type SessionOptions } from '../shared/session.js';
import { emit, type ChatEventMap } from '../shared/events.js';
import { describeError } from '../shared/errors.js';
import { LocaleController } from '../shared/localize.js';
import { displayName, formatCount } from '../shared/format.js';
import { tokens } from '../shared/tokens.js';
import { controlStyles } from '../shared/controls.js';
import { launcherStyles } from './chat-launcher.styles.js';
import { exportParts, LIST_PARTS, THREAD_PARTS } from './exported-parts.js';
import { loadList } from '../list/lazy.js';
import { loadThread } from '../thread/lazy.js';

interface Remembered {
  open: boolean;
  chat?: string;
}

/**
 * @tagname chat-launcher
 * @summary A floating chat button with an unread badge that opens the recent chats and a thread.
 * Configured by attributes (or `connect()`), it initializes and signs in the page's SDK
 * (`window.ChatWidget.SDK`), so the host page's SDK calls, listeners and sends are the widget's account;
 * without them it shows the session a host signed in itself; `sdk` gives it another (`createSDK()`).
 * Every part of the list and the thread inside is passed up under its own name
 * (`chat-launcher::part(bubble-out)`); the manifest lists them as "From <chat-thread>: …".
 * @event {CustomEvent<{jid: string}>} chat-open - A chat was opened from the list inside; `detail.jid` is the peer.
 * @event {CustomEvent<{toJid: string, text: string}>} chat-send - The thread inside is about to send; cancelable; `detail.text` may be rewritten.
 * @event {CustomEvent<{message: ChatMessage}>} chat-message - A new message arrived; `detail.message`.
 * @event {CustomEvent<{count: number}>} chat-unread-change - The total unread count changed; `detail.count`.
 * @event {CustomEvent<{state: 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'authfailed', reason?: string}>} chat-connection - The connection state changed; `detail.state`.
 * @event {CustomEvent<{statusCode: number, message: string}>} chat-error - Connecting, registering or sending failed; `detail.message` says why.
 * @event {CustomEvent<{message: ChatMessage}>} chat-notify - A new message is about to show a browser notification (and, with `notification-sound`, a tone): the page is hidden, the panel closed or another chat open, and the chat is not muted; cancelable (`preventDefault()` and neither happens).
 * @attr {string} lang - The language of the element's strings (`en`, `ar`; a tag like `ar-EG` picks `ar`).
 *   Unset: an ancestor's `lang` (a launcher's list and thread follow the launcher), else the page's
 *   `<html lang>`, else English. One language per page: the first element's wins. The element sets its
 *   `dir` to the language's direction (unless the page set `dir` on it).
 * @csspart button - The floating button.
 * @csspart badge - The unread badge.
 * @csspart panel - The panel holding the list and the thread.
 * @csspart panel-header - The panel's title bar.
 * @csspart favourites-button - The ★ button in the panel's title bar that shows the starred messages (with `favouriteMessage` on).
 * @csspart favourites - The starred messages view (a dialog, loaded on demand).
 * @csspart favourites-item - One starred message in it (a click opens its chat at the message).
 * @csspart favourites-close - Its close button.
 * @cssproperty --chat-accent - Accent colour.
 * @cssproperty --chat-offset - Distance from the window corner.
 * @cssproperty --chat-panel-width - Width of the panel on wide screens.
 * @cssproperty --chat-panel-height - Height of the panel on wide screens.
 * @cssproperty --chat-z-index - Stacking order of the launcher.
 */
@localized()
export class ChatLauncher extends LitElement {
  static override styles = [tokens, controlStyles, launcherStyles];

  @property() service?: string;
  @property() domain?: string;
  @property() username?: string;
  @property() password?: string;
  /** Sign in as a guest: an account registered in-band on the first visit and remembered after. */
  @property({ type: Boolean }) guest = false;
  @property({ attribute: 'storage-prefix' }) storagePrefix = 'chat-widget';
  /** The corner: `bottom-end` (default), `bottom-start`, `top-end`, `top-start` follow the language's
   * direction (`end` is the right in English, the left in Arabic); `bottom-right`, `bottom-left`,
   * `top-right`, `top-left` stay put. */
  @property({ reflect: true })
  position: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start' | 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' = 'bottom-end';
  /** `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Title of the panel; by default "Chats" in the page's language. */
  @property() heading?: string;
  /** Features switched off for this deployment, e.g. `features='{"typing":false}'`. */
  @property({ type: Object }) features?: FeatureFlags;
  /** Whether the panel is open (remembered across page loads). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Plays a short tone (made with Web Audio, no sound file) for each new message that notifies (not for
   * muted chats; with the `notifications` feature on). Browsers allow sound only after the user's first
   * click or key press on the page: before it, none. */
  @property({ type: Boolean, attribute: 'notification-sound' }) notificationSound = false;
  /** Puts the unread count of chats that are not muted before the page's title ("(3) My shop"); the
   * title is restored when the count drops to 0 or the attribute or the element goes. */
  @property({ type: Boolean, attribute: 'title-unread' }) titleUnread = false;

  /** The SDK to show (from `createSDK()`); by default the page's `ChatWidget.SDK`, which the connection
   * attributes or `connect()` sign in. */
  @property({ attribute: false }) sdk?: ChatSDK;

  /** What the list and thread inside read and act on. */
  @provide({ context: chatContext })
  @state()
  binding?: ChatBinding;

  @state() private chat?: string;
  @state() private notice = '';

  @query('.button') private button?: HTMLButtonElement;

  private readonly controller = new ChatController(this, () => this.announceUnread());
  /** The page's language (see localize.ts); the list and thread inside follow this element's `lang`. */
  protected readonly locale = new LocaleController(this);
  private followed?: ChatSDK;
  private unwatch?: () => void;
  private lastUnread = -1;
  private offMessage?: () => void;
  private offConnection?: () => void;
  private restored = false;
  /** Signed out by `disconnect()`: no sign-in from the attributes (on re-mount either) until
   * `connect()` or changed connection attributes. */
  private signedOutByHost = false;
  private painted = false;
  private notifying?: Promise<void>;
  private readonly reported = new WeakSet<Promise<void>>();

  private get memoryKey(): string {
    return `${this.storagePrefix}:launcher`;
  }

  private remember(): void {
    try {
      const value: Remembered = { open: this.open, ...(this.chat ? { chat: this.chat } : {}) };
      localStorage.setItem(this.memoryKey, JSON.stringify(value));
    } catch {
      // Storage may be off (private mode); the launcher still works, it just forgets.
    }
  }

  private recall(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(this.memoryKey) ?? 'null') as Remembered | null;
      if (saved) {
        this.open = !!saved.open;
        this.chat = typeof saved.chat === 'string' ? saved.chat : undefined;
      }
    } catch {
      /* nothing remembered */
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.restored) {
      this.restored = true;
      this.recall();
    }
    document.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeydown);
    this.unwatch?.();
    this.unwatch = undefined;
    this.followed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const keys = ['sdk', 'service', 'domain', 'username', 'password', 'guest', 'storagePrefix', 'features'];
    // New connection attributes are a new sign-in, even after the host signed out.
    if (keys.slice(1).some((k) => changed.has(k) && changed.get(k) !== undefined)) this.signedOutByHost = false;
    if (this.isConnected && (!this.followed || keys.some((k) => changed.has(k)))) this.chooseSdk();
    if (changed.has('open') || changed.has('chat')) this.remember();
    // The list and the thread load on demand (list/lazy.ts, thread/lazy.ts): from the moment the panel
    // opens (or is about to: prefetch), so that a chat picked from the list shows without waiting.
    if (this.open) this.prefetch();
  }

  /** Starts loading the panel's parts (the pointer or the focus is on the button, or the panel opened). */
  private prefetch = (): void => {
    for (const [tag, load] of [['chat-list', loadList], ['chat-thread', loadThread]] as const) {
      load().catch((error: unknown) => console.error(`chat-widget: could not load <${tag}>`, error));
    }
  };

  /** The `sdk` property; else the SDK the connection attributes name (signed in here); else the page's. */
  private chooseSdk(): void {
    if (this.sdk) {
      this.follow(this.sdk);
    } else if (this.service && this.domain) {
      const options = this.sessionOptions();
      const sdk = sdkFor(options);
      this.follow(sdk);
      // After the host's disconnect() the launcher stays signed out until connect() or new attributes.
      if (!this.signedOutByHost) void this.report(startSession(sdk, options));
    } else {
      this.follow(SDK);
    }
  }

  private follow(sdk: ChatSDK): void {
    if (this.followed === sdk) return;
    this.unwatch?.();
    this.followed = sdk;
    this.unwatch = sdk.watch((binding) => this.use(binding ?? undefined));
  }

  private sessionOptions(): SessionOptions {
    return {
      service: this.service!, domain: this.domain!, username: this.username, password: this.password,
      guest: this.guest, storagePrefix: this.storagePrefix, ...(this.features ? { features: this.features } : {}),
    };
  }

  private use(binding: ChatBinding | undefined): void {
    if (binding === this.binding) return;
    this.offMessage?.();
    this.offConnection?.();
    this.binding = binding;
    this.controller.attach(binding);
    if (!binding) return;
    this.offMessage = binding.on('message', (message) => emit(this, 'chat-message', { message }));
    this.offConnection = binding.on('connection', (e) => {
      if (e.state === 'connected') this.notice = '';
      if (e.state === 'authfailed') this.notice = msg('Sign-in failed: wrong username or password');
      emit(this, 'chat-connection', { state: e.state, ...(e.reason ? { reason: e.reason } : {}) });
    });
  }

  /** Reports a session's failure once, however many callers wait for the same sign-in. */
  private report(session: Promise<void>): Promise<void> {
    if (!this.reported.has(session)) {
      this.reported.add(session);
      session.catch((e: unknown) => this.fail(asSdkError(e)));
    }
    return session;
  }

  private fail(error: SdkError): void {
    this.notice = describeError(error, 'sign-in');
    emit(this, 'chat-error', { statusCode: error.statusCode, message: error.message });
  }

  /** Connects with credentials (or as a guest) given in JavaScript instead of attributes. */
  async connect(options: Partial<SessionOptions> = {}): Promise<void> {
    Object.assign(this, {
      service: options.service ?? this.service, domain: options.domain ?? this.domain,
      username: options.username ?? this.username, password: options.password ?? this.password,
      guest: options.guest ?? this.guest,
    });
    if (!this.service || !this.domain) throw badRequest('connect() needs service and domain');
    const session = this.sessionOptions();
    const sdk = this.sdk ?? sdkFor(session);
    this.signedOutByHost = false;
    this.follow(sdk);
    try {
      await this.report(startSession(sdk, session));
    } catch (error) {
      throw asSdkError(error);
    }
  }

  /** Signs out the SDK this launcher shows (a host's "log out"); its cache stays for the next sign-in. */
  async disconnect(): Promise<void> {
    this.signedOutByHost = true;
    await this.followed?.disconnect();
  }

  /** Opens the panel, optionally on one chat. */
  show(chatJid?: string): void {
    if (chatJid) this.openChat(chatJid);
    this.open = true;
  }

  hide(): void {
    this.open = false;
    void this.updateComplete.then(() => this.button?.focus());
  }

  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  /** Shows the chat with `jid` (any case, with or without a resource) in the panel. */
  openChat(jid: string): void {
    // Stored as the store keys chats (bare, lower-case); an invalid address is kept as given, and the
    // thread says it is not valid.
    this.chat = chatJidOf(jid) ?? (String(jid ?? '').trim() || undefined);
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.open) return;
    // An Escape something inside already handled (a dialog it closes: the lightbox, the gallery; or a
    // listener that called preventDefault) is not for the panel.
    if (event.defaultPrevented || event.composedPath().some((n) => n instanceof HTMLDialogElement && n.open)) return;
    // Inside the launcher, or nowhere in particular (focus fell to the page's body while it was open).
    const nowhere = !document.activeElement || document.activeElement === document.body;
    if (event.composedPath().includes(this) || nowhere) this.hide();
  };

  private announceUnread(): void {
    const count = this.binding?.totalUnread ?? 0;
    if (count !== this.lastUnread) {
      this.lastUnread = count;
      emit(this, 'chat-unread-change', { count });
    }
  }

  private onChatOpen(event: ChatEventMap['chat-open']): void {
    // The list's event goes on to the host page; the launcher just follows it.
    this.openChat(event.detail.jid);
  }

  protected override updated(changed: PropertyValues): void {
    // Not on the first paint (a panel restored open on page load does not take the page's focus).
    const opened = changed.has('open') && this.open && changed.get('open') === false;
    const switched = changed.has('chat') && this.open && this.painted;
    // Notifications, sound and the title's count (shared/notifier.ts) load once they can be needed.
    if (!this.notifying && (this.titleUnread || this.binding?.features.notifications && (this.notificationSound || globalThis.Notification?.permission === 'granted'))) {
      this.notifying = import('../shared/notifier.js').then((m) => m.notifier(this), (e: unknown) => console.error('chat-widget: could not load notifications', e));
    }
    this.painted = true;
    if (opened || switched) void this.focusPanel(opened ? undefined : (changed.get('chat') as string | undefined));
  }

  /** Focus where the person goes on: the thread's composer; back in the list, the row of the chat
   * just left; a panel opened on the list, its close button. */
  private async focusPanel(left: string | undefined): Promise<void> {
    await this.updateComplete;
    const thread = this.renderRoot.querySelector('chat-thread');
    const list = this.renderRoot.querySelector('chat-list');
    if (thread) {
      await loadThread().catch(() => undefined);
      await thread.updateComplete;
      thread.focus();
    } else if (list && left) {
      await loadList().catch(() => undefined);
      await list.updateComplete;
      list.focusChat(left);
    } else {
      this.renderRoot.querySelector<HTMLElement>('.close')?.focus();
    }
  }

  override render() {
    const unread = this.binding?.totalUnread ?? 0;
    const label = `${this.open ? msg('Close chat') : msg('Open chat')}${unread ? `, ${msg(str`${formatCount(unread)} unread`)}` : ''}`;
    return html`
      ${this.open ? this.renderPanel() : nothing}
      <button class="button" part="button" aria-label=${label} aria-expanded=${this.open ? 'true' : 'false'} @click=${() => this.toggle()}
        @pointerenter=${this.prefetch} @focus=${this.prefetch}>
        ${this.open
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>`
          : html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>`}
        ${unread ? html`<span class="badge" part="badge" aria-hidden="true">${formatCount(unread, 99)}</span>` : nothing}
      </button>
    `;
  }

  private renderPanel() {
    const inThread = !!this.chat;
    const heading = this.heading ?? msg('Chats');
    return html`<section class="panel" part="panel" role="dialog" aria-label=${heading}>
      ${inThread ? nothing : html`<div class="panel-header" part="panel-header">
        <div><h2 dir="auto">${heading}</h2>${this.binding?.account
          ? html`<small dir="auto">${this.guest && !this.username ? msg('Guest', { desc: 'Shown under the title when signed in as a guest' }) : displayName(this.binding.account)}</small>`
          : nothing}</div>
        ${this.binding?.features.favouriteMessage ? html`<button class="icon-button favs" part="favourites-button" aria-label=${msg('Starred messages')}
          @click=${() => void import('../favourites/favourites.js').then((m) => m.openFavourites(this))}>★</button>` : nothing}
        <button class="icon-button close" aria-label=${msg('Close chat')} @click=${() => this.hide()}>×</button>
      </div>`}
      ${this.notice ? html`<p class="banner danger notice" role="alert">${this.notice}</p>` : nothing}
      ${inThread
        ? html`<chat-thread exportparts=${exportParts(THREAD_PARTS)}
            .peer=${this.chat} back-button close-button theme=${this.theme ?? nothing}
            @chat-back=${() => (this.chat = undefined)} @chat-close=${() => this.hide()}></chat-thread>`
        : html`<chat-list exportparts=${exportParts(LIST_PARTS)} theme=${this.theme ?? nothing}
            @chat-open=${this.onChatOpen}></chat-list>`}
    </section>`;
  }
}
