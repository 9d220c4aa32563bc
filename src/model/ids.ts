/** Ids we make: stanza ids, origin-ids (XEP-0359) and message ids. */

/** A random id, unique enough for stanza and origin ids (a UUID where the platform has one). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A starred message's id in the favourites (and its item id in the private PEP node): the chat's bare
 * JID (which holds no space) and the message id URI-encoded (no spaces or control characters that XML
 * attributes would not keep), joined by a space. */
export function favouriteId(chatJid: string, msgId: string): string {
  try {
    return `${chatJid} ${encodeURIComponent(msgId)}`;
  } catch {
    return `${chatJid} ${msgId.replace(/[^\w-]/g, (c) => `%u${c.charCodeAt(0).toString(16)}`)}`;
  }
}
