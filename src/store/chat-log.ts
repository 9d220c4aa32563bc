/** One chat's cached history: messages in contiguous row order, kept in fixed-size segments so a
 * 10,000-message chat opens by reading one or two small records, plus a de-duplication index. */
import type { ChatMessage, NewMessage } from '../model/types.js';
import type { BatchedWriter, KeyValueStore } from './persistence.js';
import { dedupKeys, idKey } from './dedup.js';

export const SEGMENT_SIZE = 100;

export interface ChatMeta {
  chatJid: string;
  /** Cached rows are firstRow..lastRow (none when lastRow < firstRow). Rows only grow at the ends. */
  firstRow: number;
  lastRow: number;
  /** The server archive holds nothing older than firstRow. */
  complete: boolean;
  /** Archive id of the oldest cached message that has one: paging up continues before it. */
  oldestArchiveId?: string;
  oldestArchiveRow?: number;
  /** Rows of our outgoing messages the peer has not seen yet. */
  unseen: number[];
  /** Newest row of an outgoing message the peer has seen. */
  seenUpTo?: number;
  /** XEP-0308 corrections whose original is not cached yet (see corrections.ts). */
  pendingCorrections?: PendingCorrection[];
  /** Keys of XEP-0424 retractions whose original is not cached yet, and of messages hidden for this
   * account (see removals.ts). */
  pendingRetractions?: string[];
  hidden?: string[];
  /** XEP-0444 reactions whose message is not cached yet, oldest first (see reactions.ts). */
  pendingReactions?: PendingReaction[];
}

/** A reaction waiting for its message: the id it names, who reacted, the set, the stanza's keys. */
export interface PendingReaction {
  targetId: string;
  fromJid: string;
  emojis: string[];
  keys: string[];
}

/** A correction waiting for its original: the original's id key, the correction's own keys, its text
 * and time (ms). */
export interface PendingCorrection {
  target: string;
  keys: string[];
  body: string;
  at: number;
}

/** The stored de-duplication index: `key\trow` lines, and the rows it covered when written. */
interface PackedIndex {
  packed: string;
  from: number;
  to: number;
  /** Key scheme (dedup.ts); an index of another scheme is rebuilt from the segments. */
  v?: number;
}

const INDEX_VERSION = 2;

/** The index is rewritten at most this often; rows written since are re-read from their segments. */
const INDEX_WRITE_INTERVAL_MS = 2000;

const segmentOf = (row: number) => Math.floor(row / SEGMENT_SIZE);
export class ChatLog {
  private readonly segments = new Map<number, ChatMessage[]>();
  private readonly loading = new Map<number, Promise<ChatMessage[]>>();
  private dirtySegments = new Set<number>();

