/** XEP-0424 Message Retraction (0.4: `urn:xmpp:message-retract:1`). A 1:1 retraction names the
 * original by its XEP-0359 origin-id (our messages' `id` equals it; Conversations, Gajim, Dino and
 * converse.js send the same). Read also in the older 0.2/0.3 shape some clients still send: XEP-0422
 * `<apply-to xmlns='urn:xmpp:fasten:0' id=…><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>`.
 * Whether the sender may retract the message is decided where the original is known (the store).
 * Building one is in retraction-send.ts, loaded only by the code that deletes (the bundle budget). */
import { attr, child } from './xml.js';

export const NS_RETRACT = 'urn:xmpp:message-retract:1';

/** The id of the message this stanza retracts, or null when it retracts none. */
export function readRetractId(stanza: Element): string | null {
  const applyTo = child(stanza, 'apply-to', 'urn:xmpp:fasten:0');
  return attr(child(stanza, 'retract', NS_RETRACT), 'id')
    || (child(applyTo, 'retract', 'urn:xmpp:message-retract:0') ? attr(applyTo, 'id') : '') || null;
}
