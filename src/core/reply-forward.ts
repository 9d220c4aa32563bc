/** Replies and forwarding, loaded on first use: `replyMessage` (the reference's `getReplyMessage`) and
 * `forwardMessages` (its `forwardMessagesToUser` / `forwardMessagesToMultipleUsers`).
 *
 * Which id a reply names: XEP-0461 (0.3.0, §"Using the correct ID") says a 1:1 reply names the
 * `<message>`'s `id` attribute (earlier versions, still sent by some clients, the XEP-0359 origin-id),
 * so a reply id is looked up as a message id, then as an origin-id, from the peer and from us.
 *
 * An original not in the cache is looked for in the server archive (XEP-0313). The archive's `ids`
 * filter (`urn:xmpp:mam:2#extended`) cannot help: it takes our archive's stanza-ids, while a reply
 * names the sender's id. So the chat's history is read back into the cache, a bounded number of pages
 * (`ARCHIVE_PAGES` × `PAGE`); it stays cached, which a jump to the original needs anyway.
 *
 * Forwarding makes new messages (new ids) of ours with the original's text, or its file as it is
 * (same URL, metadata, thumbnail and `aesgcm` key: nothing is uploaded again), marked forwarded (see
 * protocol/message.ts). Each copy goes through the outbox like a message the user wrote: stored as
 * pending first, sent when online, never sent twice. */
