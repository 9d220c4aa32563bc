/** History: XEP-0313 archive queries with XEP-0059 paging, the catch-up after being away (or the recent
 * past on a new device), and a chat's older messages when the cache runs out. */
import { badRequest, SdkError, Status } from '../model/errors.js';
import type { StoreEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { HistoryQuery } from '../model/params.js';
import type { ChatMessage, NewMessage } from '../model/types.js';
import { CLEAR_WINDOW_MS } from '../store/removals.js';
import { buildArchiveQuery, readArchiveFin, type ArchivedMessage, type ArchivePage } from '../protocol/mam.js';
import { interpret, type IncomingContext } from './interpret.js';
import type { Services } from './services.js';


/** Archive results per catch-up query (the whole archive, all chats). */
const ARCHIVE_PAGE = 250;
/** A chat's archive is read in pages of this size, doubling while the reader keeps asking within
 * `FAST_READER_MS` of the last answer (scrolling fast), up to the largest page. */
const CHAT_PAGE = { first: 100, largest: 500 };
const FAST_READER_MS = 2000;
const MAX_HISTORY_LIMIT = 500;

type Page = ArchivePage & { results: ArchivedMessage[] };

export class History {
  private readonly queries = new Map<string, ArchivedMessage[]>();
  /** A chat's archive fetch under way: a second caller waits for it instead of asking for the same page. */
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly pace = new Map<string, { at: number; size: number }>();

  constructor(
    private readonly s: Services,
    /** Receipts owed for messages the catch-up brings (Prosody withholds their offline copies). */
    private readonly sendReceipt: (to: string, id: string) => void,
  ) {}

  isOurQuery(queryId: string): boolean {
    return this.queries.has(queryId);
  }

  archiveResult(result: ArchivedMessage): void {
    this.queries.get(result.queryId)?.push(result);
  }

  /** One archive page (XEP-0313 + XEP-0059), its results unread (for lookups of one message). */
  async query(q: { with?: string; start?: number; before?: string; after?: string; max: number }): Promise<Page> {
    const queryId = newId();
    const results: ArchivedMessage[] = [];
    this.queries.set(queryId, results);
    try {
      const iq = await this.s.xmpp.sendIq(buildArchiveQuery({ ...q, queryId }, newId()));
      return { ...readArchiveFin(iq), results };
    } finally {
      this.queries.delete(queryId);
    }
  }

  /** Interprets archive results; `older`: a page going back in time (what is cached is newer). */
  private read(results: ArchivedMessage[], fresh: boolean, receipts?: Map<string, { to: string; id: string }>, older = false): StoreEvent[] {
    const events: StoreEvent[] = [];
    const ctx: IncomingContext = { account: this.s.account()!, source: 'archive', fresh, older, now: Date.now() };
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
  async catchUp(): Promise<void> {
    if (!this.s.features.history) return;
    const store = await this.s.store();
    let after = store.catchUpFrom;
    // A cache that read the archive before catches up forward, so what arrived meanwhile is announced
    // as new (from the archive's start when it was empty then: no position to start after).
    if (after || store.sync.synced) {
      try {
        for (;;) {
          const page = await this.query({ after, max: ARCHIVE_PAGE });
          const receipts = new Map<string, { to: string; id: string }>();
          const events = this.read(page.results, true, receipts);
          if (page.last) events.push({ kind: 'archive-position', archiveId: page.last });
          const { added } = await this.s.apply(events, true);
          // Receipts only for messages new to this account (not ones another of its devices already had).
          for (const m of added) {
            const owed = receipts.get(`${m.fromJid}|${m.msgId}`);
            if (owed) this.sendReceipt(owed.to, owed.id);
          }
          if (page.complete || page.results.length === 0 || !page.last) return;
          after = page.last;
        }
      } catch (error) {
        // item-not-found: the anchor is gone (archive reset); fall back to a fresh sync.
        if (!(error instanceof SdkError) || error.statusCode !== Status.NOT_FOUND) throw error;
      }
    }
    // The recent past, newest page first. On a new device what no device of this account has displayed
    // counts as unread; the read marks among it (displayed markers this account sent) go in after the
    // last page, as one may point at a message on an older page.
    const newDevice = !store.sync.lastArchiveId;
    const reads: StoreEvent[] = [];
    let before = '';
    try {
      for (let i = 0, left = this.s.options.initialSyncMessages; left > 0; i++) {
        const page = await this.query({ before, max: Math.min(ARCHIVE_PAGE, left) });
        left -= ARCHIVE_PAGE;
        const events = this.read(page.results, false, undefined, true);
        reads.unshift(...events.filter((e) => e.kind === 'read'));
        const rest = events.filter((e) => e.kind !== 'read');
        if (i === 0 && page.last) rest.push({ kind: 'archive-position', archiveId: page.last });
        await this.prepend(rest, page.complete, newDevice);
        if (i === 0) store.sync.markSynced();
        if (page.complete || !page.first) break;
        before = page.first;
      }
    } finally {
      // Also when a later page fails: the position is saved after the first page, so the next session
      // is no longer a new device and would not read these marks again.
      if (reads.length > 0) await this.s.apply(reads, false);
    }
  }

  /** Puts a page of older archive results in front of the chats they belong to (`unread`: see the
   * `history` event); returns how many were new. */
  private async prepend(events: StoreEvent[], complete: boolean, unread = false, newest = false): Promise<number> {
    const byChat = new Map<string, NewMessage[]>();
    const rest: StoreEvent[] = [];
    for (const e of events) {
      if (e.kind !== 'message') {
        rest.push(e);
        continue;
      }
      const list = byChat.get(e.message.chatJid) ?? [];
      list.push(e.message);
      byChat.set(e.message.chatJid, list);
    }
    const history: StoreEvent[] = [...byChat].map(([chatJid, messages]) => ({ kind: 'history', chatJid, messages, complete, ...(unread ? { unread } : {}), ...(newest ? { newest } : {}) }));
    const { prepended } = await this.s.apply([...history, ...rest], false);
    return prepended;
  }

  /** Fetches older messages of one chat from the archive until `wanted` new ones are cached. */
  private async fetchOlder(chatJid: string, wanted: number): Promise<void> {
    const store = await this.s.store();
    const log = await store.log(chatJid);
    const done = () => this.s.apply([{ kind: 'history', chatJid, messages: [], complete: true }], false);
    let got = 0;
    let anchor = log.meta.oldestArchiveId;
    // A cleared chat: only what came after its mark, from its window on (removals.ts clearedBy), so paging
    // back ends there, complete.
    const mark = store.chatSettings.items[chatJid]?.cleared;
    // Receipts and markers share the archive with messages: a page holds fewer messages than its size,
    // so each further page is twice as large.
    for (let max = Math.min(CHAT_PAGE.largest, Math.max(wanted, 50)); got < wanted && !log.meta.complete; max = Math.min(CHAT_PAGE.largest, max * 2)) {
      let page: Page;
      try {
        page = await this.query({ with: chatJid, ...(mark ? { start: mark.at + 1 - (mark.ids ? CLEAR_WINDOW_MS : 0) } : {}), before: anchor ?? '', max });
      } catch (error) {
        // The server no longer has our oldest message (archive expired or reset): the cache is all there is.
        if (error instanceof SdkError && error.statusCode === Status.NOT_FOUND) {
          await done();
          return;
        }
        throw error;
      }
      const events = this.read(page.results, false, undefined, true).filter((e) => 'chatJid' in e ? e.chatJid === chatJid : e.kind === 'message' && e.message.chatJid === chatJid);
      got += await this.prepend(events, page.complete, false, anchor === undefined);
      if (page.complete || page.results.length === 0) {
        if (!log.meta.complete) await done();
        return;
      }
      // A page of receipts and markers only (or of messages cached already): read on before it.
      anchor = log.meta.oldestArchiveId !== anchor ? log.meta.oldestArchiveId : page.first;
      if (!anchor) return;
    }
  }

  /** The reference's `getChatMessages`: from the cache, then the archive for what the cache lacks. */
  async messages(q: HistoryQuery): Promise<ChatMessage[]> {
    if (!q || typeof q !== 'object') throw badRequest('Pass {toJid, position, lastRowId, limit}');
    const store = await this.s.store();
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
    if (log.meta.complete || !this.s.xmpp.online || !this.s.features.history) return page;
    const size = this.pageSize(chatJid);
    // Short of what was asked: wait for the archive (a fetch already under way may be enough).
    for (let tries = 0; page.length < limit && !log.meta.complete && tries < 20; tries++) {
      const before = log.meta.firstRow;
      await this.fetchAhead(chatJid, Math.max(limit - page.length, size));
      page = await store.before(chatJid, anchor, limit);
      if (log.meta.firstRow === before) break; // the archive had nothing more to give
    }
    // Keep the cache a page ahead of the reader, so the next step up is answered from memory.
    if (!log.meta.complete && anchor - limit - log.meta.firstRow < size) {
      this.fetchAhead(chatJid, size).catch((error) => console.debug('[chat-widget] prefetching history failed:', error));
    }
    return page;
  }

  /** The archive page size for this chat now: larger while the reader keeps asking quickly. */
  private pageSize(chatJid: string): number {
    const now = Date.now();
    const last = this.pace.get(chatJid);
    const size = last && now - last.at < FAST_READER_MS ? Math.min(CHAT_PAGE.largest, last.size * 2) : CHAT_PAGE.first;
    this.pace.set(chatJid, { at: now, size });
    return size;
  }

  /** Brings about `wanted` older messages of a chat from the archive into the cache (one fetch at a
   * time per chat: a second caller waits for the one under way). */
  fetchAhead(chatJid: string, wanted: number): Promise<void> {
    let running = this.fetching.get(chatJid);
    if (!running) {
      running = this.fetchOlder(chatJid, wanted).finally(() => this.fetching.delete(chatJid));
      this.fetching.set(chatJid, running);
    }
    return running;
  }
}
