/** XEP-0280 message carbons: copies of what this account sends and receives on its other devices. */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child } from './xml.js';
import { bareJid } from '../model/jid.js';

export function buildEnableCarbons(id: string): Builder {
  return $iq({ type: 'set', id }).c('enable', { xmlns: NS.CARBONS });
}

export interface Carbon {
  direction: 'sent' | 'received';
  message: Element;
}

/**
 * Unwraps a carbon. Returns null when the stanza is not a carbon, and throws when it is one that
 * must be ignored: only our own bare JID may send us carbons (XEP-0280 §11), anything else is forged.
 */
export function unwrapCarbon(stanza: Element, ownBareJid: string): Carbon | null {
  const wrapper = child(stanza, 'sent', NS.CARBONS) ?? child(stanza, 'received', NS.CARBONS);
  if (!wrapper) return null;
  const from = attr(stanza, 'from');
  if (bareJid(from) !== ownBareJid) throw new Error(`carbon from ${from || 'nobody'} is not from our own account`);
  const message = child(child(wrapper, 'forwarded', NS.FORWARD), 'message');
  if (!message) throw new Error('carbon without a forwarded message');
  return { direction: wrapper.localName as Carbon['direction'], message };
}