import { badRequest, notFound } from '../model/errors.js';
import { newId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { ChatMessage } from '../model/types.js';
import { originKey } from '../store/dedup.js';
import type { ChatStore } from '../store/chat-store.js';
import type { History } from './history.js';
import { interpret } from './interpret.js';
import type { OutboxSender } from './outbox.js';
import { requireFeature, type Services } from './services.js';

/** How far back the archive is read for a replied-to message: pages of `PAGE` messages. */
export const ARCHIVE_PAGES = 10;
const PAGE = 100;

export class MessageActions {
  constructor(
    private readonly s: Services,
    private readonly outbox: OutboxSender,
    private readonly history: Pick<History, 'fetchAhead' | 'query'>,
  ) {}

  /** The message a reply names, in chat `toJid`: from the cache, else from the archive (then cached).
   * Without `toJid` (the reference's `getReplyMessage`), every cached chat is searched, then the archive
   * of all chats (bounded as above) to learn the chat, whose history is then read back. null when
   * unknown or deleted for everyone. 400 bad params (`chatType` other than "chat"), 403 `reply` off. */
  async replyMessage(params: { toJid?: string; replyMessageId: string; chatType?: string }): Promise<ChatMessage | null> {
    requireFeature(this.s.features, 'reply', 'Replies');
    const id = params?.replyMessageId;
    if (typeof id !== 'string' || !id) throw badRequest('replyMessageId must be the id of a message');
    if (params.toJid === undefined) return this.findReply(id, params.chatType);
    const chatJid = requireJid(params.toJid, 'toJid');
    const store = await this.s.store();
    let found = await this.cached(store, chatJid, id);
    const log = await store.log(chatJid);
    for (let page = 0; !found && page < ARCHIVE_PAGES && !log.meta.complete && this.s.xmpp.online && this.s.features.history; page++) {
      const before = log.meta.firstRow;
      await this.history.fetchAhead(chatJid, PAGE);
      found = await this.cached(store, chatJid, id);
      if (log.meta.firstRow === before) break;
    }
    return found && !found.retracted ? found : null;
  }

  private async findReply(id: string, chatType?: string): Promise<ChatMessage | null> {
    if (chatType !== undefined && chatType !== 'chat') throw badRequest('chatType must be "chat" (group chats are not supported)');
    const store = await this.s.store();
    for (const chat of store.recentChats) {
      const found = await this.cached(store, chat.chatJid, id);
      if (found) return found.retracted ? null : found;
    }
    const chatJid = this.s.xmpp.online && this.s.features.history ? await this.archiveChatOf(id) : undefined;
    return chatJid ? this.replyMessage({ toJid: chatJid, replyMessageId: id }) : null;
  }

  /** Reads the whole archive back (bounded) for a message with this id; answers its chat. */
  private async archiveChatOf(id: string): Promise<string | undefined> {
    const account = this.s.account()!;
    let before = '';
    for (let page = 0; page < ARCHIVE_PAGES; page++) {
      const { results, first, complete } = await this.history.query({ before, max: PAGE });
      for (const r of results) {
        for (const e of interpret(r.message, { account, source: 'archive', fresh: false, now: Date.now(), archiveId: r.archiveId }).events) {
          if (e.kind === 'message' && (e.message.msgId === id || e.message.originId === id)) return e.message.chatJid;
        }
      }
      if (complete || !first) return undefined;
      before = first;
    }
    return undefined;
  }

  /** A cached message of the chat with this id (its id attribute, else its origin-id), the peer's or ours. */
  private async cached(store: ChatStore, chatJid: string, id: string): Promise<ChatMessage | undefined> {
    const account = this.s.account()!;
    for (const from of [chatJid, account]) {
      const found = await store.findMessage(chatJid, from, id);
      if (found) return found;
    }
    const log = await store.indexedLog(chatJid);
    for (const from of [chatJid, account]) {
      const row = log.find([originKey(from, id)]);
      const found = row === undefined ? undefined : await log.get(row);
      if (found && !found.hidden) return found; // deleted for this account: gone for it
    }
    return undefined;
  }

  /** Copies messages to each of `toJids`. `fromJid`: the chat they are in (without it, every cached
   * chat is searched). `isAsync` (default true): one copy after the other, each stored before the next;
   * false: all at once. Resolves with the copies (pending while offline). 400 bad params or a message
   * not sent yet (its file never uploaded), 404 unknown or deleted message, 403 `forward` off. */
  async forward(params: { fromJid?: string; toJids: string[]; messageIds: string[]; isAsync?: boolean }): Promise<ChatMessage[]> {
    requireFeature(this.s.features, 'forward', 'Forwarding');
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJids, messageIds}');
    const { toJids, messageIds } = params;
    if (!Array.isArray(toJids) || toJids.length === 0) throw badRequest('toJids must be a non-empty array of JIDs');
    if (!Array.isArray(messageIds) || messageIds.length === 0 || messageIds.some((m) => typeof m !== 'string' || !m)) {
      throw badRequest('messageIds must be a non-empty array of message ids');
    }
    const store = await this.s.store();
    const chats = params.fromJid !== undefined ? [requireJid(params.fromJid, 'fromJid')] : store.recentChats.map((c) => c.chatJid);
    const originals: ChatMessage[] = [];
    for (const id of new Set(messageIds)) {
      let found: ChatMessage | undefined;
      for (const chat of chats) if (!found) found = await this.cached(store, chat, id);
      if (!found || found.retracted) throw notFound(`No message with id ${id}${found ? ' (it was deleted)' : ''} to forward`);
      if (found.media && !/^(https?|aesgcm):/i.test(found.media.url)) throw badRequest(`Message ${id} is not sent yet: its file is not uploaded`);
      originals.push(found);
    }
    // Targets and ids are sets: a chat named twice (in any spelling of its JID) gets one copy of each.
    const targets = new Map<string, { chatJid: string }>();
    for (const toJid of toJids) {
      const target = await this.outbox.check({ toJid });
      targets.set(target.chatJid, target);
    }
    const copies = [...targets.values()].flatMap(({ chatJid }) => originals.map((m) => () => this.outbox.enqueue({
      chatJid, msgId: newId(), timestamp: Date.now(), msgType: m.msgType, body: m.body, forwarded: true,
      ...(m.media ? { media: m.media } : {}),
    })));
    if (params.isAsync === false) return Promise.all(copies.map((copy) => copy()));
    const sent: ChatMessage[] = [];
    for (const copy of copies) sent.push(await copy());
    return sent;
  }
}
