/** The single source of truth for what is shown: recent chats, cached messages and their statuses,
 * typing and connection state. Every incoming event goes through `apply`, which de-duplicates and
 * orders; writes are batched; subscribers hear about changes at most once per frame. */
import type {
  ChatMessage, ConnectionState, MessageStatus, MessageStatusEvent, RecentChat, TypingState,
} from '../core/types.js';
import { STATUS_ORDER } from '../core/types.js';
import { ChatLog, dedupKeys, type NewMessage } from './chat-log.js';
import { BatchedWriter, type KeyValueStore } from './persistence.js';

/** Something that happened, as the store needs to know it. */
export type StoreEvent =
  | {
      kind: 'message';
      message: NewMessage;
      /** True for messages new to this account's view (live, carbons, catch-up): they count as unread. */
      fresh: boolean;
    }
  | { kind: 'status'; chatJid: string; fromJid: string; msgId: string; status: MessageStatus; error?: string }
  /** We displayed a peer's message on some device: the chat is read up to it. */
  | { kind: 'read'; chatJid: string; peerMsgId: string };

export interface ApplyResult {
  added: ChatMessage[];
  statuses: MessageStatusEvent[];
}

export interface StoreChange {
  /** Chats whose messages changed. */
  chats: Set<string>;
  recent: boolean;
  typing: boolean;
  connection: boolean;
  /** Everything may have changed (another account's store was opened). */
  reset?: boolean;
}

export interface OutboxEntry {
  chatJid: string;
  msgId: string;
  body: string;
  replyTo?: string;
  mentionedUsersIds?: string[];
  timestamp: number;
}

export interface SyncState {
  /** Newest archive id this cache has caught up to. */
  lastArchiveId?: string;
}

type Scheduler = (callback: () => void) => void;

const defaultFrameScheduler: Scheduler = (callback) => {
  // A frame when the page paints; a timer when it does not (hidden tab, worker, Node).
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      callback();
    }
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

export class ChatStore {
  connection: ConnectionState = 'disconnected';
  connectionReason: string | undefined;
  readonly typing = new Map<string, TypingState>();
  readonly writer: BatchedWriter;

  private readonly logs = new Map<string, Promise<ChatLog>>();
  private readonly recent = new Map<string, RecentChat>();
  private outbox: OutboxEntry[] = [];
  private sync: SyncState = {};
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscribers = new Set<(change: StoreChange) => void>();
  private change: StoreChange | null = null;

  private constructor(
    readonly account: string,
    private readonly kv: KeyValueStore,
    private readonly scheduleFrame: Scheduler,
  ) {
    this.writer = new BatchedWriter(kv);
  }

  static async open(account: string, kv: KeyValueStore, scheduleFrame: Scheduler = defaultFrameScheduler): Promise<ChatStore> {
    const store = new ChatStore(account, kv, scheduleFrame);
    const [chats, outbox, sync] = await Promise.all([
      kv.getItem<RecentChat[]>('chats'),
      kv.getItem<OutboxEntry[]>('outbox'),
      kv.getItem<SyncState>('sync'),
    ]);
    for (const chat of chats ?? []) store.recent.set(chat.chatJid, chat);
    store.outbox = outbox ?? [];
    store.sync = sync ?? {};
    return store;
  }

  // ---- observation -------------------------------------------------------------------------

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  private notify(part: Partial<Omit<StoreChange, 'chats'>> & { chat?: string }): void {
    const first = !this.change;
    const change = (this.change ??= { chats: new Set(), recent: false, typing: false, connection: false });
    if (part.chat) change.chats.add(part.chat);
    if (part.recent) change.recent = true;
    if (part.typing) change.typing = true;
    if (part.connection) change.connection = true;
    if (!first) return;
    this.scheduleFrame(() => {
      this.change = null;
      for (const listener of this.subscribers) listener(change);
    });
  }

