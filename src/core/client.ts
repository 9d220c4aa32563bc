/** The headless chat client: one account's connection, its store, and every operation the API and the
 * elements perform. Knows nothing of lit or the DOM. */
import { Strophe, $pres, type Builder } from 'strophe.js';
import { InMemorySMStorage } from './sm-storage.js';
import type {
  ChatMessage, ConnectionEvent, ConnectionState, FeatureFlags, MessageStatusEvent, RecentChat, TypingEvent,
} from './types.js';
import { Emitter } from './emitter.js';
import { badRequest, forbidden, notFound, SdkError, serverError, timeout, unauthorized, Status } from './result.js';
import { escapeNode, isBareJid, jidForUser, requireJid } from './jid.js';
import { interpret, type IncomingContext, type Interpretation } from './incoming.js';
import { ChatStore, type ApplyResult, type OutboxEntry, type StoreChange, type StoreEvent } from '../store/chat-store.js';
import type { NewMessage } from '../store/chat-log.js';
import { MemoryStorage, openBrowserStorage, type KeyValueStore } from '../store/persistence.js';
import { buildChatMessage, MAX_BODY_LENGTH } from '../protocol/message.js';
import { buildReceipt } from '../protocol/receipts.js';
import { buildDisplayed } from '../protocol/markers.js';
import { buildChatState } from '../protocol/chat-states.js';
import { buildEnableCarbons, unwrapCarbon } from '../protocol/carbons.js';
import { buildArchiveQuery, readArchiveFin, readArchivedMessage, type ArchivedMessage, type ArchivePage } from '../protocol/mam.js';
import { buildRegistration, offersRegistration } from '../protocol/register.js';
import { buildIqReply, buildPing } from '../protocol/ping.js';
import { attr, newId } from '../protocol/xml.js';
import { readStanzaError } from '../protocol/errors.js';

type Connection = InstanceType<typeof Strophe.Connection>;

export interface ClientOptions {
  /** Websocket (`ws://`, `wss://`) or BOSH (`http(s)://`) endpoint of the XMPP server. */
  service: string;
  /** The XMPP domain user ids live on. */
  domain: string;
  features?: FeatureFlags;
  /** Prefix of the IndexedDB databases (one per account). */
  storagePrefix?: string;
  /** Replaces the browser storage, e.g. with `() => new MemoryStorage()` outside browsers. */
  storage?: (account: string) => KeyValueStore;
  /** How long after the last keystroke a "gone" typing state is sent. */
  typingQuietMs?: number;
  /** How long a peer's "typing..." is shown without news from them. */
  typingExpiryMs?: number;
  /** Waits between reconnection attempts; the last one repeats. */
  reconnectDelaysMs?: number[];
  /** How long `connect()` waits for the first connection before answering 408 (it keeps trying). */
  connectTimeoutMs?: number;
  /** Timeout of one request to the server. */
  requestTimeoutMs?: number;
}

export interface ClientEvents extends Record<string, unknown> {
  connection: ConnectionEvent;
  message: ChatMessage;
  status: MessageStatusEvent;
  typing: TypingEvent;
  recent: RecentChat[];
  /** The store changed (at most once per frame): what the elements re-render from. */
  change: StoreChange;
}

export interface HistoryQuery {
  toJid: string;
  position?: 'up' | 'down';
  lastRowId?: string | number;
  limit?: number;
}

export interface TextMessageParams {
  toJid: string;
  messageText: string;
  replyMessageId?: string;
  mentionedUsersIds?: string[];
}

const DEFAULT_FEATURES: Required<FeatureFlags> = {
  typing: true, seenStatus: true, deliveryReceipts: true, history: true, registration: true,
};

const ARCHIVE_PAGE = 250;
const INITIAL_SYNC_PAGES = 3;
const MAX_HISTORY_LIMIT = 500;
const ACK_TIMEOUT_MS = 5 * 60_000;

// strophe.js logs every stanza at DEBUG by default; connection trouble is reported through our own events.
Strophe.setLogLevel(Strophe.LogLevel.FATAL);