  private index: Map<string, number> | null = null;
  private indexLoading: Promise<void> | null = null;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    readonly meta: ChatMeta,
    private readonly kv: KeyValueStore,
    private readonly writer: BatchedWriter,
  ) {}

  /** Opens a chat's log reading only its small meta record: enough to show its latest messages. */
  static async open(kv: KeyValueStore, writer: BatchedWriter, chatJid: string): Promise<ChatLog> {
    const meta = await kv.getItem<ChatMeta>(`meta:${chatJid}`);
    return new ChatLog(meta ?? { chatJid, firstRow: 0, lastRow: -1, complete: false, unseen: [] }, kv, writer);
  }

  /** Loads the de-duplication index (needed before anything is added or looked up by id). The stored
   * copy may lag behind the segments: rows it does not cover are indexed from the segments. */
  ensureIndex(): Promise<void> {
    if (this.index) return Promise.resolve();
    this.indexLoading ??= (async () => {
      const stored = await this.kv.getItem<PackedIndex>(`ids:${this.chatJid}`);
      const index = new Map<string, number>();
      let from = this.meta.lastRow + 1;
      let to = this.meta.lastRow;
      if (stored && typeof stored.packed === 'string' && stored.v === INDEX_VERSION) {
        for (const line of stored.packed.split('\n')) {
          const tab = line.lastIndexOf('\t');
          if (tab > 0) index.set(line.slice(0, tab), Number(line.slice(tab + 1)));
        }
        from = stored.from;
        to = stored.to;
      }
      const missing = [
        ...(await this.read(this.meta.firstRow, Math.min(from - 1, this.meta.lastRow))),
        ...(await this.read(Math.max(to + 1, this.meta.firstRow), this.meta.lastRow)),
      ];
      this.index = index;
      for (const m of missing) this.indexMessage(m);
    })();
    return this.indexLoading;
  }

  get chatJid(): string {
    return this.meta.chatJid;
  }

  get size(): number {
    return this.meta.lastRow - this.meta.firstRow + 1;
  }

  /** The row of a message known by any of these keys. Call `ensureIndex()` first. */
  find(keys: string[]): number | undefined {
    if (!this.index) throw new Error('ChatLog.find before ensureIndex');
    for (const key of keys) {
      const row = this.index.get(key);
      if (row !== undefined) return row;
    }
    return undefined;
  }

  private segmentKey(n: number): string {
    return `seg:${this.chatJid}:${n}`;
  }

  async loadSegment(n: number): Promise<ChatMessage[]> {
    const loaded = this.segments.get(n);
    if (loaded) return loaded;
    let loading = this.loading.get(n);
    if (!loading) {
      loading = this.kv.getItem<ChatMessage[]>(this.segmentKey(n)).then((stored) => {
        // A write may have created the segment while the read was in flight: keep that one.
        const current = this.segments.get(n) ?? stored ?? [];
        this.segments.set(n, current);
        this.loading.delete(n);
        return current;
      });
      this.loading.set(n, loading);
    }
    return loading;
  }

  /** The message at a row, when its segment is in memory. */
  peek(row: number): ChatMessage | undefined {
    const seg = this.segments.get(segmentOf(row));
    if (!seg || seg.length === 0) return undefined;
    return seg[row - seg[0].rowId];
  }

  async get(row: number): Promise<ChatMessage | undefined> {
    if (row < this.meta.firstRow || row > this.meta.lastRow) return undefined;
    await this.loadSegment(segmentOf(row));
    return this.peek(row);
  }

  /** Messages with rows in [from, to], oldest first, clamped to what is cached. */
  async read(from: number, to: number): Promise<ChatMessage[]> {
    from = Math.max(from, this.meta.firstRow);
    to = Math.min(to, this.meta.lastRow);
    if (to < from) return [];
    const first = segmentOf(from);
    const last = segmentOf(to);
    const segs = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.loadSegment(first + i)));
    const out: ChatMessage[] = [];
    for (const seg of segs) {
      for (const m of seg) if (m.rowId >= from && m.rowId <= to) out.push(m);
    }
    return out;
  }

  /** Loads what append and prepend touch (and the index), so they can then run synchronously. */
  async prepareEnds(): Promise<void> {
    await this.ensureIndex();
    if (this.size > 0) {
      await Promise.all([this.loadSegment(segmentOf(this.meta.lastRow)), this.loadSegment(segmentOf(this.meta.firstRow))]);
    }
  }

  private segmentForWrite(n: number): ChatMessage[] {
    let seg = this.segments.get(n);
    if (!seg) {
      // Only a segment beyond the cached rows may be created without reading it first.
      seg = [];
      this.segments.set(n, seg);
    }
    this.dirtySegments.add(n);
    return seg;
  }

  /** Indexes a message by its de-duplication keys and its id (the id key goes to the newest message
   * with that id). */
  private indexMessage(m: ChatMessage): void {
    const index = this.index!;
    for (const key of dedupKeys(m)) index.set(key, m.rowId);
    for (const key of m.corrections ?? []) index.set(key, m.rowId);
    const byId = idKey(m.fromJid, m.msgId);
    const known = index.get(byId);
    if (known === undefined || known < m.rowId) index.set(byId, m.rowId);
  }

  /** Appends newer messages. Call `prepareEnds()` first. */
  append(message: NewMessage): ChatMessage {
    const row = this.meta.lastRow + 1;
    const stored: ChatMessage = { ...message, rowId: row };
    if (this.size === 0) this.meta.firstRow = row;
    this.segmentForWrite(segmentOf(row)).push(stored);
    this.meta.lastRow = row;
    this.indexMessage(stored);
    this.noteArchiveId(stored);
    if (stored.outgoing && stored.status !== 'seen') this.meta.unseen.push(row);
    this.scheduleWrite();
    return stored;
  }

  /** Prepends a block of older messages (oldest first). Call `prepareEnds()` first. */
  prepend(block: NewMessage[]): ChatMessage[] {
    if (block.length === 0) return [];
    const empty = this.size === 0;
    const start = (empty ? 0 : this.meta.firstRow) - block.length;
    const stored = block.map((m, i) => ({ ...m, rowId: start + i }) as ChatMessage);
    for (let i = stored.length - 1; i >= 0; i--) {
      const m = stored[i];
      if (m.outgoing && this.meta.seenUpTo !== undefined && m.status !== 'seen' && m.status !== 'failed') m.status = 'seen';
      this.segmentForWrite(segmentOf(m.rowId)).unshift(m);
      this.indexMessage(m);
      if (m.outgoing && m.status !== 'seen') this.meta.unseen.unshift(m.rowId);
    }
    this.meta.firstRow = start;
    if (empty) this.meta.lastRow = start + block.length - 1;
    for (const m of stored) this.noteArchiveId(m);
    this.scheduleWrite();
    return stored;
  }

  /** Replaces the message at `row` with a patched copy (messages are never mutated in place). */
  async update(row: number, patch: Partial<ChatMessage>): Promise<ChatMessage | undefined> {
    const current = await this.get(row);
    if (!current) return undefined;
    const next = { ...current, ...patch, rowId: row };
    const n = segmentOf(row);
    const seg = this.segmentForWrite(n);
    seg[row - seg[0].rowId] = next;
    if (patch.stanzaId || patch.corrections) {
      this.indexMessage(next);
      this.noteArchiveId(next);
    }
    if (patch.status === 'seen') this.meta.unseen = this.meta.unseen.filter((r) => r !== row);
    this.scheduleWrite();
    return next;
  }

  private noteArchiveId(m: ChatMessage): void {
    if (!m.stanzaId) return;
    if (this.meta.oldestArchiveRow === undefined || m.rowId < this.meta.oldestArchiveRow) {
      this.meta.oldestArchiveRow = m.rowId;
      this.meta.oldestArchiveId = m.stanzaId;
    }
  }

  /** Marks our outgoing messages up to `row` as seen; returns the rows that changed. */
  async markSeenUpTo(row: number): Promise<ChatMessage[]> {
    const rows = this.meta.unseen.filter((r) => r <= row);
    if (rows.length === 0) return [];
    const changed: ChatMessage[] = [];
    const stillFailed: number[] = [];
    for (const r of rows) {
      // A marker proves the peer saw this message and what they had before it, not a message that
      // failed to reach them.
      if (r !== row && (await this.get(r))?.status === 'failed') {
        stillFailed.push(r);
        continue;
      }
      const next = await this.update(r, { status: 'seen' });
      if (next) changed.push(next);
    }
    this.meta.unseen = [...stillFailed, ...this.meta.unseen.filter((r) => r > row)];
    this.meta.seenUpTo = Math.max(this.meta.seenUpTo ?? -Infinity, row);
    this.scheduleWrite();
    return changed;
  }

  setPendingCorrections(pending: PendingCorrection[]): void {
    this.meta.pendingCorrections = pending;
    this.scheduleWrite();
  }

  setRemovals(patch: Pick<ChatMeta, 'pendingRetractions' | 'hidden'>): void {
    Object.assign(this.meta, patch);
  }

  setPendingReactions(pending: PendingReaction[]): void {
    this.meta.pendingReactions = pending;
    this.scheduleWrite();
  }

  setComplete(): void {
    this.meta.complete = true;
    this.scheduleWrite();
  }

  private scheduleWrite(): void {
    for (const n of this.dirtySegments) {
      this.writer.schedule(this.segmentKey(n), () => this.segments.get(n));
    }
    this.dirtySegments.clear();
    this.writer.schedule(`meta:${this.chatJid}`, () => this.meta);
    // The index grows with the chat: rewriting it on every flush of a burst would cost more than the
    // messages themselves, so it is written at most every couple of seconds.
    this.indexTimer ??= setTimeout(() => this.flushIndex(), INDEX_WRITE_INTERVAL_MS);
  }

  /** Queues the index for the next write (also called when the store flushes, e.g. on disconnect). */
  flushIndex(): void {
    clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
    if (!this.index) return;
    const index = this.index;
    const from = this.meta.firstRow;
    const to = this.meta.lastRow;
    this.writer.schedule(`ids:${this.chatJid}`, () => {
      let packed = '';
      for (const [key, row] of index) packed += `${key}\t${row}\n`;
      return { packed, from, to, v: INDEX_VERSION } satisfies PackedIndex;
    });
  }
}
