/** XEP-0490 Message Displayed Synchronization: how far each chat has been displayed on any device of
 * this account, kept in the private PEP (XEP-0163) node `urn:xmpp:mds:displayed:0`. One item per chat:
 * item id = the chat's bare JID, payload = `<displayed/>` holding the XEP-0359 stanza-id our own
 * archive gave the newest displayed message. Built and read here; trust is decided here too (only our
 * own account publishes to our node). */
import { $iq, type Builder } from 'strophe.js';
import { bareJid, isBareJid } from '../model/jid.js';
import { NS } from './ns.js';
import { attr, child, children } from './xml.js';

/** A chat displayed up to the message our archive calls `stanzaId`. */
export interface DisplayedMark {
  /** The chat's bare JID (lower-case, as the store keys chats). */
  chatJid: string;
  stanzaId: string;
}

/** XEP-0490 §4.2 (and §7: a private node): the node is created or checked with these options. */
const PUBLISH_OPTIONS: [string, string][] = [
  ['pubsub#persist_items', 'true'],
  ['pubsub#max_items', 'max'],
  ['pubsub#send_last_published_item', 'never'],
  ['pubsub#access_model', 'whitelist'],
];

/** The feature a server announces on the account when it honours publish-options (XEP-0490 §7 says
 * to check it before publishing, so the node can never be created readable by others). */
export const PUBLISH_OPTIONS_FEATURE = `${NS.PUBSUB}#publish-options`;

/** Publishes "`chatJid` displayed up to `stanzaId`" (`account`: our bare JID, the stanza-id's `by`). */
export function buildDisplayedPublish(mark: DisplayedMark, account: string, iqId: string): Builder {
  const iq = $iq({ type: 'set', id: iqId }).c('pubsub', { xmlns: NS.PUBSUB })
    .c('publish', { node: NS.MDS }).c('item', { id: mark.chatJid })
    .c('displayed', { xmlns: NS.MDS }).c('stanza-id', { xmlns: NS.SID, by: account, id: mark.stanzaId }).up().up()
    .up().up()
    .c('publish-options').c('x', { xmlns: NS.DATA_FORM, type: 'submit' })
    .c('field', { var: 'FORM_TYPE', type: 'hidden' }).c('value').t(`${NS.PUBSUB}#publish-options`).up().up();
  for (const [name, value] of PUBLISH_OPTIONS) iq.c('field', { var: name }).c('value').t(value).up().up();
  return iq;
}

/** Asks for every item of the node (XEP-0490 §4.4: the catch-up after bind and initial presence). */
export function buildDisplayedItemsRequest(iqId: string): Builder {
  return $iq({ type: 'get', id: iqId }).c('pubsub', { xmlns: NS.PUBSUB }).c('items', { node: NS.MDS });
}

/** An account-level disco#info request (whether the server honours publish-options). */
export function buildAccountInfoRequest(account: string, iqId: string): Builder {
  return $iq({ type: 'get', to: account, id: iqId }).c('query', { xmlns: NS.DISCO_INFO });
}

/** Whether an account disco#info result lists this feature. */
export function hasFeature(result: Element, feature: string): boolean {
  return children(child(result, 'query', NS.DISCO_INFO), 'feature').some((f) => attr(f, 'var') === feature);
}

/** The marks in an `<items>` element. Items naming no bare JID (group chats, private messages in them)
 * or a stanza-id not given by our own archive are left out. */
function readItems(items: Element | null, account: string): DisplayedMark[] {
  const marks: DisplayedMark[] = [];
  for (const item of children(items, 'item')) {
    const chatJid = bareJid(attr(item, 'id'));
    if (!isBareJid(chatJid) || attr(item, 'id').includes('/')) continue;
    const stanzaId = children(child(item, 'displayed', NS.MDS), 'stanza-id', NS.SID)
      .find((s) => bareJid(attr(s, 'by')) === account);
    if (stanzaId && attr(stanzaId, 'id')) marks.push({ chatJid, stanzaId: attr(stanzaId, 'id') });
  }
  return marks;
}

/** The marks in the answer to `buildDisplayedItemsRequest` (`account`: our bare JID). */
export function readDisplayedItems(result: Element, account: string): DisplayedMark[] {
  const items = child(child(result, 'pubsub', NS.PUBSUB), 'items');
  return attr(items, 'node') === NS.MDS ? readItems(items, account) : [];
}

/** The marks in a PEP notification (another device of ours displayed a chat), or null when the
 * message is not a notification of our node. Throws for one we must not trust: only our own account
 * publishes to our PEP node, so the notification comes from our bare JID (or, with no `from`, from our
 * server on the account's behalf); anyone else's is forged. */
export function readDisplayedEvent(stanza: Element, account: string): DisplayedMark[] | null {
  const items = child(child(stanza, 'event', NS.PUBSUB_EVENT), 'items');
  if (!items || attr(items, 'node') !== NS.MDS) return null;
  const from = attr(stanza, 'from');
  if (from && from.toLowerCase() !== account) throw new Error(`displayed-state notification from ${from} is not from our own account`);
  return readItems(items, account);
}
