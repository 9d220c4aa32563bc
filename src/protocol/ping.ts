/** XEP-0199 XMPP ping: answering the server, and a round trip that proves earlier stanzas were processed. */
import { $iq, type Builder } from 'strophe.js';
import { attr, child } from './xml.js';

export const NS_PING = 'urn:xmpp:ping';

export function buildPing(to: string, id: string): Builder {
  return $iq({ type: 'get', to, id }).c('ping', { xmlns: NS_PING });
}

export function isPing(iq: Element): boolean {
  return attr(iq, 'type') === 'get' && child(iq, 'ping', NS_PING) !== null;
}

/** The reply to an iq get/set: a result for a ping, feature-not-implemented for anything else. */
export function buildIqReply(iq: Element): Builder {
  const to = attr(iq, 'from');
  const id = attr(iq, 'id');
  if (isPing(iq)) return $iq({ type: 'result', id, ...(to ? { to } : {}) });
  return $iq({ type: 'error', id, ...(to ? { to } : {}) })
    .c('error', { type: 'cancel' })
    .c('feature-not-implemented', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' });
}