export class ChatClient {
  readonly events = new Emitter<ClientEvents>();
  readonly options: Required<Omit<ClientOptions, 'storage' | 'features'>> & Pick<ClientOptions, 'storage'>;
  readonly features: Required<FeatureFlags>;
  store: ChatStore | null = null;
  account: string | null = null;
  /** Resolves once the account's cache is open (it opens before the network is tried). */
  private opening: Promise<ChatStore> | null = null;

  private conn: Connection | null = null;
  private password = '';
  private readonly resource = `widget-${newId().slice(0, 8)}`;
  private userDisconnected = true;
  private online = false;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingConnect: { resolve: () => void; reject: (e: SdkError) => void } | null = null;
  private readonly queries = new Map<string, ArchivedMessage[]>();
  private incoming: StoreEvent[] = [];
  private incomingArchiveId: string | undefined;
  private incomingTimer: ReturnType<typeof setTimeout> | undefined;
  private catchingUp = false;
  private awaitingAck: { chatJid: string; msgId: string }[] = [];
  private ackScheduled = false;
  private readonly typingSent = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly typingShown = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly seenToSend = new Map<string, string>();
  private unsubscribeStore: (() => void) | null = null;

  constructor(options: ClientOptions) {
    if (typeof options?.service !== 'string' || !/^(wss?|https?):\/\//i.test(options.service)) {
      throw badRequest('service must be a ws://, wss://, http:// or https:// URL of the XMPP server');
    }
    if (typeof options.domain !== 'string' || !/^[a-z0-9.-]+$/i.test(options.domain)) {
      throw badRequest('domain must be the XMPP domain, e.g. "example.com"');
    }
    this.features = { ...DEFAULT_FEATURES, ...(options.features ?? {}) };
    this.options = {
      service: options.service,
      domain: options.domain.toLowerCase(),
      storagePrefix: options.storagePrefix ?? 'chat-widget',
      storage: options.storage,
      typingQuietMs: options.typingQuietMs ?? 5000,
      typingExpiryMs: options.typingExpiryMs ?? 30000,
      reconnectDelaysMs: options.reconnectDelaysMs ?? [1000, 2000, 4000, 8000, 15000, 30000],
      connectTimeoutMs: options.connectTimeoutMs ?? 20000,
      requestTimeoutMs: options.requestTimeoutMs ?? 20000,
    };
  }

  /** True until `connect()` is called, and again after `disconnect()` or a refused sign-in. */
  get signedOut(): boolean {
    return this.userDisconnected;
  }

  get connectionState(): ConnectionState {
    return this.store?.connection ?? 'disconnected';
  }

  getJid(userId: string): string {
    return jidForUser(userId, this.options.domain);
  }

  private requireFeature(name: keyof FeatureFlags, what: string): void {
    if (!this.features[name]) throw forbidden(`${what} is not available: the "${name}" feature is switched off for this chat`);
  }

  private async requireStore(): Promise<ChatStore> {
    const store = this.store ?? (await this.opening?.catch(() => null));
    if (!store || !this.account) throw unauthorized('Not connected: call connect(username, password) first');
    return store;
  }

  private setState(state: ConnectionState, reason?: string): void {
    if (!this.store) return;
    if (this.store.connection === state && this.store.connectionReason === reason) return;
    this.store.setConnection(state, reason);
    this.events.emit('connection', { state, ...(reason ? { reason } : {}) });
  }

  // ---- registration (XEP-0077) ---------------------------------------------------------------

