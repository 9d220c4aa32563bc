/** The single source of truth for what is shown: recent chats, cached messages and their statuses,
 * typing and connection state. Everything enters through one door, `dispatch(events)`: one reducer
 * that de-duplicates (by the keys in dedup.ts), orders, batches its writes and tells subscribers. */
import type { ApplyResult, OutboxEntry, StoreChange, StoreEvent } from '../model/events.js';
import { favouriteId } from '../model/ids.js';
import type { ChatMessage, NewMessage, RecentChat, TypingState } from '../model/types.js';
import { statusAfter } from '../model/types.js';
import { ChatLog } from './chat-log.js';
import { applyCorrection, settleCorrections } from './corrections.js';
import { applyHide, applyRetraction, clearedBy, HIDDEN, newestShown, settle } from './removals.js';
import { applyReaction, settleReactions } from './reactions.js';
import { archiveKey, dedupKeys, idKey } from './dedup.js';
import type { FavouriteState } from './favourites.js';
import type { SettingsState } from './chat-settings.js';
import { ChangeNotifier, frameScheduler, type Scheduler } from './notifier.js';
import { Outbox } from './outbox.js';
import { BatchedWriter, type KeyValueStore } from './persistence.js';
import { RecentChats } from './recent.js';
import { SyncState, type StoredSync } from './sync-state.js';
import { OwnMessages } from './own-messages.js';

type Of<K extends StoreEvent['kind']> = Extract<StoreEvent, { kind: K }>;

/** What reads hand out: messages hidden for this account are left out. */
const shown = async (read: Promise<ChatMessage[]>) => (await read).filter((m) => !m.hidden);

