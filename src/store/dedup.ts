/** The one place de-duplication keys are built: a message is the same message when it shares any of
 * these keys with a stored one. Our own archive's stanza-id (XEP-0359, `by` our account) is unique;
 * the sender's origin-id / id is unique per sender. */

const clean = (id: string) => id.replace(/[\t\n]/g, ' ');

/** Key of a message by our archive's id for it. */
export const archiveKey = (stanzaId: string) => `s:${clean(stanzaId)}`;

/** Key of a message by the id its sender gave it. */
export const senderKey = (fromJid: string, msgId: string) => `o:${fromJid}:${clean(msgId)}`;

/** Every key a message is known by. */
export function dedupKeys(m: { stanzaId?: string; fromJid: string; msgId: string }): string[] {
  const keys: string[] = [];
  if (m.stanzaId) keys.push(archiveKey(m.stanzaId));
  if (m.msgId) keys.push(senderKey(m.fromJid, m.msgId));
  return keys;
}
