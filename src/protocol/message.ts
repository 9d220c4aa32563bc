/** Chat messages: building what we send (RFC 6121 + XEP-0359 origin-id, XEP-0461 reply with its
 * XEP-0428 fallback quote, XEP-0372 mentions, our forwarded mark) and reading what arrives into plain
 * data.
 *
 * Forwarded copies carry `<forwarded xmlns='urn:chat-widget:forwarded:0'/>`: an empty element in a
 * namespace of this widget (not XEP-0297's `urn:xmpp:forward:0`, which wraps a whole stanza and which
 * clients read as carbons or archive results). Other clients ignore it and show an ordinary message;
 * this widget marks the message `forwarded`. */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child, children, parseStamp, textOf } from './xml.js';
import { readStanzaError } from './errors.js';
import { requestReceipt } from './receipts.js';
import { markable } from './markers.js';
import { addOob } from './oob.js';
import { addFileMetadata } from './file-metadata.js';
import { codePoints, stripReplyFallback } from './fallback.js';
import type { MediaMeta } from '../model/types.js';

/** Longest body we accept from anyone; longer bodies are cut so one stanza cannot stall the UI. */
export const MAX_BODY_LENGTH = 64 * 1024;

export interface OutgoingText {
  to: string;
  id: string;
  body: string;
  replyTo?: { id: string; to: string };
  /** XEP-0428 fallback for the reply: the quote put before the text (see fallback.ts `replyQuote`),
   * marked as such. Only for text: a file's body must stay its URL (XEP-0066). */
  quote?: string;
  /** A forwarded copy (our mark, see above). */
  forwarded?: boolean;
  mentions?: string[];
  /** XEP-0308: this message corrects the one with this id (the original's, also for a later edit). */
  replaceId?: string;
  /** A file: its URL becomes the body and the XEP-0066 OOB URL, the rest XEP-0446 metadata; `body` is
   * then its caption (sent as the metadata's `<desc/>`, not in the body). */
  media?: MediaMeta;
}

export function buildChatMessage(msg: OutgoingText): Builder {
  const quote = !msg.media && msg.replyTo && msg.quote ? msg.quote : '';
  const stanza = $msg({ to: msg.to, type: 'chat', id: msg.id })
    .c('body').t(msg.media ? msg.media.url : quote + msg.body).up();
  if (msg.media) {
    addOob(stanza, msg.media.url);
    addFileMetadata(stanza, msg.media, msg.body || undefined);
  }
  stanza
    .c('origin-id', { xmlns: NS.SID, id: msg.id }).up()
    .c('active', { xmlns: NS.CHAT_STATES }).up();
  requestReceipt(stanza);
  markable(stanza);
  if (msg.replaceId) stanza.c('replace', { xmlns: NS.CORRECT, id: msg.replaceId }).up();
  if (msg.replyTo) stanza.c('reply', { xmlns: NS.REPLY, id: msg.replyTo.id, to: msg.replyTo.to }).up();
  if (quote) stanza.c('fallback', { xmlns: NS.FALLBACK, for: NS.REPLY }).c('body', { start: '0', end: String(codePoints(quote)) }).up().up();
  if (msg.forwarded) stanza.c('forwarded', { xmlns: NS.FORWARDED }).up();
  for (const jid of msg.mentions ?? []) {
    stanza.c('reference', { xmlns: NS.REFERENCE, type: 'mention', uri: `xmpp:${jid}` }).up();
  }
  return stanza;
}

/** What a `<message>` says about chat content, read without judging who sent it. */
export interface MessageContent {
  /** The stanza's own `id` attribute: what receipts, markers and corrections of a 1:1 chat refer to.
   * Not unique: clients reuse ids across sessions. */
  id: string;
  originId?: string;
  /** stanza-id assigned by `by` (XEP-0359); only trusted when `by` is our own bare JID. */
  stanzaIds: { id: string; by: string }[];
  from: string;
  to: string;
  type: string;
  body?: string;
  /** XEP-0203 delay stamps inside the message: when, and who says so (`from`, often absent). Anyone
   * can add one: trust is decided by the caller (interpret.ts). */
  delays: { stamp: number; from: string }[];
  /** XEP-0461: the replied-to message's id and its author's JID (`to`). */
  reply?: { id: string; to: string };
  /** Marked as a forwarded copy (our mark, see above). */
  forwarded: boolean;
  mentions: string[];
}

export function readMessage(stanza: Element): MessageContent {
  const originId = attr(child(stanza, 'origin-id', NS.SID), 'id') || undefined;
  const bodyEl = child(stanza, 'body');
  let body: string | undefined;
  if (bodyEl) {
    body = textOf(bodyEl);
    if (body.length > MAX_BODY_LENGTH) body = body.slice(0, MAX_BODY_LENGTH);
  }
  const reply = child(stanza, 'reply', NS.REPLY);
  // A reply's quote for clients without replies is cut out: the preview shows the original instead.
  if (body !== undefined && reply) body = stripReplyFallback(stanza, body);
  return {
    id: attr(stanza, 'id'),
    originId,
    stanzaIds: children(stanza, 'stanza-id', NS.SID).map((el) => ({ id: attr(el, 'id'), by: attr(el, 'by').toLowerCase() }))
      .filter((s) => s.id && s.by),
    from: attr(stanza, 'from'),
    to: attr(stanza, 'to'),
    type: attr(stanza, 'type') || 'normal',
    body,
    delays: children(stanza, 'delay', NS.DELAY).flatMap((el) => {
      const stamp = parseStamp(attr(el, 'stamp'));
      return stamp === undefined ? [] : [{ stamp, from: attr(el, 'from').toLowerCase() }];
    }),
    reply: attr(reply, 'id') ? { id: attr(reply, 'id'), to: attr(reply, 'to') } : undefined,
    forwarded: !!child(stanza, 'forwarded', NS.FORWARDED),
    mentions: children(stanza, 'reference', NS.REFERENCE)
      .filter((el) => attr(el, 'type') === 'mention' && attr(el, 'uri').startsWith('xmpp:'))
      .map((el) => attr(el, 'uri').slice(5)),
  };
}

/** The error text of a bounced message (`type="error"`), for the user. */
export function readError(stanza: Element): string {
  const { condition, text } = readStanzaError(stanza);
  const readable: Record<string, string> = {
    'service-unavailable': 'the recipient does not exist or cannot receive messages',
    'item-not-found': 'the recipient does not exist',
    'remote-server-not-found': "the recipient's server cannot be reached",
    'not-allowed': 'the server does not allow this message',
    'forbidden': 'the server does not allow this message',
    'policy-violation': 'the server refused the message by policy',
    'resource-constraint': 'the server is overloaded',
  };
  return text || readable[condition] || condition || 'the server refused the message';
}
