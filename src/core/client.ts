/** The headless chat client: one account's connection and store, composed of feature modules (one
 * concern each: connection, registration, incoming routing, history, outbox, typing, markers; actions
 * on messages in message-parts.ts, the elements' binding in client-binding.ts). No lit, no DOM. */
import { Emitter } from '../model/emitter.js';
import { badRequest, unauthorized } from '../model/errors.js';
import type { StoreEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import { escapeNode, jidForUser, requireJid } from '../model/jid.js';
import type { ChatMessage, ConnectionState, FeatureFlags, RecentChat } from '../model/types.js';
import { buildEnableCarbons } from '../protocol/carbons.js';
import { attr } from '../protocol/xml.js';
import { ChatStore } from '../store/chat-store.js';
import { MemoryStorage, openBrowserStorage, type KeyValueStore } from '../store/persistence.js';
import type { ChatBinding } from './binding.js';
import { Connection, type StropheConnection } from './connection.js';
import { History } from './history.js';
import { Incoming } from './incoming.js';
import { Markers } from './markers.js';
import { onDemand } from './on-demand.js';
import type { Downloaded } from './media-download.js';
import { DisplayedSync } from './mds.js';
import { PrivateStorage } from './private-storage.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.js';
import { OutboxSender } from './outbox.js';
import { Presence, settingsSynced } from './presence.js';
import type { Registered } from './registration.js';
import { requireFeature, type Services } from './services.js';
import type { ClientEvents } from './events.js';
import type { HistoryQuery, MediaMessageParams, MediaQuery, TextMessageParams } from '../model/params.js';
import type { MediaKind } from '../model/file-type.js';
import { Typing } from './typing.js';
import { hideEvents, NS_HIDDEN, readHiddenMarks } from '../protocol/hidden-messages.js';
import { MessageActionsClient, unstarRemoved, refreshCorrected } from './message-parts.js';
import { bindingOf } from './client-binding.js';

export class ChatClient extends MessageActionsClient {
  readonly events = new Emitter<ClientEvents>();
  readonly options: ResolvedOptions;
  readonly features: Required<FeatureFlags>;
  /** What the elements get through context: the store's read side and the actions they may call. */
  readonly binding: ChatBinding;
  store: ChatStore | null = null;
  account: string | null = null;
  /** Resolves once the account's cache is open (it opens before the network is tried). */
  private opening: Promise<ChatStore> | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private lastState: { state: ConnectionState; reason?: string } = { state: 'disconnected' };

  private readonly connection: Connection;
  private readonly incoming: Incoming;
  private readonly history: History;
  /** The reference's media list (loaded on first use). */
  private readonly mediaList = onDemand(() => import('./media-list.js').then(({ MediaList }) => new MediaList(this.services, (chatJid, wanted) => this.history.fetchAhead(chatJid, wanted))));
  private readonly outbox: OutboxSender;
  /** Sending files loads on first use (upload, type sniffing, detection, encryption): a page that never
   * sends one never downloads that code. */
  private readonly media = onDemand(() => import('./media-send.js').then(({ MediaSender }) => new MediaSender(this.services, this.outbox)));
  private readonly services: Services;
  // The parts behind the actions on messages (message-parts.ts), loaded on first use (or at sign-in).
  /** @internal */ protected readonly replyForward = onDemand(() => import('./reply-forward.js').then(({ MessageActions }) => new MessageActions(this.services, this.outbox, this.history)));
  /** @internal */ protected readonly editReact = onDemand(() => import('./edit-react.js').then(({ EditReact }) => new EditReact(this.services, this.outbox)));
  /** @internal */ protected readonly deleter = onDemand(() => import('./delete.js').then(({ Deleter }) => new Deleter(this.services, this.privateStorage)));
  /** @internal */ protected readonly favourites = onDemand(() => import('./favourites.js').then(({ Favourites }) => new Favourites(this.services, this.privateStorage)));
  /** This account's settings per chat, shared by its devices (chat-settings.ts). @internal */
  protected readonly chatSettingsSync = onDemand(() => import('./chat-settings.js').then(({ ChatSettingsSync }) => new ChatSettingsSync(this.services, this.privateStorage)));
  /** Clearing and deleting chats (clear-chat.ts). @internal */
  protected readonly clearing = onDemand(() => import('./clear-chat.js').then(({ ChatClearing }) => new ChatClearing(this.services, this.chatSettingsSync, (q) => this.history.query(q))));
  private readonly typing: Typing;
  private readonly markers: Markers;
  private readonly displayed: DisplayedSync;
  /** The account's private PEP nodes (XEP-0223). */
  private readonly privateStorage: PrivateStorage;
  private readonly presence: Presence;

  constructor(options: ClientOptions) {
    super();
    ({ options: this.options, features: this.features } = resolveOptions(options));
    this.connection = new Connection(this.options, {
      onSession: (conn, resumed) => this.onSession(conn, resumed),
      onState: (state, reason) => this.onState(state, reason),
      onOnline: (resumed) => this.onOnline(resumed),
    });
    const services: Services = {
      options: this.options,
      features: this.features,
      events: this.events,
      xmpp: this.connection,
      store: () => this.requireStore(),
      account: () => this.account,
      apply: (events, announce) => this.apply(events, announce),
    };
    this.typing = new Typing(services);
    this.privateStorage = new PrivateStorage(services);
    this.displayed = new DisplayedSync(services, this.privateStorage);
    this.markers = new Markers(services, (chatJid, msgId) => void this.displayed.displayed(chatJid, msgId).catch(() => undefined));
    this.presence = new Presence(this.features);
    this.history = new History(services, (to, id) => this.markers.sendReceipt(to, id));
    this.incoming = new Incoming(services, {
      isOurQuery: (id) => this.history.isOurQuery(id),
      archiveResult: (result) => this.history.archiveResult(result),
      typing: (chatJid, state) => this.typing.show(chatJid, state),
      receipt: (to, id) => this.markers.sendReceipt(to, id),
      favourites: (event) => void this.favourites().then((f) => f.notified(event)).catch(() => undefined),
      chatSettings: (event) => void this.chatSettingsSync().then((c) => c.notified(event)).catch(() => undefined),
    });
    this.outbox = new OutboxSender(services, () => this.connection.signedOut, (jid) => this.typing.clearOwn(jid));
    this.services = services;
    // A file waiting in the outbox (from before a reload) loads the sender, which then takes this hook over.
    this.outbox.uploadFirst = (entry) => void this.media().then(() => this.outbox.uploadFirst(entry)).catch(() => undefined);
    this.binding = bindingOf(this);
  }

  /** True until `connect()` is called, and again after `disconnect()` or a refused sign-in. */
  get signedOut(): boolean {
    return this.connection.signedOut;
  }

  get connectionState(): ConnectionState {
    return this.lastState.state;
  }

  /** Why the connection is in its state, when an error put it there. */
  get connectionReason(): string | undefined {
    return this.lastState.reason;
  }

  /** The strophe connection: for diagnostics, tests and the bench, not an API.
   * @internal */
  get conn(): StropheConnection | null {
    return this.connection.strophe;
  }

  /** Feeds a stanza in as if the server had sent it: for tests and the bench, not an API.
   * @internal */
  onMessageStanza(stanza: Element): void {
    this.incoming.onStanza(stanza);
  }

  getJid(userId: string): string {
    return jidForUser(userId, this.options.domain);
  }

  private async requireStore(): Promise<ChatStore> {
    const store = this.store ?? (await this.opening?.catch(() => null));
    if (!store || !this.account) throw unauthorized('Not connected: call connect(username, password) first');
    return store;
  }

  private async apply(events: StoreEvent[], announce: boolean) {
    const result = await (await this.requireStore()).dispatch(events);
    if (announce) for (const message of result.added) this.events.emit('message', message);
    for (const status of result.statuses) this.events.emit('status', status);
    for (const m of result.removed ?? []) this.events.emit('removed', m);
    await unstarRemoved(this.store, result.removed ?? []);
    refreshCorrected(this.store, events, this.favourites);
    return result;
  }

  private onState(state: ConnectionState, reason?: string): void {
    if (this.lastState.state === state && this.lastState.reason === reason) return;
    this.lastState = { state, ...(reason ? { reason } : {}) };
    void this.store?.dispatch({ kind: 'connection', state, ...(reason ? { reason } : {}) });
    this.events.emit('connection', this.lastState);
    // Refused: the cache of an account we could not sign in to is not shown (a shared device, a typo
    // that names someone else's account), and nothing answers for it until a sign-in succeeds.
    if (state === 'authfailed') this.closeCache();
  }

  private closeCache(): void {
    this.unsubscribeStore?.();
    this.unsubscribeStore = null;
    this.store = null;
    this.opening = null;
    this.account = null;
    this.events.emit('change', { chats: new Set<string>(), recent: true, typing: true, connection: true, reset: true });
    this.events.emit('recent', []);
  }

  // ---- accounts and sessions -------------------------------------------------------------------

  /** XEP-0077: creates an account in-band; without arguments, a guest with random credentials. */
  async register(username?: string, password?: string): Promise<Registered> {
    requireFeature(this.features, 'registration', 'Registration');
    // Loaded on first use: most pages sign in accounts they already have.
    const { register } = await import('./registration.js');
    return register(this.options, username, password);
  }

  /** Signs in (a user id, escaped per XEP-0106, or a bare JID) after opening the account's cache. */
  async connect(username: string, password: string): Promise<{ jid: string }> {
    if (typeof username !== 'string' || username.trim() === '') throw badRequest('username is required');
    if (typeof password !== 'string' || password === '') throw badRequest('password is required');
    const account = this.accountFor(username);
    if (this.account === account && this.connection.online) {
      // Signed in already: other credentials are wrong ones (the session stays as it is).
      if (!this.connection.hasPassword(password)) throw unauthorized(`Wrong password for ${account}, which is signed in here`);
      return { jid: account };
    }
    await this.openCache(account);
    await this.connection.start(account, password);
    return { jid: account };
  }

  private accountFor(username: string): string {
    return username.includes('@') ? requireJid(username, 'username') : `${escapeNode(username).toLowerCase()}@${this.options.domain}`;
  }

  /** Opens an account's local cache without going online: cached chats and history can be shown at once. */
  async openCache(username: string): Promise<ChatStore> {
    if (typeof username !== 'string' || username.trim() === '') throw badRequest('username is required');
    const account = this.accountFor(username);
    if (this.account === account && this.store) return this.store;
    if (this.account && this.account !== account) await this.disconnect();
    this.account = account;
    this.store = null;
    this.opening = ChatStore.open(account, this.storageFor(account)).catch((error) => {
      // No usable IndexedDB (blocked, quota, an old private mode): chat still works, without a cache.
      console.warn('[chat-widget] local storage is unavailable, keeping this session in memory:', error);
      return ChatStore.open(account, new MemoryStorage());
    });
    const store = await this.opening;
    store.honour = this.features;
    this.store = store;
    this.unsubscribeStore?.();
    this.unsubscribeStore = store.subscribe((change) => {
      this.events.emit('change', change);
      if (change.recent) this.events.emit('recent', store.recentChats);
      if (change.favourites) void this.favourites().then((f) => f.changed()).catch(() => undefined);
    });
    store.announceReset();
    return store;
  }

  private storageFor(account: string): KeyValueStore {
    if (this.options.storage) return this.options.storage(account);
    if (typeof indexedDB === 'undefined') return new MemoryStorage();
    return openBrowserStorage(this.options.storagePrefix, account);
  }

  /** A session is up. Presence goes first: Prosody does not hand offline messages to a client that
   * queried the archive, so what was stored before the presence comes from the catch-up that follows;
   * live messages arriving meanwhile are held and go in after it, in order. What our other devices
   * displayed (XEP-0490) is read meanwhile and applied once the messages it names are in. */
  private async onSession(conn: StropheConnection, resumed: boolean): Promise<void> {
    conn.addHandler((stanza: Element) => {
      this.incoming.onStanza(stanza);
      return true;
    }, null, 'message', null, null);
    conn.addHandler((iq: Element) => {
      const type = attr(iq, 'type');
      if (type === 'get' || type === 'set') void this.presence.answer(iq).then((reply) => conn.send(reply));
      return true;
    }, null, 'iq', null, null);
    if (!resumed) {
      void this.media.loaded?.then((m) => m.reset());
      this.incoming.hold();
      this.connection.sendIq(buildEnableCarbons(newId())).catch(() => undefined);
      conn.send(await this.presence.initial());
      // Asked after the presence and awaited before the release: the server flushes its offline storage
      // when it takes the presence, so all of it arrives while live stanzas are held (the only window in
      // which a delay stamp from our server is believed; see interpret.ts).
      this.privateStorage.reset();
      const displayed = this.displayed.catchUp();
      // This account's chat settings (clear marks among them) and what it deleted for itself, before the
      // archive brings those messages again.
      const settings = settingsSynced(this.features) && this.chatSettingsSync().then((c) => c.catchUp()).catch(() => undefined);
      await this.apply(hideEvents(readHiddenMarks(await this.privateStorage.items(NS_HIDDEN).catch(() => []))), false).catch(() => undefined);
      await settings;
      try {
        await this.history.catchUp();
      } catch (error) {
        console.warn('[chat-widget] catching up from the archive failed:', error);
      }
      await this.apply(await displayed, false).catch((error) => console.warn('[chat-widget] could not apply what other devices read:', error));
      await this.incoming.release();
      if (this.features.favouriteMessage) void this.favourites().then((f) => f.catchUp()).catch(() => undefined);
    }
  }

  /** Online and caught up: what waited goes out. The order matters for the outbox: after a fresh
   * session the catch-up (in `onSession`, awaited before this) has already taken out of it what the
   * archive shows the server has; after a resumption only what never reached the stream goes. */
  private onOnline(resumed: boolean): void {
    void this.markers.sendUnsent().catch(() => undefined);
    void this.displayed.sendUnsent();
    void this.favourites.loaded?.then((f) => f.sendUnsent()).catch(() => undefined);
    void this.chatSettingsSync.loaded?.then((c) => c.sendUnsent()).catch(() => undefined);
    void this.outbox.resend(resumed).catch(() => undefined);
    if (this.store?.sync.heldRemovals.length) void this.deleter().then((d) => d.sendUnsent()).catch(() => undefined);
  }

  /** Signs out; the cache stays (and is flushed to storage). */
  async disconnect(): Promise<void> {
    this.typing.stop();
    await this.incoming.drain();
    await this.store?.flush();
    await this.connection.stop();
  }

  /** Tries to reconnect now (the elements call it when the browser says the network is back). */
  reconnectNow(): void {
    if (this.account) this.connection.reconnectNow();
  }

  // ---- the reference API's operations ----------------------------------------------------------

  async recentChats(): Promise<RecentChat[]> {
    return (await this.requireStore()).recentChats;
  }

  messages(q: HistoryQuery): Promise<ChatMessage[]> {
    return this.history.messages(q);
  }

  /** The reference's `getMediaMessages` (see MediaList.list). */
  async mediaMessages(q: MediaQuery): Promise<ChatMessage[]> {
    return (await this.mediaList()).list(q);
  }

  /** Cached messages of a chat from `fromRow` to the newest (what an open thread re-reads on change). */
  async messagesFrom(chatJid: string, fromRow: number): Promise<ChatMessage[]> {
    return (await this.requireStore()).from(requireJid(chatJid, 'toJid'), fromRow);
  }

  /** The cached messages of a chat only, never asking the server (for painting before it answers). */
  async cachedMessages(chatJid: string, limit: number): Promise<ChatMessage[]> {
    return (await this.requireStore()).latest(requireJid(chatJid, 'toJid'), limit);
  }

  sendText(params: TextMessageParams): Promise<ChatMessage> {
    return this.outbox.sendText(params);
  }

  /** `sendImageMessage` and its siblings (`file` is the reference's document); see media-send.ts. */
  async sendMedia(kind: MediaKind, params: MediaMessageParams): Promise<ChatMessage> {
    return (await this.media()).send(kind, params);
  }

  async cancelUpload(msgId: string): Promise<void> {
    return (await this.media()).cancel(msgId);
  }

  async resendMessage(params: { toJid: string; messageId: string }): Promise<ChatMessage> {
    return (await this.media()).resend(params);
  }

  /** See media-download.ts; an `aesgcm://` file on this chat server's own host is fetched over plain
   * http when the server itself is reached over plain ws/http (a development server). */
  async downloadMedia(fileToken: string, fileKey?: string): Promise<Downloaded> {
    const service = new URL(this.options.service);
    const { downloadMedia } = await import('./media-download.js');
    return downloadMedia(fileToken, fileKey, /^(ws|http):$/.test(service.protocol) ? service.host : undefined);
  }

  sendSeen(toUserJid: string, msgId: string): Promise<void> {
    return this.markers.sendSeen(toUserJid, msgId);
  }

  /** Marks a chat read up to a peer's message; the seen marker goes out only when seen status is on. */
  markRead(chatJid: string, msgId: string): Promise<void> {
    return this.markers.markRead(chatJid, msgId);
  }

  sendTyping(toJid: string): Promise<void> {
    return this.typing.sendTyping(toJid);
  }

  sendTypingGone(toJid: string): Promise<void> {
    return this.typing.sendTypingGone(toJid);
  }
}

