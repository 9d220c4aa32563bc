/** Turns one `<message>` (live, a carbon's inner message, or an archived one) into store events,
 * deciding what to trust: receipts and markers only count when they come from the chat's peer. Pure:
 * no connection, no store. */
import { bareJid, isBareJid } from '../model/jid.js';
import type { StoreEvent } from '../model/events.js';
import type { NewMessage, TypingState } from '../model/types.js';
import type { MessageContent } from '../protocol/message.js';
import { readError, readMessage } from '../protocol/message.js';
import { readReceipt, wantsReceipt } from '../protocol/receipts.js';
import { isMarkable, readDisplayed } from '../protocol/markers.js';
import { readChatState } from '../protocol/chat-states.js';
import { readReplaceId } from '../protocol/correction.js';
import { readRetractId } from '../protocol/retraction.js';
import { readReactions } from '../protocol/reactions.js';
import { dedupKeys } from '../store/dedup.js';
import { newId } from '../model/ids.js';
import { readFile } from './files.js';

export type MessageSource = 'live' | 'carbon' | 'archive';

export interface IncomingContext {
  /** The logged-in account's bare JID. */
  account: string;
  source: MessageSource;
  /** Archive id and time, for messages from the archive. */
  archiveId?: string;
  archiveTimestamp?: number;
  /** Whether new messages count as new (unread, announced) rather than history. */
  fresh: boolean;
  /** Read going back in time (older archive pages): what is already known is newer. */
  older?: boolean;
  /** A live stanza that arrived while the session was starting, when the server flushes its offline
   * storage: only then may a delay stamp from our server be believed (anyone can write one). */
  offlineWindow?: boolean;
  now: number;
}

export interface Interpretation {
  events: StoreEvent[];
  /** The chat this stanza belongs to, when it belongs to one. */
  chatJid?: string;
  typing?: { chatJid: string; state: TypingState };
  /** A delivery receipt we owe the sender. */
  receiptFor?: { to: string; id: string };
  /** Archive id of this message in our own archive, when trustworthy. */
  archiveId?: string;
}

export function interpret(stanza: Element, ctx: IncomingContext): Interpretation {
  const content = readMessage(stanza);
  const out: Interpretation = { events: [] };
  if (content.type === 'groupchat' || content.type === 'headline') return out;

  const fromBare = bareJid(content.from || ctx.account);
  const outgoing = fromBare === ctx.account;
  const peer = outgoing ? bareJid(content.to) : fromBare;
  if (!isBareJid(peer) || peer === ctx.account) return out;
  out.chatJid = peer;

  if (content.type === 'error') {
    // A bounce of something we sent: the server or the peer's server refused it.
    if (!outgoing && content.id) {
      out.events.push({ kind: 'status', chatJid: peer, fromJid: ctx.account, msgId: content.id, status: 'failed', error: readError(stanza) });
    }
    return out;
  }

  const archiveId = ctx.archiveId ?? content.stanzaIds.find((s) => s.by === ctx.account)?.id;
  if (archiveId) out.archiveId = archiveId;

  const receipt = readReceipt(stanza);
  if (receipt && !outgoing) {
    out.events.push({ kind: 'status', chatJid: peer, fromJid: ctx.account, msgId: receipt, status: 'delivered' });
  }
  const displayed = readDisplayed(stanza);
  if (displayed) {
    out.events.push(outgoing
      ? { kind: 'read', chatJid: peer, peerMsgId: displayed }
      : { kind: 'status', chatJid: peer, fromJid: ctx.account, msgId: displayed, status: 'seen' });
  }

  // XEP-0424: its body is a fallback for clients without retraction, never a message. The store applies
  // it only to a message of the same sender (our own, for a carbon of ours).
  const retractId = readRetractId(stanza);
  if (retractId) {
    out.events.push({ kind: 'retraction', chatJid: peer, fromJid: fromBare, targetId: retractId });
    return out;
  }

  // XEP-0444: a reaction is never a message of its own (a fallback body some clients add is not shown).
  const reaction = readReactions(stanza);
  if (reaction) {
    const msgId = content.id || content.originId || archiveId || '';
    const keys = dedupKeys({ fromJid: fromBare, msgId, body: reaction.emojis.join(' '), stanzaId: archiveId, originId: content.originId });
    out.events.push({ kind: 'reaction', chatJid: peer, fromJid: fromBare, targetId: reaction.id, emojis: reaction.emojis, msgId, keys, older: ctx.older === true });
    return out;
  }

  const hasBody = content.body !== undefined && content.body.trim() !== '';
  const state = readChatState(stanza);
  if (!outgoing && ctx.source !== 'archive' && (state || hasBody)) {
    out.typing = { chatJid: peer, state: state === 'composing' ? 'composing' : state === 'gone' ? 'gone' : 'paused' };
  }

  // A file (body + OOB URL, XEP-0447 sharing, an aesgcm:// link): its body is the caption, maybe empty.
  const file = readFile(stanza, content.body);
  if (hasBody || file) {
    const msgId = content.id || content.originId || archiveId || newId();
    const message: NewMessage = {
      msgId,
      chatJid: peer,
      fromJid: fromBare,
      toJid: outgoing ? peer : ctx.account,
      outgoing,
      msgType: file?.msgType ?? 'text',
      body: file ? file.caption : content.body!,
      ...(file ? { media: file.media } : {}),
      timestamp: timestampOf(content, ctx),
      status: outgoing ? 'sent' : 'received',
      ...(archiveId ? { stanzaId: archiveId } : {}),
      ...(content.originId ? { originId: content.originId } : {}),
      ...(!outgoing && isMarkable(stanza) ? { markable: true } : {}),
      ...(content.reply ? { replyTo: { msgId: content.reply.id, ...(isBareJid(bareJid(content.reply.to)) ? { fromJid: bareJid(content.reply.to) } : {}) } } : {}),
      ...(content.mentions.length ? { mentionedUsersIds: content.mentions } : {}),
      ...(content.forwarded ? { forwarded: true } : {}),
    };
    const replaceId = readReplaceId(stanza);
    out.events.push(replaceId
      ? { kind: 'correction', chatJid: peer, replaceId, correction: message, older: ctx.older === true }
      : { kind: 'message', fresh: ctx.fresh, message });
    // Owed for what reaches this account now: live messages, and messages fetched by the catch-up after
    // being away (Prosody does not deliver offline copies to a client that queries its archive).
    if (!outgoing && (ctx.source === 'live' || (ctx.source === 'archive' && ctx.fresh)) && content.id && wantsReceipt(stanza)) {
      out.receiptFor = { to: ctx.source === 'live' ? content.from : fromBare, id: content.id };
    }
  }
  return out;
}

/** When a message was sent, believed only from whom may say so: our archive's stamp for archived
 * messages; for live ones our server's XEP-0203 delay (offline storage stamps `from` = our domain),
 * and only for what arrives while the session starts, when offline storage is flushed (a sender can
 * write any delay, `from` included). Otherwise the arrival time. Never later than now. */
function timestampOf(content: MessageContent, ctx: IncomingContext): number {
  const server = ctx.account.slice(ctx.account.indexOf('@') + 1);
  const byServer = ctx.source === 'archive' || ctx.offlineWindow ? content.delays.find((d) => d.from === server)?.stamp : undefined;
  const stamp = ctx.source === 'archive' ? ctx.archiveTimestamp ?? byServer : byServer;
  return Math.min(stamp ?? ctx.now, ctx.now);
}
