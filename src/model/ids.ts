/** Ids we make: stanza ids, origin-ids (XEP-0359) and message ids. */

/** A random id, unique enough for stanza and origin ids (a UUID where the platform has one). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A starred message's id in the favourites (and its item id in the private PEP node): the chat's bare
 * JID (which holds no space) and the message id with `%` and white space URI-encoded (XML attributes do
 * not keep line breaks and tabs), joined by a space. */
export const favouriteId = (chatJid: string, msgId: string): string => `${chatJid} ${msgId.replace(/[%\s]/g, encodeURIComponent)}`;