  /** Creates an account in-band. Without arguments, makes a guest account with random credentials. */
  async register(username?: string, password?: string): Promise<{ username: string; password: string; jid: string }> {
    this.requireFeature('registration', 'Registration');
    if (username !== undefined && (typeof username !== 'string' || !/^[^\s"&'/:<>@\\]{1,64}$/.test(username))) {
      throw badRequest('username may not be empty or contain spaces or any of " & \' / : < > @ \\');
    }
    if (password !== undefined && (typeof password !== 'string' || password.length < 1)) {
      throw badRequest('password must be a non-empty string');
    }
    const user = (username ?? `guest-${newId().replace(/-/g, '').slice(0, 12)}`).toLowerCase();
    const pass = password ?? newId().replace(/-/g, '');
    const conn = new Strophe.Connection(this.options.service, {});
    conn.do_authentication = false;
    try {
      const features = await new Promise<Element>((resolve, reject) => {
        const timer = setTimeout(() => reject(timeout(`The chat server at ${this.options.service} did not answer`)), this.options.requestTimeoutMs);
        const original = conn._connect_cb.bind(conn);
        conn._connect_cb = (req, callback, raw) => {
          original(req, callback, raw);
          const el = req as Element;
          const found = el.getElementsByTagNameNS?.('http://etherx.jabber.org/streams', 'features')[0]
            ?? (el.localName === 'features' ? el : undefined);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        conn.connect(this.options.domain, '', (status: number) => {
          if (status === Strophe.Status.CONNFAIL || status === Strophe.Status.DISCONNECTED) {
            clearTimeout(timer);
            reject(serverError(`Could not reach the chat server at ${this.options.service}`));
          }
        });
      });
      if (!offersRegistration(features)) throw forbidden('This chat server does not allow creating accounts (in-band registration is off)');
      // Before authentication strophe only runs its own system handlers, so the answer is caught with one.
      const id = newId();
      const answer = await new Promise<Element>((resolve, reject) => {
        const timer = setTimeout(() => reject(timeout('The chat server did not answer the registration')), this.options.requestTimeoutMs);
        conn._addSysHandler((iq: Element) => {
          clearTimeout(timer);
          resolve(iq);
          return false;
        }, null, 'iq', null, id);
        conn.send(buildRegistration(user, pass, id));
      });
      if (attr(answer, 'type') === 'error') {
        if (readStanzaError(answer).condition === 'conflict') throw badRequest(`The username "${user}" is already taken`);
        throw badRequest(`The server refused the registration: ${describeIqError(answer)}`);
      }
      return { username: user, password: pass, jid: `${escapeNode(user)}@${this.options.domain}` };
    } finally {
      conn.disconnect('registered');
    }
  }

  // ---- connection --------------------------------------------------------------------------

  async connect(username: string, password: string): Promise<{ jid: string }> {
    if (typeof username !== 'string' || username.trim() === '') throw badRequest('username is required');
    if (typeof password !== 'string' || password === '') throw badRequest('password is required');
    const account = this.accountFor(username);
    if (this.account === account && this.online) return { jid: account };
    if (this.account && this.account !== account) await this.disconnect();
    await this.openCache(account);
    // A second call while the first is still under way waits for the same attempt.
    if (this.connecting && this.password === password && !this.userDisconnected) return this.connecting;
    this.password = password;
    this.userDisconnected = false;
    this.reconnectAttempt = 0;
    const connected = new Promise<void>((resolve, reject) => {
      this.pendingConnect = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.pendingConnect?.reject(timeout(`Could not reach the chat server at ${this.options.service}; still trying in the background`));
      this.pendingConnect = null;
    }, this.options.connectTimeoutMs);
    this.openConnection();
    this.connecting = connected.then(() => ({ jid: account })).finally(() => {
      clearTimeout(timer);
      this.connecting = null;
    });
    return this.connecting;
  }

  private connecting: Promise<{ jid: string }> | null = null;

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
    this.store = store;
    this.unsubscribeStore?.();
    this.unsubscribeStore = store.subscribe((change) => {
      this.events.emit('change', change);
      if (change.recent) this.events.emit('recent', store.recentChats);
    });
    this.events.emit('change', { chats: new Set<string>(), recent: true, typing: true, connection: true, reset: true });
    await store.restoreOutbox();
    return store;
  }

  private storageFor(account: string): KeyValueStore {
    if (this.options.storage) return this.options.storage(account);
    if (typeof indexedDB === 'undefined') return new MemoryStorage();
    return openBrowserStorage(this.options.storagePrefix, account);
  }

  private openConnection(): void {
    clearTimeout(this.reconnectTimer);
    const websocket = /^wss?:/i.test(this.options.service);
    if (!this.conn) {
      // Resumption state stays with this client: strophe's default (sessionStorage, keyed by JID) would let
      // two clients of one account on a page resume each other's session and knock each other off.
      // Resuming after a reload is not needed: the archive catch-up covers it.
      this.conn = new Strophe.Connection(this.options.service, {
        enableStreamManagement: websocket,
        streamManagement: { storage: new InMemorySMStorage() },
      });
    }
    const conn = this.conn;
    this.setState(this.reconnectAttempt > 0 ? 'reconnecting' : 'connecting');
    conn.connect(`${this.account}/${this.resource}`, this.password, (status: number, condition: string | null) => {
      if (conn !== this.conn) return;
      this.onStatus(status, condition ?? undefined);
    });
  }

  private onStatus(status: number, condition?: string): void {
    const S = Strophe.Status;
    if (status === S.CONNECTED) {
      void this.onOnline(this.conn!.hasResumed());
    } else if (status === S.AUTHFAIL) {
      this.online = false;
      this.userDisconnected = true;
      this.setState('authfailed', 'Wrong username or password');
      this.pendingConnect?.reject(unauthorized('Wrong username or password'));
      this.pendingConnect = null;
    } else if (status === S.CONNFAIL || status === S.CONNTIMEOUT) {
      this.online = false;
      this.lastFailure = condition ?? 'connection failed';
    } else if (status === S.DISCONNECTED) {
      this.online = false;
      if (this.userDisconnected) {
        if (this.store?.connection !== 'authfailed') this.setState('disconnected');
        return;
      }
      this.scheduleReconnect();
    }
  }

  private lastFailure: string | undefined;

  private scheduleReconnect(): void {
    const delays = this.options.reconnectDelaysMs;
    const base = delays[Math.min(this.reconnectAttempt, delays.length - 1)];
    this.reconnectAttempt += 1;
    // Jitter so a server restart is not met by every client at the same instant.
    const wait = base * (0.8 + Math.random() * 0.4);
    this.setState('reconnecting', this.lastFailure);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (!this.userDisconnected) this.openConnection();
    }, wait);
  }

