/** Ids we make: stanza ids, origin-ids (XEP-0359) and message ids. */

/** A random id, unique enough for stanza and origin ids (a UUID where the platform has one). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
