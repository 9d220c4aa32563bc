/** The one place de-duplication and lookup keys are built.
 *
 * A message is the same message when it shares a de-duplication key with a stored one:
 * - our own archive's stanza-id (XEP-0359, `by` our account): unique;
 * - the sender's origin-id (XEP-0359): unique per sender;
 * - a plain `id` attribute only together with the same sender and the same content: clients reuse ids
 *   across sessions (counters that restart), so an `id` alone says nothing.
 *
 * Lookups by id (a receipt, a marker, a correction, the API's `msgId`) use a separate key that the
 * newest message with that id from that sender holds. */
import type { NewMessage } from '../model/types.js';

const clean = (id: string) => id.replace(/[\t\n]/g, ' ');

/** Key of a message by our archive's id for it. */
export const archiveKey = (stanzaId: string) => `s:${clean(stanzaId)}`;

/** Key of a message by its sender's origin-id. */
export const originKey = (fromJid: string, originId: string) => `o:${fromJid}:${clean(originId)}`;

/** Key of a message by a plain id attribute and what it says. */
export const contentKey = (fromJid: string, id: string, content: string) => `c:${fromJid}:${clean(id)}:${hash(content)}`;

/** Lookup key (not for de-duplication): the newest message `fromJid` sent with this id. */
export const idKey = (fromJid: string, msgId: string) => `i:${fromJid}:${clean(msgId)}`;

type Keyed = Pick<NewMessage, 'fromJid' | 'msgId' | 'body'> & Partial<Pick<NewMessage, 'stanzaId' | 'originId' | 'media'>>;

/** Every de-duplication key a message is known by. */
export function dedupKeys(m: Keyed): string[] {
  const keys: string[] = [];
  if (m.stanzaId) keys.push(archiveKey(m.stanzaId));
  if (m.originId) keys.push(originKey(m.fromJid, m.originId));
  else if (m.msgId) keys.push(contentKey(m.fromJid, m.msgId, `${m.body}\n${m.media?.url ?? ''}`));
  return keys;
}

/** FNV-1a, 32 bits, base 36: short and stable; a collision needs the same sender and id as well. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
