/** XEP-0424 Message Retraction, the sending half (see retraction.ts; kept apart so that only the code
 * that deletes messages, loaded on first use, carries it). */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { NS_RETRACT } from './retraction.js';

/** The XEP-0428 fallback body clients without retraction show. */
export const RETRACT_FALLBACK = "This person attempted to retract a previous message, but it's unsupported by your client.";

/** A retraction of our message `targetId` (its origin-id), with the fallback body, its XEP-0428
 * marker and a XEP-0334 store hint (so the server archives it for the peer's other devices). */
export function buildRetraction(to: string, targetId: string, id: string): Builder {
  return $msg({ to, type: 'chat', id })
    .c('retract', { xmlns: NS_RETRACT, id: targetId }).up()
    .c('fallback', { xmlns: 'urn:xmpp:fallback:0', for: NS_RETRACT }).up()
    .c('body').t(RETRACT_FALLBACK).up()
    .c('origin-id', { xmlns: NS.SID, id }).up()
    .c('store', { xmlns: NS.HINTS });
}
