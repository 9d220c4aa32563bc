/** XEP-0490 Message Displayed Synchronization: how far each chat has been displayed on any device of
 * this account, kept in the private PEP (XEP-0163) node `urn:xmpp:mds:displayed:0`. One item per chat:
 * item id = the chat's bare JID, payload = `<displayed/>` holding the XEP-0359 stanza-id our own
 * archive gave the newest displayed message. Built and read here; trust is decided here too (only our
 * own account publishes to our node). */
import type { Builder } from 'strophe.js';
import { bareJid, isBareJid } from '../model/jid.js';
import { NS } from './ns.js';
import { buildPrivatePublish, readItemsResult, readPepEvent, type PepItem } from './private-pep.js';
import { attr, children } from './xml.js';

/** A chat displayed up to the message our archive calls `stanzaId`. */
export interface DisplayedMark {
  /** The chat's bare JID (lower-case, as the store keys chats). */
  chatJid: string;
  stanzaId: string;
}

/** The item payload "displayed up to the message our archive calls `stanzaId`" (`account`: our bare
 * JID, the stanza-id's `by`), published under the chat's bare JID as item id (see PrivateStorage). */
export function displayedPayload(stanzaId: string, account: string): (item: Builder) => void {
  return (item) => item.c('displayed', { xmlns: NS.MDS }).c('stanza-id', { xmlns: NS.SID, by: account, id: stanzaId }).up().up();
}

/** Publishes "`chatJid` displayed up to `stanzaId`" in the private node (XEP-0490 §7, XEP-0223). */
export function buildDisplayedPublish(mark: DisplayedMark, account: string, iqId: string): Builder {
  return buildPrivatePublish(NS.MDS, mark.chatJid, displayedPayload(mark.stanzaId, account), iqId);
}

/** The marks in a node's items. Items naming no bare JID (group chats, private messages in them) or a
 * stanza-id not given by our own archive are left out. */
export function readDisplayedMarks(items: PepItem[], account: string): DisplayedMark[] {
  const marks: DisplayedMark[] = [];
  for (const item of items) {
    const chatJid = bareJid(item.id);
    if (!isBareJid(chatJid) || item.id.includes('/') || item.payload?.namespaceURI !== NS.MDS || item.payload.localName !== 'displayed') continue;
    const stanzaId = children(item.payload, 'stanza-id', NS.SID).find((s) => bareJid(attr(s, 'by')) === account);
    if (stanzaId && attr(stanzaId, 'id')) marks.push({ chatJid, stanzaId: attr(stanzaId, 'id') });
  }
  return marks;
}

/** The marks in the answer to an items request of the node (`account`: our bare JID). */
export function readDisplayedItems(result: Element, account: string): DisplayedMark[] {
  return readDisplayedMarks(readItemsResult(result, NS.MDS), account);
}

/** The marks in a PEP notification (another device of ours displayed a chat), or null when the
 * message is not a notification of our node. Throws for a forged one (see readPepEvent). */
export function readDisplayedEvent(stanza: Element, account: string): DisplayedMark[] | null {
  const event = readPepEvent(stanza, NS.MDS, account);
  return event && readDisplayedMarks(event.items, account);
}
