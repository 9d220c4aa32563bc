/** The reference's `getMediaMessages`: a chat's image, audio, video and document messages, newest
 * first, 3 on the first call, then 10 older than the last one given per call. From the cache first,
 * then older archive pages (XEP-0313) until enough are found or the archive has no more. */
import { badRequest, notFound } from '../model/errors.js';
import { requireJid } from '../model/jid.js';
import type { MediaQuery } from '../model/params.js';
import type { ChatMessage } from '../model/types.js';
import { requireFeature, type Services } from './services.js';

/** Media messages in the first answer and in each later one. */
export const MEDIA_PAGE = { first: 3, next: 10 } as const;
/** Cached rows read per step while looking for media. */
const SCAN = 200;
/** Messages asked of the archive per step when the cache runs out. */
const ARCHIVE_STEP = 100;
/** Archive fetches per call at most (they grow to 500 messages each): a chat with years of text and no
 * media answers with what was found rather than reading its whole archive at once. */
const MAX_FETCHES = 20;

export class MediaList {
  constructor(
    private readonly s: Services,
    /** Fetches older messages of a chat from the archive into the cache. */
    private readonly fetchOlder: (chatJid: string, wanted: number) => Promise<void>,
  ) {}

  /** Media messages of `toUserJid` older than `lastMessageId` (or the newest), newest first.
   * 400 for a missing or malformed JID or id; 404 when `lastMessageId` is not a message of this chat;
   * 403 when the `mediaMessages` feature is off. */
  async list(q: MediaQuery): Promise<ChatMessage[]> {
    requireFeature(this.s.features, 'mediaMessages', 'The media list');
    if (!q || typeof q !== 'object') throw badRequest('Pass {toUserJid, lastMessageId?}');
    const chatJid = requireJid(q.toUserJid, 'toUserJid');
    const last = q.lastMessageId;
    if (last !== undefined && last !== null && last !== '' && typeof last !== 'string') {
      throw badRequest('lastMessageId must be the msgId of the last media message of the previous page');
    }
    const store = await this.s.store();
    const log = await store.log(chatJid);
    let cursor = log.meta.lastRow + 1;
    let wanted: number = MEDIA_PAGE.first;
    if (last) {
      // Ids are not unique: the newest message with it, from either side.
      const found = (await Promise.all([chatJid, this.s.account() ?? ''].map((from) => store.findMessage(chatJid, from, last))))
        .filter((m): m is ChatMessage => m !== undefined)
        .sort((a, b) => b.rowId - a.rowId)[0];
      if (!found) throw notFound(`No message "${last}" in the chat with ${chatJid}`);
      cursor = found.rowId;
      wanted = MEDIA_PAGE.next;
    }
    const out: ChatMessage[] = [];
    for (let fetches = 0; ; fetches++) {
      while (out.length < wanted && cursor > log.meta.firstRow) {
        const page = await store.before(chatJid, cursor, SCAN);
        if (page.length === 0) break;
        for (let i = page.length - 1; i >= 0 && out.length < wanted; i--) {
          if (page[i].msgType !== 'text' && page[i].media) out.push(page[i]);
        }
        cursor = page[0].rowId;
      }
      if (out.length >= wanted || log.meta.complete || !this.s.xmpp.online || !this.s.features.history || fetches >= MAX_FETCHES) return out;
      const oldest = log.meta.firstRow;
      await this.fetchOlder(chatJid, ARCHIVE_STEP);
      if (log.meta.firstRow === oldest) return out; // the archive had nothing more to give
    }
  }
}
