/** Sending: what the user writes is stored as pending and put in the persisted outbox in one step,
 * then sent; a ping after a batch proves the server processed it (then it is "sent" and leaves the
 * outbox).
 *
 * After a drop, never twice what the server has:
 * - the stream resumed (XEP-0198): strophe has re-sent what the server did not acknowledge, so the
 *   outbox sends only the entries never handed to this stream (written while offline), and pings
 *   again for the others (the answer to the first ping died with the old socket);
 * - a fresh session: the archive catch-up ran first (client.ts `onSession`), and an archived copy of
 *   one of our messages marked it sent, which took it out of the outbox; what is left goes again (and
 *   strophe's own blind re-send of messages is off, see connection.ts). */
import { badRequest, unauthorized } from '../model/errors.js';
import type { OutboxEntry } from '../model/events.js';
import { newId } from '../model/ids.js';
import { isBareJid, jidForUser, requireJid } from '../model/jid.js';
import type { TextMessageParams } from '../model/params.js';
import type { ChatMessage } from '../model/types.js';
import { buildChatMessage, MAX_BODY_LENGTH } from '../protocol/message.js';
import { buildPing } from '../protocol/ping.js';
import { replyQuote } from '../protocol/fallback.js';
import { buildReactions } from '../protocol/reactions.js';
import { requireFeature, type Services } from './services.js';


/** How long the ping that confirms a batch may take: under load the server answers it only after
 * routing everything sent before it. A dropped connection resends the outbox anyway. */
const ACK_TIMEOUT_MS = 5 * 60_000;

export class OutboxSender {
  private awaitingAck: { chatJid: string; msgId: string }[] = [];
  private ackScheduled = false;
  /** Entries handed to the current stream (its XEP-0198 session, across resumptions). */
  private readonly onStream = new Set<string>();

  constructor(
    private readonly s: Services,
    private readonly signedOut: () => boolean,
    /** The user sent to this chat: their typing ends with the message. */
    private readonly typingEnded: (chatJid: string) => void,
  ) {}