  /** Tries to reconnect now (the elements call it when the browser says the network is back). */
  reconnectNow(): void {
    if (!this.userDisconnected && !this.online && this.account && this.store?.connection === 'reconnecting') {
      this.openConnection();
    }
  }

  private async onOnline(resumed: boolean): Promise<void> {
    const conn = this.conn!;
    conn.addHandler((stanza: Element) => {
      this.onMessageStanza(stanza);
      return true;
    }, null, 'message', null, null);
    conn.addHandler((iq: Element) => {
      const type = attr(iq, 'type');
      if (type === 'get' || type === 'set') conn.send(buildIqReply(iq));
      return true;
    }, null, 'iq', null, null);
    this.reconnectAttempt = 0;
    this.lastFailure = undefined;
    if (!resumed) {
      // Presence first: Prosody does not hand offline messages to a client that queried the archive,
      // so anything stored before the presence must come from the catch-up that follows it. Live
      // messages arriving meanwhile wait in the incoming queue and go in after the catch-up, in order.
      this.catchingUp = true;
      this.sendIq(conn, buildEnableCarbons(newId())).catch(() => undefined);
      conn.send($pres());
      try {
        await this.catchUp();
      } catch (error) {
        console.warn('[chat-widget] catching up from the archive failed:', error);
      } finally {
        this.catchingUp = false;
      }
      if (conn !== this.conn) return;
      await this.drainIncoming();
    }
    this.online = true;
    this.setState('connected');
    this.pendingConnect?.resolve();
    this.pendingConnect = null;
    for (const [chatJid, msgId] of this.seenToSend) this.sendMarker(chatJid, msgId);
    this.seenToSend.clear();
    this.transmit(this.store!.pendingOutbox);
  }

  async disconnect(): Promise<void> {
    this.userDisconnected = true;
    clearTimeout(this.reconnectTimer);
    for (const { timer } of this.typingSent.values()) clearTimeout(timer);
    this.typingSent.clear();
    await this.drainIncoming();
    await this.store?.flush();
    const conn = this.conn;
    this.conn = null;
    this.online = false;
    if (conn) {
      await new Promise<void>((resolve) => {
        const done = setTimeout(resolve, 2000);
        conn.connect_callback = (status: number) => {
          if (status === Strophe.Status.DISCONNECTED) {
            clearTimeout(done);
            resolve();
          }
        };
        if (conn.connected) conn.disconnect('logout');
        else {
          clearTimeout(done);
          resolve();
        }
      });
    }
    this.setState('disconnected');
  }

