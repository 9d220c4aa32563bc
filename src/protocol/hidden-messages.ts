/** Messages deleted for this account only ("delete for me"), kept in the account's private PEP node
 * `urn:xmpp:chat-widget:hidden:0` (XEP-0223; see private-pep.ts), so that every device of the account
 * hides them, also when it reads the archive again. One item per message (publishing one never races
 * another device's), item id `chat/sender/id` (bare JIDs hold no `/`), payload
 * `<hidden xmlns=… chat=… from=… id=… stanza-id=…?/>`. Our own format: no XEP defines one. */
import type { HiddenRef, StoreEvent } from '../model/events.js';
import { bareJid, isBareJid } from '../model/jid.js';
import { readPepEvent, type PepItem } from './private-pep.js';
import { attr } from './xml.js';

export const NS_HIDDEN = 'urn:xmpp:chat-widget:hidden:0';

/** A hidden message with the chat it belongs to. */
export type HiddenMark = HiddenRef & { chatJid: string };

/** The hidden messages a node's items name (malformed items are left out). */
export function readHiddenMarks(items: PepItem[]): HiddenMark[] {
  const marks: HiddenMark[] = [];
  for (const { payload: p } of items) {
    if (p?.namespaceURI !== NS_HIDDEN || p.localName !== 'hidden') continue;
    const chatJid = bareJid(attr(p, 'chat'));
    const fromJid = bareJid(attr(p, 'from'));
    const stanzaId = attr(p, 'stanza-id');
    if (isBareJid(chatJid) && isBareJid(fromJid) && attr(p, 'id')) marks.push({ chatJid, fromJid, msgId: attr(p, 'id'), ...(stanzaId ? { stanzaId } : {}) });
  }
  return marks;
}

/** The store events hiding these messages, one per chat. */
export function hideEvents(marks: HiddenMark[]): StoreEvent[] {
  const byChat = new Map<string, HiddenRef[]>();
  for (const { chatJid, ...ref } of marks) byChat.set(chatJid, [...(byChat.get(chatJid) ?? []), ref]);
  return [...byChat].map(([chatJid, refs]) => ({ kind: 'hide', chatJid, refs }));
}

/** What another device of ours hid (a PEP notification of the node), null for any other message.
 * Throws for a forged one (see readPepEvent). */
export function readHiddenEvent(stanza: Element, account: string): HiddenMark[] | null {
  const event = readPepEvent(stanza, NS_HIDDEN, account);
  return event && readHiddenMarks(event.items);
}
