/** Editing our own messages (XEP-0308) and reacting to messages (XEP-0444), loaded on first use.
 * Both go through the store at once (the edit or the reaction shows before the server has it) and
 * through the outbox like any message: kept across a reload while offline, sent once (see outbox.ts). */
import { isEmoji } from '../model/emoji.js';
import { badRequest, notFound } from '../model/errors.js';
import type { OutboxEntry, StoreEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import type { ChatMessage, NewMessage } from '../model/types.js';
import { MAX_BODY_LENGTH } from '../protocol/message.js';
import { MAX_REACTIONS } from '../protocol/reactions.js';
import { dedupKeys } from '../store/dedup.js';
import type { OutboxSender } from './outbox.js';
import { requireFeature, type Services } from './services.js';

export interface EditParams { toJid: string; messageId: string; messageText: string }
export interface ReactionParams { toJid: string; messageId: string; emojis: string[] }

export class EditReact {
  constructor(private readonly s: Services, private readonly outbox: OutboxSender) {}

  /** Replaces the text of one of our text messages (XEP-0308 `<replace id>` naming the original's id,
   * also for a later edit, as XEP-0308 asks; corrections.ts also follows chains that name the previous
   * correction). Resolves with the message as now
   * shown (its new text, `editedAt` set). Rejects: 403 `editMessage` off; 400 bad parameters, a blank
   * or too long text, someone else's message, a media message or a deleted one; 404 unknown message;
   * 401 signed out. The same text again changes nothing and sends nothing. */
  async edit(params: EditParams): Promise<ChatMessage> {
    requireFeature(this.s.features, 'editMessage', 'Editing messages');
    const { chatJid, target } = await this.find(params, true);
    const text = params.messageText;
    if (typeof text !== 'string' || text.trim() === '') throw badRequest('messageText is required and may not be blank');
    if (text.length > MAX_BODY_LENGTH) throw badRequest(`messageText is too long (at most ${MAX_BODY_LENGTH} characters)`);
    if (target.msgType !== 'text') throw badRequest('Only text messages can be edited');
    if (text === target.body) return target;
    const account = this.s.account()!;
    const msgId = newId();
    const timestamp = Date.now();
    const correction: NewMessage = {
      msgId, originId: msgId, chatJid, fromJid: account, toJid: chatJid, outgoing: true, msgType: 'text', body: text, timestamp, status: 'pending',
    };
    const entry: OutboxEntry = { chatJid, msgId, timestamp, msgType: 'text', body: text, replaceId: target.msgId };
    await this.enqueue({ kind: 'correction', chatJid, replaceId: target.msgId, correction, older: false, entry });
    const store = await this.s.store();
    return (await store.findMessage(chatJid, account, target.msgId)) ?? target;
  }

  /** Sets this account's whole set of reactions to a message of the chat (the peer's or ours): each an
   * emoji (one grapheme), at most MAX_REACTIONS, duplicates merged; [] removes them all (XEP-0444,
   * `<reactions id>` naming the message's id, with a store hint). Rejects: 403 `reactions` off; 400 bad
   * parameters, not an emoji, too many, a deleted message; 404 unknown message; 401 signed out. */
  async react(params: ReactionParams): Promise<void> {
    requireFeature(this.s.features, 'reactions', 'Reactions');
    const raw = params?.emojis;
    if (!Array.isArray(raw)) throw badRequest('emojis must be an array of emoji ([] removes your reactions)');
    const emojis = [...new Set(raw)];
    const bad = emojis.find((e) => !isEmoji(e));
    if (bad !== undefined) throw badRequest(`Each reaction must be one emoji: ${JSON.stringify(bad).slice(0, 40)} is not`);
    if (emojis.length > MAX_REACTIONS) throw badRequest(`At most ${MAX_REACTIONS} reactions on one message`);
    const { chatJid, target } = await this.find(params, false);
    const account = this.s.account()!;
    const msgId = newId();
    const entry: OutboxEntry = { chatJid, msgId, timestamp: Date.now(), msgType: 'text', body: '', reaction: { id: target.msgId, emojis } };
    const keys = dedupKeys({ fromJid: account, msgId, body: emojis.join(' '), originId: msgId });
    await this.enqueue({
      kind: 'reaction', chatJid, fromJid: account, targetId: target.msgId, emojis, msgId, keys, older: false, entry,
    });
  }

  /** Our edit or reaction (its event carrying its outbox entry) goes through the store and the outbox,
   * and out when online; resolves once the outbox is on disk. */
  private async enqueue(event: StoreEvent & { entry: OutboxEntry }): Promise<void> {
    const store = await this.s.store();
    await this.s.apply([event], false);
    if (this.s.xmpp.online) this.outbox.transmit([event.entry]);
    await store.outboxSaved();
  }

  /** The chat and the message named (`own`: only one of ours). */
  private async find(params: { toJid: string; messageId: string }, own: boolean): Promise<{ chatJid: string; target: ChatMessage }> {
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJid, messageId, …}');
    const { chatJid } = await this.outbox.check({ toJid: params.toJid });
    if (typeof params.messageId !== 'string' || params.messageId === '') throw badRequest('messageId is required');
    const store = await this.s.store();
    const mine = await store.findMessage(chatJid, this.s.account()!, params.messageId);
    const theirs = mine ? undefined : await store.findMessage(chatJid, chatJid, params.messageId);
    const target = mine ?? theirs;
    if (!target) throw notFound(`No message ${params.messageId} in the chat with ${chatJid}`);
    if (own && !mine) throw badRequest('Only your own messages can be edited');
    if (target.retracted) throw badRequest('That message was deleted');
    return { chatJid, target };
  }
}