  // ---- incoming ----------------------------------------------------------------------------

  private onMessageStanza(stanza: Element): void {
    try {
      const account = this.account!;
      const archived = readArchivedMessage(stanza, account, (id) => this.queries.has(id));
      if (archived) {
        this.queries.get(archived.queryId)!.push(archived);
        return;
      }
      const carbon = unwrapCarbon(stanza, account);
      const result = interpret(carbon?.message ?? stanza, {
        account, source: carbon ? 'carbon' : 'live', fresh: true, now: Date.now(),
      });
      this.onLive(result);
    } catch (error) {
      // Malformed or untrusted stanzas from anyone are dropped; they never reach the store.
      console.debug('[chat-widget] ignored a stanza:', (error as Error).message);
    }
  }

  private onLive(result: Interpretation): void {
    if (result.typing) this.showTyping(result.typing.chatJid, result.typing.state);
    if (result.receiptFor && this.features.deliveryReceipts && this.conn) {
      this.conn.send(buildReceipt(result.receiptFor.to, result.receiptFor.id, newId()));
    }
    if (result.events.length === 0) return;
    this.incoming.push(...result.events);
    if (result.archiveId) this.incomingArchiveId = result.archiveId;
    // Coalesce a burst: one store transaction and one notification for everything in ~16 ms.
    if (this.incomingTimer === undefined) this.incomingTimer = setTimeout(() => void this.drainIncoming(), 16);
  }

  private async drainIncoming(): Promise<void> {
    clearTimeout(this.incomingTimer);
    this.incomingTimer = undefined;
    if (this.incoming.length === 0 || !this.store || this.catchingUp) return;
    const events = this.incoming;
    const archiveId = this.incomingArchiveId;
    this.incoming = [];
    this.incomingArchiveId = undefined;
    await this.applyAndAnnounce(events, true);
    if (archiveId) this.store.setLastArchiveId(archiveId);
  }

  private async applyAndAnnounce(events: StoreEvent[], announce: boolean): Promise<ApplyResult> {
    const result = await this.store!.apply(events);
    if (announce) for (const message of result.added) this.events.emit('message', message);
    for (const status of result.statuses) this.events.emit('status', status);
    return result;
  }

  private showTyping(chatJid: string, state: TypingEvent['state']): void {
    clearTimeout(this.typingShown.get(chatJid));
    this.typingShown.delete(chatJid);
    const wasTyping = this.store?.typing.has(chatJid) ?? false;
    if (state === 'composing') {
      this.typingShown.set(chatJid, setTimeout(() => this.showTyping(chatJid, 'paused'), this.options.typingExpiryMs));
    } else if (!wasTyping) {
      return;
    }
    this.store?.setTyping(chatJid, state);
    this.events.emit('typing', { fromJid: chatJid, state });
  }

  // ---- archive (XEP-0313) ------------------------------------------------------------------

  private async queryArchive(q: { with?: string; before?: string; after?: string; max: number }): Promise<ArchivePage & { results: ArchivedMessage[] }> {
    const conn = this.conn;
    if (!conn) throw unauthorized('Not connected');
    const queryId = newId();
    const results: ArchivedMessage[] = [];
    this.queries.set(queryId, results);
    try {
      const iq = await this.sendIq(conn, buildArchiveQuery({ ...q, queryId }, newId()));
      return { ...readArchiveFin(iq), results };
    } finally {
      this.queries.delete(queryId);
    }
  }

  private readArchived(results: ArchivedMessage[], fresh: boolean, receipts?: Map<string, { to: string; id: string }>): StoreEvent[] {
    const events: StoreEvent[] = [];
    const ctx: IncomingContext = { account: this.account!, source: 'archive', fresh, now: Date.now() };
    for (const r of results) {
      try {
        const read = interpret(r.message, { ...ctx, archiveId: r.archiveId, archiveTimestamp: r.timestamp });
        events.push(...read.events);
        const message = read.events.find((e) => e.kind === 'message');
        if (receipts && read.receiptFor && message?.kind === 'message') {
          receipts.set(`${message.message.fromJid}|${message.message.msgId}`, read.receiptFor);
        }
      } catch (error) {
        console.debug('[chat-widget] ignored an archived stanza:', (error as Error).message);
      }
    }
    return events;
  }

