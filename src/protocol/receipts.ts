/** XEP-0184 message delivery receipts. */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child } from './xml.js';

export function requestReceipt(stanza: Builder): Builder {
  return stanza.c('request', { xmlns: NS.RECEIPTS }).up();
}

export function wantsReceipt(stanza: Element): boolean {
  return child(stanza, 'request', NS.RECEIPTS) !== null;
}

export function buildReceipt(to: string, receivedId: string, id: string): Builder {
  return $msg({ to, id, type: 'chat' }).c('received', { xmlns: NS.RECEIPTS, id: receivedId }).up()
    .c('store', { xmlns: NS.HINTS }).up();
}

/** The id a receipt acknowledges, or null when the stanza is not a receipt. */
export function readReceipt(stanza: Element): string | null {
  const received = child(stanza, 'received', NS.RECEIPTS);
  return received ? attr(received, 'id') || null : null;
}