  /** The reference's `sendTextMessage`: resolves with the stored message (pending) once the outbox
   * holding it is on disk. */
  async sendText(params: TextMessageParams): Promise<ChatMessage> {
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJid, messageText}');
    const common = await this.check(params);
    if (typeof params.messageText !== 'string' || params.messageText.trim() === '') throw badRequest('messageText is required and may not be blank');
    if (params.messageText.length > MAX_BODY_LENGTH) throw badRequest(`messageText is too long (at most ${MAX_BODY_LENGTH} characters)`);
    return this.enqueue({ ...common, msgId: newId(), timestamp: Date.now(), msgType: 'text', body: params.messageText });
  }

  /** What every kind of message checks: signed in, the recipient, the reply and the mentions. Answers
   * the outbox entry's fields for them (400/401 otherwise). */
  async check(params: { toJid: string; replyMessageId?: string; mentionedUsersIds?: string[] }): Promise<Pick<OutboxEntry, 'chatJid' | 'replyTo' | 'replyQuote' | 'mentionedUsersIds'>> {
    const store = await this.s.store();
    if (this.signedOut()) throw unauthorized('Not connected: call connect() before sending');
    const to = requireJid(params.toJid, 'toJid');
    if (to === this.s.account()) throw badRequest('toJid is your own JID: pick someone else to chat with');
    if (params.replyMessageId !== undefined && (typeof params.replyMessageId !== 'string' || !params.replyMessageId)) {
      throw badRequest('replyMessageId must be the id of a message');
    }
    if (params.replyMessageId) requireFeature(this.s.features, 'reply', 'Replying');
    const mentions = params.mentionedUsersIds;
    if (mentions !== undefined && (!Array.isArray(mentions) || mentions.some((m) => typeof m !== 'string'))) {
      throw badRequest('mentionedUsersIds must be an array of user ids');
    }
    // XEP-0461 names the replied-to message by its id and its author: the peer's or one of ours. Its
    // text (or file name) is quoted for clients without replies (XEP-0428 fallback, see fallback.ts).
    const account = this.s.account()!;
    const replied = params.replyMessageId
      ? (await store.findMessage(to, to, params.replyMessageId)) ?? (await store.findMessage(to, account, params.replyMessageId))
      : undefined;
    const quoted = replied && !replied.retracted ? replied.body || replied.media?.fileName : undefined;
    return {
      chatJid: to,
      ...(params.replyMessageId ? { replyTo: { msgId: params.replyMessageId, ...(replied ? { fromJid: replied.fromJid } : {}) } } : {}),
      ...(quoted ? { replyQuote: replyQuote(quoted) } : {}),
      ...(mentions?.length ? { mentionedUsersIds: mentions } : {}),
    };
  }

  /** Stores a message the user wrote as pending, puts it in the outbox and sends it when online (a file
   * is uploaded first, see `uploadFirst`); resolves once the outbox is on disk. */
  async enqueue(entry: OutboxEntry): Promise<ChatMessage> {
    const store = await this.s.store();
    const account = this.s.account()!;
    const { upload: _upload, replyQuote: _quote, ...fields } = entry;
    const { added } = await this.s.apply([{
      kind: 'outgoing', entry,
      message: { ...fields, fromJid: account, toJid: entry.chatJid, outgoing: true, status: 'pending' },
    }], false);
    this.typingEnded(entry.chatJid);
    // Sent while the outbox write is under way: a reload in between loses nothing that waiting would
    // have kept (the server may already have it; if not, the outbox brings it on the next session).
    if (this.s.xmpp.online) this.transmit([entry]);
    await store.outboxSaved();
    return added[0];
  }

  /** A failed message goes again (`retry` event: pending, back in the outbox), now when online. */
  async retry(entry: OutboxEntry): Promise<void> {
    await this.s.apply([{ kind: 'retry', entry }], false);
    if (this.s.xmpp.online) this.transmit([entry]);
  }

  /** A session is up (`resumed`: the same stream, XEP-0198): everything the server may not have goes. */
  async resend(resumed: boolean): Promise<void> {
    if (!resumed) this.onStream.clear();
    const pending = (await this.s.store()).pendingOutbox;
    // Entries sent on this stream (before the drop, or since this session is up) are not sent again;
    // after a resumption they are confirmed again (those sent since have their own confirmation).
    const unsent = pending.filter((e) => !this.onStream.has(e.msgId));
    if (resumed) this.confirm(pending.filter((e) => this.onStream.has(e.msgId)));
    this.transmit(unsent);
  }

  /** Uploads the file of an entry that has one, then sends it (set by the media sender). */
  uploadFirst: (entry: OutboxEntry) => void = () => undefined;

  /** Sends outbox entries, then confirms them; entries with a file still to upload go to `uploadFirst`. */
  transmit(all: readonly OutboxEntry[]): void {
    const entries = all.filter((e) => !e.upload);
    for (const e of all) if (e.upload) this.uploadFirst(e);
    for (const e of entries) {
      if (e.reaction) {
        this.s.xmpp.send(buildReactions(e.chatJid, e.msgId, e.reaction.id, e.reaction.emojis));
        this.onStream.add(e.msgId);
        continue;
      }
      const mentions = e.mentionedUsersIds?.map((id) => (isBareJid(id) ? id : jidForUser(id, this.s.options.domain)));
      this.s.xmpp.send(buildChatMessage({
        to: e.chatJid, id: e.msgId, body: e.body, ...(e.media && e.msgType !== 'text' ? { media: e.media } : {}),
        ...(e.replyTo ? { replyTo: { id: e.replyTo.msgId, to: e.replyTo.fromJid ?? e.chatJid }, quote: e.replyQuote } : {}),
        forwarded: e.forwarded,
        ...(mentions ? { mentions } : {}), ...(e.replaceId ? { replaceId: e.replaceId } : {}),
      }));
      this.onStream.add(e.msgId);
    }
    this.confirm(entries);
  }

  /** One ping for everything sent within a few ms (a burst is one round trip): its answer proves the
   * server processed what went before it on the stream. */
  private confirm(entries: readonly OutboxEntry[]): void {
    if (entries.length === 0) return;
    for (const e of entries) this.awaitingAck.push({ chatJid: e.chatJid, msgId: e.msgId });
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setTimeout(() => {
      this.ackScheduled = false;
      const batch = this.awaitingAck;
      this.awaitingAck = [];
      const account = this.s.account()!;
      this.s.xmpp.sendIq(buildPing(this.s.options.domain, newId()), ACK_TIMEOUT_MS)
        .then(() => this.s.apply(batch.map(({ chatJid, msgId }) => ({ kind: 'status', chatJid, fromJid: account, msgId, status: 'sent' })), false))
        // No answer: the messages stay in the outbox and go again on the next connection.
        .catch(() => undefined);
    }, 10);
  }
}