  /** After a new session: fetch what arrived while away (or, on a new device, the recent past). */
  private async catchUp(): Promise<void> {
    if (!this.features.history) return;
    const store = this.store!;
    let after = store.lastArchiveId;
    if (after) {
      try {
        for (;;) {
          const page = await this.queryArchive({ after, max: ARCHIVE_PAGE });
          const receipts = new Map<string, { to: string; id: string }>();
          const { added } = await this.applyAndAnnounce(this.readArchived(page.results, true, receipts), true);
          // Receipts only for messages new to this account (not ones another of its devices already had).
          if (this.features.deliveryReceipts) {
            for (const m of added) {
              const owed = receipts.get(`${m.fromJid}|${m.msgId}`);
              if (owed) this.conn?.send(buildReceipt(owed.to, owed.id, newId()));
            }
          }
          if (page.last) store.setLastArchiveId(page.last);
          if (page.complete || page.results.length === 0 || !page.last) return;
          after = page.last;
        }
      } catch (error) {
        // item-not-found: the anchor is gone (archive reset); fall back to a fresh sync.
        if (!(error instanceof SdkError) || error.statusCode !== Status.NOT_FOUND) throw error;
      }
    }
    let before = '';
    for (let i = 0; i < INITIAL_SYNC_PAGES; i++) {
      const page = await this.queryArchive({ before, max: ARCHIVE_PAGE });
      await this.addHistory(this.readArchived(page.results, false), page.complete);
      if (i === 0 && page.last) store.setLastArchiveId(page.last);
      if (page.complete || !page.first) return;
      before = page.first;
    }
  }

  /** Puts a page of older archive results in front of the chats they belong to. */
  private async addHistory(events: StoreEvent[], complete: boolean): Promise<number> {
    const byChat = new Map<string, NewMessage[]>();
    const statuses: StoreEvent[] = [];
    for (const e of events) {
      if (e.kind !== 'message') {
        statuses.push(e);
        continue;
      }
      const list = byChat.get(e.message.chatJid) ?? [];
      list.push(e.message);
      byChat.set(e.message.chatJid, list);
    }
    let added = 0;
    for (const [chatJid, block] of byChat) added += (await this.store!.prependHistory(chatJid, block, complete)).length;
    if (statuses.length) await this.applyAndAnnounce(statuses, false);
    return added;
  }

  /** Fetches older messages of one chat from the archive until `wanted` new ones are cached. */
  private async fetchOlder(chatJid: string, wanted: number): Promise<void> {
    const log = await this.store!.log(chatJid);
    let got = 0;
    while (got < wanted && !log.meta.complete) {
      const anchor = log.meta.oldestArchiveId;
      let page: Awaited<ReturnType<ChatClient['queryArchive']>>;
      try {
        page = await this.queryArchive({ with: chatJid, before: anchor ?? '', max: Math.min(ARCHIVE_PAGE, Math.max(wanted - got, 50)) });
      } catch (error) {
        // The server no longer has our oldest message (archive expired or reset): the cache is all there is.
        if (error instanceof SdkError && error.statusCode === Status.NOT_FOUND) {
          await this.store!.prependHistory(chatJid, [], true);
          return;
        }
        throw error;
      }
      const events = this.readArchived(page.results, false).filter((e) => (e.kind === 'message' ? e.message.chatJid : e.chatJid) === chatJid);
      got += await this.addHistory(events, page.complete);
      if (page.complete || page.results.length === 0) {
        if (!log.meta.complete) await this.store!.prependHistory(chatJid, [], true);
        return;
      }
      if (log.meta.oldestArchiveId === anchor) return; // no progress possible: stop rather than loop
    }
  }

  // ---- the reference API's operations ----------------------------------------------------------

  async recentChats(): Promise<RecentChat[]> {
    return (await this.requireStore()).recentChats;
  }

