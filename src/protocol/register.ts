/** XEP-0077 in-band registration: the form request and the submission. */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { child } from './xml.js';

export function buildRegistration(username: string, password: string, id: string): Builder {
  return $iq({ type: 'set', id }).c('query', { xmlns: NS.REGISTER })
    .c('username').t(username).up()
    .c('password').t(password);
}

/** True when the stream features offer in-band registration. */
export function offersRegistration(features: Element): boolean {
  return child(features, 'register', 'http://jabber.org/features/iq-register') !== null;
}