export class ChatStore {
  private readonly typingStates = new Map<string, TypingState>();
  /** Coalesces cache writes (exposed so tests can write without the throttled index). */
  readonly writer: BatchedWriter;
  private readonly notifier: ChangeNotifier;
  private readonly logs = new Map<string, Promise<ChatLog>>();
  private readonly recent: RecentChats;
  /** Sync position and read marks still to send, kept with the cache. */
  readonly sync: SyncState;
  /** The starred messages and the changes to them still to send (see favourites.ts). @internal */
  readonly favourites: FavouriteState;
  /** This account's settings per chat and the changes still to send (see chat-settings.ts). @internal */
  readonly chatSettings: SettingsState;
  /** Our own messages on their way: outbox entries and statuses (own-messages.ts). */
  private readonly own: OwnMessages;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly account: string,
    private readonly kv: KeyValueStore,
    private readonly outbox: Outbox,
    stored: { chats: RecentChat[] | null; sync: StoredSync | null; favourites: FavouriteState | null; settings: SettingsState | null },
    scheduleFrame: Scheduler,
  ) {
    this.writer = new BatchedWriter(kv);
    this.notifier = new ChangeNotifier(scheduleFrame);
    this.recent = new RecentChats(this.writer, stored.chats);
    this.sync = new SyncState(this.writer, stored.sync);
    this.favourites = stored.favourites ?? { items: {}, pending: {} };
    this.chatSettings = stored.settings ?? { items: {}, pending: {} };
    this.own = new OwnMessages(account, outbox, this.sync, this.recent, this.notifier);
  }

  /** Opens an account's cache, and puts back any outbox entry the cache lost (a reload before a flush). */
  static async open(account: string, kv: KeyValueStore, scheduleFrame: Scheduler = frameScheduler): Promise<ChatStore> {
    const [chats, sync, outbox, favourites, settings] = await Promise.all([
      kv.getItem<RecentChat[]>('chats'), kv.getItem<StoredSync>('sync'), Outbox.open(kv, `chat-widget-outbox:${account}`),
      kv.getItem<FavouriteState>('favourites'), kv.getItem<SettingsState>('chat-settings'),
    ]);
    const store = new ChatStore(account, kv, outbox, { chats, sync, favourites, settings }, scheduleFrame);
    await store.serial(() => store.own.restore((chatJid) => store.indexedLog(chatJid)));
    return store;
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    return this.notifier.subscribe(listener);
  }

  // ---- reading -----------------------------------------------------------------------------

  get typing(): ReadonlyMap<string, TypingState> {
    return this.typingStates;
  }

  /** Recent chats, newest first, flagged `isMuted`/`isArchived` from this account's chat settings. */
  get recentChats(): RecentChat[] {
    return this.recent.list.map((chat) => this.flagged(chat));
  }

  recentChat(chatJid: string): RecentChat | undefined {
    const chat = this.recent.get(chatJid);
    return chat && this.flagged(chat);
  }

  /** Unread messages of the chats that are not muted (a muted row keeps its own count). */
  get totalUnread(): number {
    return this.recent.list.reduce((total, chat) => total + (this.muted(chat.chatJid) ? 0 : chat.unreadCount), 0);
  }

  /** Which settings count (the client's feature flags `muteChat`, `archiveChat`): a deployment that switched
   * one off shows chats muted or archived before (on another deployment, or before) as if they were not.
   * @internal */
  honour: { muteChat?: boolean; archiveChat?: boolean } = {};

  /** A row with its chat's settings (a setting made before the row existed applies once it does). */
  private flagged(chat: RecentChat): RecentChat {
    return { ...chat, isMuted: this.muted(chat.chatJid), isArchived: this.honour.archiveChat !== false && !!this.chatSettings.items[chat.chatJid]?.archived };
  }

  private muted(chatJid: string): boolean {
    return this.honour.muteChat !== false && !!this.chatSettings.items[chatJid]?.muted;
  }

  get pendingOutbox(): readonly OutboxEntry[] {
    return this.outbox.pending;
  }

  /** Where the files of media messages wait for their upload (see Outbox.saveBlob). */
  get files(): Pick<Outbox, 'saveBlob' | 'loadBlob' | 'removeBlob' | 'pruneBlobs'> {
    return this.outbox;
  }

  /** Where a catch-up starts: the newest archive id known, or, while messages are pending, the one
   * known when the oldest of them was written (its archived copy, if the server took it, comes after). */
  get catchUpFrom(): string | undefined {
    let oldest: OutboxEntry | undefined;
    for (const e of this.outbox.pending) if (e.after && (!oldest || e.timestamp < oldest.timestamp)) oldest = e;
    return oldest?.after ?? this.sync.lastArchiveId;
  }

  /** A chat's cached history (opening it reads only its small meta record). */
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

  /** The cached message `fromJid` sent with this id, if any; none for one deleted for this account
   * (a hidden row: it is gone for every action, reply lookup, forward, star, edit and reaction). */
  async findMessage(chatJid: string, fromJid: string, msgId: string): Promise<ChatMessage | undefined> {
    const log = await this.indexedLog(chatJid);
    const row = log.find([idKey(fromJid, msgId)]);
    const message = row === undefined ? undefined : await log.get(row);
    return message?.hidden ? undefined : message;
  }

  /** The newest `limit` cached messages of a chat, oldest first. */
  async latest(chatJid: string, limit: number): Promise<ChatMessage[]> {
    const log = await this.log(chatJid);
    return shown(log.read(log.meta.lastRow - limit + 1, log.meta.lastRow));
  }

  /** Up to `limit` cached messages just older than `row`, oldest first. */
  async before(chatJid: string, row: number, limit: number): Promise<ChatMessage[]> {
    return shown((await this.log(chatJid)).read(row - limit, row - 1));
  }

  /** Up to `limit` cached messages just newer than `row`, oldest first. */
  async after(chatJid: string, row: number, limit: number): Promise<ChatMessage[]> {
    return shown((await this.log(chatJid)).read(row + 1, row + limit));
  }

  /** Cached messages from `row` to the newest. */
  async from(chatJid: string, row: number): Promise<ChatMessage[]> {
    const log = await this.log(chatJid);
    return shown(log.read(row, log.meta.lastRow));
  }

  // ---- the one door ----------------------------------------------------------------------------

  /** Runs store mutations one at a time, in arrival order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Applies events in order; resolves once they are applied in memory (writes follow, batched; an
   * `outgoing` event starts the outbox write at once: `outboxSaved()` says when it is on disk). */
  dispatch(input: StoreEvent | readonly StoreEvent[]): Promise<ApplyResult> {
    const events: readonly StoreEvent[] = Array.isArray(input) ? (input as readonly StoreEvent[]) : [input as StoreEvent];
    const applied = this.serial(async () => {
      const result: ApplyResult = { added: [], prepended: 0, statuses: [] };
      const corrected = new Set<number | string>();
      const logs = await this.prepare(events);
      for (const e of events) {
        switch (e.kind) {
          case 'message': await this.applyMessage(logs.get(e.message.chatJid)!, e, result); break;
          case 'history': await this.applyHistory(logs.get(e.chatJid)!, e, result); break;
          case 'outgoing': this.own.outgoing(logs.get(e.message.chatJid)!, e, result); break;
          case 'status': await this.own.status(logs.get(e.chatJid)!, e, result); break;
          case 'correction': this.edited(await applyCorrection(logs.get(e.chatJid)!, e, corrected)); this.own.control(e.entry, e.correction.outgoing, e.correction.msgId); break;
          case 'reaction': await this.applyReaction(logs.get(e.chatJid)!, e, corrected); break;
          case 'read': await ('stanzaId' in e ? this.applyDisplayed(logs.get(e.chatJid)!, e.stanzaId) : this.applyRead(logs.get(e.chatJid)!, e.peerMsgId)); break;
          case 'typing': this.applyTyping(e); break;
          case 'connection': this.applyConnection(); break;
          case 'archive-position': this.sync.setPosition(e.archiveId); break;
          case 'uploaded': await this.own.uploaded(logs.get(e.chatJid)!, e); break;
          case 'retry': await this.own.retry(logs.get(e.entry.chatJid)!, e.entry, result); break;
          case 'retraction': await this.removed(logs.get(e.chatJid)!, [await applyRetraction(logs.get(e.chatJid)!, e.fromJid, e.targetId)], result); break;
          case 'hide': await this.removed(logs.get(e.chatJid)!, await applyHide(logs.get(e.chatJid)!, e.refs), result); break;
          case 'favourites': await (await import('./favourites.js')).applyFavourites(this, e); break;
          case 'chat-settings': await (await import('./chat-settings.js')).applySettings(this, e); break;
        }
      }
      return result;
    });
    return applied;
  }

  /** Resolves once the outbox, as it is now, is on disk: what the user wrote survives a reload from then. */
  outboxSaved(): Promise<void> {
    return this.outbox.settled();
  }

  /** Loads what the events touch (each chat's index and end segments) so the reducer runs mostly in memory. */
  private async prepare(events: readonly StoreEvent[]): Promise<Map<string, ChatLog>> {
    const chats = new Set<string>();
    for (const e of events) {
      if (e.kind === 'message' || e.kind === 'outgoing') chats.add(e.message.chatJid);
      else if (e.kind === 'retry') chats.add(e.entry.chatJid);
      else if (e.kind === 'history' || e.kind === 'status' || e.kind === 'read' || e.kind === 'correction' || e.kind === 'uploaded' || e.kind === 'retraction' || e.kind === 'hide' || e.kind === 'reaction') chats.add(e.chatJid);
    }
    const logs = new Map<string, ChatLog>();
    await Promise.all([...chats].map(async (jid) => {
      const log = await this.log(jid);
      await log.prepareEnds();
      logs.set(jid, log);
    }));
    return logs;
  }

  private async applyMessage(log: ChatLog, e: Of<'message'>, result: ApplyResult): Promise<void> {
    const row = log.find(dedupKeys(e.message));
    if (row !== undefined) {
      await this.learn(log, row, e.message, result);
      return;
    }
    const stored = log.append(this.starred(settle(log, e.message)));
    if (stored.hidden) return;
    result.added.push(stored);
    this.recent.touch(stored, e.fresh && !stored.outgoing);
    this.notifier.note({ chat: stored.chatJid, recent: true });
    for (const m of await settleCorrections(log, [stored])) this.edited(m);
    for (const m of await settleReactions(log, [stored])) this.notifier.note({ chat: m.chatJid });
  }

  /** XEP-0444: only the peer and this account react in a 1:1 chat; reactions never touch the recent
   * chats (no preview, no unread). */
  private async applyReaction(log: ChatLog, e: Of<'reaction'>, batch: Set<number | string>): Promise<void> {
    if (e.fromJid !== log.chatJid && e.fromJid !== this.account) return;
    const changed = await applyReaction(log, this.account, e, batch);
    if (changed) this.notifier.note({ chat: log.chatJid });
    this.own.control(e.entry, e.fromJid === this.account, e.msgId);
  }

  /** Messages retracted or hidden: not announced as new, and the chat's preview follows. */
  private async removed(log: ChatLog, messages: readonly (ChatMessage | undefined)[], result: ApplyResult): Promise<void> {
    for (const m of messages) {
      if (!m) continue;
      (result.removed ??= []).push(m);
      result.added = result.added.filter((a) => a.chatJid !== m.chatJid || a.rowId !== m.rowId);
      const last = this.recent.get(m.chatJid)?.lastMessage;
      if (m.hidden && last?.msgId === m.msgId && last.outgoing === m.outgoing) this.recent.replaceLast(m.chatJid, await newestShown(log));
      if (m.hidden) this.recent.forget(m);
      this.notifier.note({ chat: m.chatJid, recent: this.recent.changed(m) || m.hidden === true });
    }
  }

  /** A message's text was corrected: its row, and the chat's preview when it is the last message. */
  private edited(message: ChatMessage | undefined): void {
    if (!message) return;
    this.notifier.note({ chat: message.chatJid, recent: this.recent.changed(message) });
  }

  /** A copy of a message seen before: learn what it adds (its archive id; proof the server has it). */
  private async learn(log: ChatLog, row: number, copy: NewMessage, result: ApplyResult): Promise<void> {
    const known = await log.get(row);
    if (!known) return;
    const patch: Partial<ChatMessage> = {};
    if (copy.stanzaId && !known.stanzaId) patch.stanzaId = copy.stanzaId;
    if (known.outgoing && statusAfter(known.status, 'sent') !== known.status) patch.status = 'sent';
    if (Object.keys(patch).length === 0) return;
    const next = await log.update(row, patch);
    if (next && patch.status) this.own.statusChanged(next, result);
  }

  private async applyHistory(log: ChatLog, e: Of<'history'>, result: ApplyResult): Promise<void> {
    const fresh: NewMessage[] = [];
    const inPage = new Set<string>();
    let pastCached = false;
    for (const m of e.messages) {
      const keys = dedupKeys(m);
      const row = log.find(keys);
      if (row === undefined) {
        if (e.newest && pastCached) continue; // newer than what is cached: not to be put in front of it
        if (!keys.some((k) => inPage.has(k))) fresh.push(m);
        for (const k of keys) inPage.add(k);
      } else {
        pastCached = true;
        // Known already: an archived copy adds its archive id, and proves the server has our message.
        await this.learn(log, row, m, result);
      }
    }
    const added = log.prepend(fresh.map((m) => this.starred(settle(log, m, true))));
    for (const m of await settleCorrections(log, added)) this.edited(m);
    for (const m of await settleReactions(log, added)) this.notifier.note({ chat: m.chatJid });
    if (e.complete) log.setComplete();
    result.prepended += added.length;
    if (added.length === 0) return;
    const visible = added.filter((m) => !m.hidden);
    if (!this.recent.get(e.chatJid)?.lastMessage && visible.length) this.recent.touch(visible[visible.length - 1], false);
    if (e.unread) this.recent.addUnread(e.chatJid, visible);
    this.notifier.note({ chat: e.chatJid, recent: true });
  }

  /** Marks the chat read up to one of the peer's messages; unread becomes the incoming ones after it. */
  private async applyRead(log: ChatLog, peerMsgId: string): Promise<void> {
    await this.readUpTo(log, log.find([idKey(log.chatJid, peerMsgId)]));
  }

  /** XEP-0490: read up to the message our archive calls `stanzaId` (a peer's or, allowed too, ours);
   * a mark for a message this cache does not hold is ignored (XEP-0490 §5.1). */
  private async applyDisplayed(log: ChatLog, stanzaId: string): Promise<void> {
    await this.readUpTo(log, log.find([archiveKey(stanzaId)]));
  }

  private async readUpTo(log: ChatLog, row: number | undefined): Promise<void> {
    if (row === undefined) return;
    const after = await log.read(row + 1, log.meta.lastRow);
    if (this.recent.markRead(log.chatJid, row, after.filter((m) => !m.outgoing).length)) {
      this.notifier.note({ recent: true, chat: log.chatJid });
    }
  }

  private applyTyping(e: Of<'typing'>): void {
    if (e.state === 'composing') this.typingStates.set(e.chatJid, e.state);
    else if (!this.typingStates.delete(e.chatJid)) return;
    this.notifier.note({ typing: true, chat: e.chatJid });
  }

  /** The connection state lives in the client; subscribers only hear that it changed. */
  private applyConnection(): void {
    this.notifier.note({ connection: true });
  }

  /** A message about to be cached, marked when it is one of the favourites (starred before it came);
   * else hidden when the chat was cleared past it (kept as a row, so its copies are known duplicates). */
  private starred(m: NewMessage): NewMessage {
    if (this.favourites.items[favouriteId(m.chatJid, m.msgId)]) return { ...m, favourite: true };
    return clearedBy(this.chatSettings.items[m.chatJid]?.cleared, m) ? { ...m, ...HIDDEN } : m;
  }

  /** Saves the favourites (favourites.ts) and tells subscribers that they and these chats changed. @internal */
  favouritesChanged(chats: Iterable<string>): void {
    this.writer.schedule('favourites', () => this.favourites);
    for (const chat of chats) this.notifier.note({ chat });
    this.notifier.note({ favourites: true });
  }

  /** The recent-chat rows themselves (for the chat-settings reducer). @internal */
  get recentRows(): RecentChats {
    return this.recent;
  }

  /** Chats' settings changed: their rows (flags, order) and their messages (cleared) may differ. */
  settingsChanged(chats: Iterable<string>): void {
    for (const chat of chats) this.notifier.note({ chat });
    this.notifier.note({ recent: true });
  }

  /** Signals every subscriber that everything may have changed (a client switched to this store). */
  announceReset(): void {
    this.notifier.note({ recent: true, typing: true, connection: true, reset: true });
  }

  /** Writes everything pending to storage. */
  flush(): Promise<void> {
    return this.queue.then(async () => {
      for (const log of this.logs.values()) (await log).flushIndex();
      await this.writer.flush();
    });
  }
}