  async messages(q: HistoryQuery): Promise<ChatMessage[]> {
    if (!q || typeof q !== 'object') throw badRequest('Pass {toJid, position, lastRowId, limit}');
    const store = await this.requireStore();
    const chatJid = requireJid(q.toJid, 'toJid');
    const position = q.position ?? 'up';
    if (position !== 'up' && position !== 'down') throw badRequest('position must be "up" (older) or "down" (newer)');
    const limit = q.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`);
    let row: number | undefined;
    if (q.lastRowId !== undefined && q.lastRowId !== null && q.lastRowId !== '') {
      row = Number(q.lastRowId);
      if (!Number.isInteger(row)) throw badRequest('lastRowId must be the rowId of a message from an earlier page');
    }
    const log = await store.log(chatJid);
    if (position === 'down') {
      if (row === undefined) throw badRequest('lastRowId is required with position "down"');
      return store.after(chatJid, row, limit);
    }
    const anchor = row ?? log.meta.lastRow + 1;
    let page = await store.before(chatJid, anchor, limit);
    if (page.length < limit && !log.meta.complete && this.online && this.features.history) {
      await this.fetchOlder(chatJid, limit - page.length);
      page = await store.before(chatJid, anchor, limit);
    }
    return page;
  }

  /** Cached messages of a chat from `fromRow` to the newest (what an open thread re-reads on change). */
  async messagesFrom(chatJid: string, fromRow: number): Promise<ChatMessage[]> {
    const store = await this.requireStore();
    const log = await store.log(requireJid(chatJid, 'toJid'));
    return log.read(fromRow, log.meta.lastRow);
  }

  /** The cached messages of a chat only, never asking the server (for painting before it answers). */
  async cachedMessages(chatJid: string, limit: number): Promise<ChatMessage[]> {
    return (await this.requireStore()).latest(requireJid(chatJid, 'toJid'), limit);
  }

  async sendText(params: TextMessageParams): Promise<ChatMessage> {
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJid, messageText}');
    const store = await this.requireStore();
    if (this.userDisconnected) throw unauthorized('Not connected: call connect() before sending');
    const to = requireJid(params.toJid, 'toJid');
    if (to === this.account) throw badRequest('toJid is your own JID: pick someone else to chat with');
    if (typeof params.messageText !== 'string' || params.messageText.trim() === '') throw badRequest('messageText is required and may not be blank');
    if (params.messageText.length > MAX_BODY_LENGTH) throw badRequest(`messageText is too long (at most ${MAX_BODY_LENGTH} characters)`);
    if (params.replyMessageId !== undefined && (typeof params.replyMessageId !== 'string' || !params.replyMessageId)) {
      throw badRequest('replyMessageId must be the id of a message');
    }
    const mentions = params.mentionedUsersIds;
    if (mentions !== undefined && (!Array.isArray(mentions) || mentions.some((m) => typeof m !== 'string'))) {
      throw badRequest('mentionedUsersIds must be an array of user ids');
    }
    const msgId = newId();
    const timestamp = Date.now();
    const entry: OutboxEntry = {
      chatJid: to, msgId, body: params.messageText, timestamp,
      ...(params.replyMessageId ? { replyTo: params.replyMessageId } : {}),
      ...(mentions?.length ? { mentionedUsersIds: mentions } : {}),
    };
    const stored = await store.addOutgoing({
      msgId, chatJid: to, fromJid: this.account!, toJid: to, outgoing: true, msgType: 'text',
      body: params.messageText, timestamp, status: 'pending',
      ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
      ...(entry.mentionedUsersIds ? { mentionedUsersIds: entry.mentionedUsersIds } : {}),
    }, entry);
    this.clearOwnTyping(to);
    this.events.emit('status', { chatJid: to, msgId, status: 'pending' });
    if (this.online) this.transmit([entry]);
    return stored;
  }

  /** Sends outbox entries; a ping after them proves the server processed them (then they are "sent"). */
  private transmit(entries: readonly OutboxEntry[]): void {
    const conn = this.conn;
    if (!conn || entries.length === 0) return;
    for (const e of entries) {
      const mentions = e.mentionedUsersIds?.map((id) => (isBareJid(id) ? id : this.getJid(id)));
      conn.send(buildChatMessage({
        to: e.chatJid, id: e.msgId, body: e.body,
        ...(e.replyTo ? { replyTo: { id: e.replyTo, to: e.chatJid } } : {}),
        ...(mentions ? { mentions } : {}),
      }));
      this.awaitingAck.push({ chatJid: e.chatJid, msgId: e.msgId });
    }
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    // One ping for everything sent within a few milliseconds (a burst of sends is one round trip).
    setTimeout(() => {
      this.ackScheduled = false;
      const batch = this.awaitingAck;
      this.awaitingAck = [];
      // The answer comes after the server has routed everything sent before it, which under load can
      // take far longer than a request: wait long (a dropped connection resends the outbox anyway).
      this.sendIq(conn, buildPing(this.options.domain, newId()), undefined, ACK_TIMEOUT_MS)
        .then(() => this.store!.markSent(batch))
        .then((statuses) => statuses.forEach((s) => this.events.emit('status', s)))
        // No answer: the messages stay in the outbox and go again on the next connection.
        .catch(() => undefined);
    }, 10);
  }

  async sendSeen(toUserJid: string, msgId: string): Promise<void> {
    this.requireFeature('seenStatus', 'Seen status');
    const store = await this.requireStore();
    const chatJid = requireJid(toUserJid, 'toUserJid');
    if (typeof msgId !== 'string' || msgId === '') throw badRequest('messageId is required');
    const log = await store.indexedLog(chatJid);
    if (log.find([`o:${chatJid}:${msgId}`]) === undefined) throw notFound(`No message "${msgId}" from ${chatJid} is known`);
    await store.markRead(chatJid, msgId);
    if (this.online) this.sendMarker(chatJid, msgId);
    else this.seenToSend.set(chatJid, msgId);
  }

  private sendMarker(chatJid: string, msgId: string): void {
    this.conn?.send(buildDisplayed(chatJid, msgId, newId()));
  }

  async sendTyping(toJid: string): Promise<void> {
    this.requireFeature('typing', 'Typing status');
    await this.requireStore();
    const chatJid = requireJid(toJid, 'toJid');
    if (!this.online) throw unauthorized('Not connected: typing status needs a live connection');
    const previous = this.typingSent.get(chatJid);
    clearTimeout(previous?.timer);
    const now = Date.now();
    // Re-announce at most every few seconds while the user keeps typing.
    const resend = !previous || now - previous.at > this.options.typingQuietMs / 2;
    if (resend) this.conn!.send(buildChatState(chatJid, 'composing', newId()));
    this.typingSent.set(chatJid, {
      at: resend ? now : previous!.at,
      timer: setTimeout(() => void this.sendTypingGone(chatJid).catch(() => undefined), this.options.typingQuietMs),
    });
  }

  async sendTypingGone(toJid: string): Promise<void> {
    this.requireFeature('typing', 'Typing status');
    await this.requireStore();
    const chatJid = requireJid(toJid, 'toJid');
    this.clearOwnTyping(chatJid);
    if (!this.online) throw unauthorized('Not connected: typing status needs a live connection');
    this.conn!.send(buildChatState(chatJid, 'gone', newId()));
  }

  private clearOwnTyping(chatJid: string): void {
    clearTimeout(this.typingSent.get(chatJid)?.timer);
    this.typingSent.delete(chatJid);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private sendIq(conn: Connection, iq: Builder, onError?: (error: Element) => SdkError, timeoutMs = this.options.requestTimeoutMs): Promise<Element> {
    return new Promise((resolve, reject) => {
      conn.sendIQ(iq, resolve, (error: Element | null) => {
        if (!error) reject(timeout('The chat server did not answer in time'));
        else reject(onError ? onError(error) : iqError(error));
      }, timeoutMs);
    });
  }
}

function describeIqError(iq: Element): string {
  const { condition, text } = readStanzaError(iq);
  return text || condition || 'unknown error';
}

function iqError(iq: Element): SdkError {
  const description = describeIqError(iq);
  const { condition } = readStanzaError(iq);
  if (condition === 'item-not-found') return notFound(`The server has no such item (${description})`);
  if (['not-authorized', 'forbidden', 'not-allowed'].includes(condition)) return forbidden(`The server refused: ${description}`);
  return serverError(`The server answered with an error: ${description}`);
}

