/** XEP-0308 Last Message Correction: `<replace id="…"/>` names the message whose text this one replaces
 * (in a 1:1 chat, the original's `id` attribute). Whether the sender may correct it is decided where
 * the original is known (the store: only a message from the same sender). */
import { NS } from './ns.js';
import { attr, child } from './xml.js';

/** The id of the message a correction replaces, or null when the stanza is not a correction. */
export function readReplaceId(stanza: Element): string | null {
  return attr(child(stanza, 'replace', NS.CORRECT), 'id') || null;
}