  setConnection(state: ConnectionState, reason?: string): void {
    this.connection = state;
    this.connectionReason = reason;
    this.notify({ connection: true });
  }

  setTyping(chatJid: string, state: TypingState): void {
    if (state === 'composing') this.typing.set(chatJid, state);
    else this.typing.delete(chatJid);
    this.notify({ typing: true, chat: chatJid });
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Recent chats, newest first. */
  get recentChats(): RecentChat[] {
    return [...this.recent.values()].sort((a, b) => b.timestamp - a.timestamp);
  }

  recentChat(chatJid: string): RecentChat | undefined {
    return this.recent.get(chatJid);
  }

  get totalUnread(): number {
    let total = 0;
    for (const chat of this.recent.values()) total += chat.unreadCount;
    return total;
  }

  log(chatJid: string): Promise<ChatLog> {
    let log = this.logs.get(chatJid);
    if (!log) {
      log = ChatLog.open(this.kv, this.writer, chatJid);
      this.logs.set(chatJid, log);
    }
    return log;
  }

  /** A chat's log with its de-duplication index loaded, for lookups by message id. */
  async indexedLog(chatJid: string): Promise<ChatLog> {
    const log = await this.log(chatJid);
    await log.ensureIndex();
    return log;
  }

  /** The newest `limit` cached messages of a chat, oldest first. */
  async latest(chatJid: string, limit: number): Promise<ChatMessage[]> {
    const log = await this.log(chatJid);
    return log.read(log.meta.lastRow - limit + 1, log.meta.lastRow);
  }

  /** Up to `limit` cached messages just older than `row`, oldest first. */
  async before(chatJid: string, row: number, limit: number): Promise<ChatMessage[]> {
    const log = await this.log(chatJid);
    return log.read(row - limit, row - 1);
  }

  /** Up to `limit` cached messages just newer than `row`, oldest first. */
  async after(chatJid: string, row: number, limit: number): Promise<ChatMessage[]> {
    const log = await this.log(chatJid);
    return log.read(row + 1, row + limit);
  }

  // ---- the reducer ---------------------------------------------------------------------------

  /** Runs store mutations one at a time, in arrival order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Applies events from live delivery, carbons, offline delivery or archive catch-up. */
  apply(events: StoreEvent[]): Promise<ApplyResult> {
    return this.serial(async () => {
      const result: ApplyResult = { added: [], statuses: [] };
      const chats = new Set<string>();
      for (const e of events) chats.add(e.kind === 'message' ? e.message.chatJid : e.chatJid);
      const logs = new Map<string, ChatLog>();
      await Promise.all([...chats].map(async (jid) => {
        const log = await this.log(jid);
        await log.prepareEnds();
        logs.set(jid, log);
      }));
      for (const event of events) {
        if (event.kind === 'message') await this.applyMessage(logs.get(event.message.chatJid)!, event, result);
        else if (event.kind === 'status') await this.applyStatus(logs.get(event.chatJid)!, event, result);
        else await this.applyRead(logs.get(event.chatJid)!, event.peerMsgId);
      }
      return result;
    });
  }

  private async applyMessage(log: ChatLog, event: Extract<StoreEvent, { kind: 'message' }>, result: ApplyResult) {
    const incoming = event.message;
    const row = log.find(dedupKeys(incoming));
    if (row !== undefined) {
      // Seen before: learn what this copy adds (its archive id; proof that the server has it).
      const known = await log.get(row);
      if (!known) return;
      const patch: Partial<ChatMessage> = {};
      if (incoming.stanzaId && !known.stanzaId) patch.stanzaId = incoming.stanzaId;
      if (known.outgoing && STATUS_ORDER[known.status] < STATUS_ORDER.sent) patch.status = 'sent';
      if (Object.keys(patch).length > 0) {
        const next = await log.update(row, patch);
        if (next && patch.status) this.statusChanged(next, result);
      }
      return;
    }
    const stored = log.append(incoming);
    result.added.push(stored);
    this.touchRecent(stored, event.fresh && !stored.outgoing);
    this.notify({ chat: stored.chatJid });
  }

  private async applyStatus(log: ChatLog, event: Extract<StoreEvent, { kind: 'status' }>, result: ApplyResult) {
    const row = log.find([`o:${event.fromJid}:${event.msgId}`]);
    if (row === undefined) return;
    const message = await log.get(row);
    if (!message || !message.outgoing) return;
    if (event.status === 'seen') {
      for (const changed of await log.markSeenUpTo(row)) this.statusChanged(changed, result);
      return;
    }
    const forward = STATUS_ORDER[event.status] > STATUS_ORDER[message.status];
    // A bounce is only believed for a message the server has not already accepted.
    const bounce = event.status === 'failed' && STATUS_ORDER[message.status] <= STATUS_ORDER.sent;
    if (event.status === 'failed' ? !bounce : !forward) return;
    const next = await log.update(row, { status: event.status, ...(event.error ? { error: event.error } : {}) });
    if (next) this.statusChanged(next, result);
  }

  private statusChanged(message: ChatMessage, result: ApplyResult): void {
    result.statuses.push({ chatJid: message.chatJid, msgId: message.msgId, status: message.status });
    const chat = this.recent.get(message.chatJid);
    if (chat?.lastMessage?.msgId === message.msgId) {
      chat.lastMessage = { ...chat.lastMessage, status: message.status };
      this.persistRecent();
    }
    if (message.status !== 'pending') this.dropFromOutbox([message.msgId]);
    this.notify({ chat: message.chatJid });
  }

  private async applyRead(log: ChatLog, peerMsgId: string): Promise<void> {
    const row = log.find([`o:${log.chatJid}:${peerMsgId}`]);
    if (row !== undefined) await this.markReadUpTo(log, row);
  }

  /** Marks the chat read up to `row`; the unread count becomes the incoming messages after it. */
  private async markReadUpTo(log: ChatLog, row: number): Promise<void> {
    const chat = this.recent.get(log.chatJid);
    if (!chat || (chat.lastReadRowId !== undefined && chat.lastReadRowId >= row)) return;
    const after = await log.read(row + 1, log.meta.lastRow);
    chat.lastReadRowId = row;
    chat.unreadCount = after.filter((m) => !m.outgoing).length;
    this.persistRecent();
    this.notify({ recent: true, chat: log.chatJid });
  }

  /** Marks a chat read up to one of the peer's messages (after we sent a seen marker for it). */
  markRead(chatJid: string, peerMsgId: string): Promise<void> {
    return this.serial(async () => this.applyRead(await this.indexedLog(chatJid), peerMsgId));
  }

  private touchRecent(message: ChatMessage, unread: boolean): void {
    const chat = this.recent.get(message.chatJid) ?? { chatJid: message.chatJid, lastMessage: null, timestamp: 0, unreadCount: 0 };
    const { msgId, body, outgoing, status, timestamp, msgType } = message;
    chat.lastMessage = { msgId, body, outgoing, status, timestamp, msgType };
    chat.timestamp = Math.max(chat.timestamp, timestamp);
    if (unread) chat.unreadCount += 1;
    if (message.outgoing) {
      // Replying means having read everything before.
      chat.unreadCount = 0;
      chat.lastReadRowId = message.rowId;
    }
    this.recent.set(message.chatJid, chat);
    this.persistRecent();
    this.notify({ recent: true });
  }

  private persistRecent(): void {
    this.writer.schedule('chats', () => [...this.recent.values()]);
  }

  /** Adds a block of older messages from the archive (oldest first) in front of a chat's cache. */
  prependHistory(chatJid: string, block: NewMessage[], complete: boolean): Promise<ChatMessage[]> {
    return this.serial(async () => {
      const log = await this.log(chatJid);
      await log.prepareEnds();
      const fresh: NewMessage[] = [];
      for (const m of block) {
        const row = log.find(dedupKeys(m));
        if (row === undefined) {
          if (!fresh.some((f) => f.msgId === m.msgId && f.fromJid === m.fromJid)) fresh.push(m);
        } else if (m.stanzaId) {
          const known = await log.get(row);
          if (known && !known.stanzaId) await log.update(row, { stanzaId: m.stanzaId });
        }
      }
      const added = log.prepend(fresh);
      if (complete) log.setComplete();
      if (added.length > 0 && !this.recent.has(chatJid)) this.touchRecent(added[added.length - 1], false);
      if (added.length > 0) this.notify({ chat: chatJid });
      return added;
    });
  }

  // ---- outbox ------------------------------------------------------------------------------

  /** Stores a message the user wrote as pending, in the chat and in the outbox, before it is sent.
   * Resolves once the outbox is on disk: what the user typed survives a reload from then on. */
  async addOutgoing(message: NewMessage, entry: OutboxEntry): Promise<ChatMessage> {
    const stored = await this.serial(async () => {
      const log = await this.log(message.chatJid);
      await log.prepareEnds();
      const appended = log.append(message);
      this.outbox.push(entry);
      this.touchRecent(appended, false);
      this.notify({ chat: appended.chatJid });
      return appended;
    });
    await this.writeOutbox();
    return stored;
  }

  private outboxWrite: Promise<void> | null = null;
  private outboxDirty = false;

  /** Writes the outbox now, not batched; sends made together share one write (not one each). */
  private writeOutbox(): Promise<void> {
    this.outboxDirty = true;
    this.outboxWrite ??= (async () => {
      try {
        while (this.outboxDirty) {
          this.outboxDirty = false;
          await this.kv.setItem('outbox', this.outbox);
        }
      } finally {
        this.outboxWrite = null;
      }
    })();
    return this.outboxWrite;
  }

  get pendingOutbox(): readonly OutboxEntry[] {
    return this.outbox;
  }

  /** Puts outbox entries back into their chats when the cache lost them (a reload before a flush). */
  restoreOutbox(): Promise<void> {
    return this.serial(async () => {
      for (const entry of this.outbox) {
        const log = await this.indexedLog(entry.chatJid);
        if (log.find([`o:${this.account}:${entry.msgId}`]) !== undefined) continue;
        await log.prepareEnds();
        const stored = log.append({
          msgId: entry.msgId, chatJid: entry.chatJid, fromJid: this.account, toJid: entry.chatJid, outgoing: true,
          msgType: 'text', body: entry.body, timestamp: entry.timestamp, status: 'pending',
          ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
          ...(entry.mentionedUsersIds ? { mentionedUsersIds: entry.mentionedUsersIds } : {}),
        });
        this.touchRecent(stored, false);
      }
    });
  }

  private dropFromOutbox(ids: string[]): void {
    const before = this.outbox.length;
    this.outbox = this.outbox.filter((e) => !ids.includes(e.msgId));
    if (this.outbox.length !== before) void this.writeOutbox().catch(() => undefined);
  }

  /** The server accepted these messages: pending becomes sent. */
  markSent(ids: { chatJid: string; msgId: string }[]): Promise<MessageStatusEvent[]> {
    return this.apply(ids.map(({ chatJid, msgId }) => ({ kind: 'status', chatJid, fromJid: this.account, msgId, status: 'sent' })))
      .then((r) => r.statuses);
  }

  // ---- sync state --------------------------------------------------------------------------

  get lastArchiveId(): string | undefined {
    return this.sync.lastArchiveId;
  }

  setLastArchiveId(id: string): void {
    this.sync.lastArchiveId = id;
    this.writer.schedule('sync', () => this.sync);
  }

  /** Writes everything pending to storage. */
  flush(): Promise<void> {
    return this.queue.then(async () => {
      for (const log of this.logs.values()) (await log).flushIndex();
      await this.writer.flush();
    });
  }
}
