/** Publishing to the node of messages hidden for this account (see hidden-messages.ts; kept apart so
 * that only the code that deletes messages, loaded on first use, carries it). */
import type { Builder } from 'strophe.js';
import { NS_HIDDEN, type HiddenMark } from './hidden-messages.js';

export const hiddenItemId = (m: HiddenMark) => `${m.chatJid}/${m.fromJid}/${m.msgId}`;

/** The item payload for one hidden message. */
export function hiddenPayload(m: HiddenMark): (item: Builder) => void {
  return (item) => item.c('hidden', { xmlns: NS_HIDDEN, chat: m.chatJid, from: m.fromJid, id: m.msgId, ...(m.stanzaId ? { 'stanza-id': m.stanzaId } : {}) }).up();
}

