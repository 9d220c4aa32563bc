/** XEP-0223 persistent storage of private data via PubSub: an account's own PEP (XEP-0163) nodes that
 * only the account can read (`access_model` whitelist), whose items persist and are all kept. The
 * building blocks shared by every such node (XEP-0490 displayed state, favourites, messages deleted for
 * me): publishing with publish-options, retracting, purging, reading the items back, and reading the
 * notifications the server sends our other sessions. Trust is decided here: only our own account
 * publishes to our nodes, so a notification from anyone else is refused. */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child, children } from './xml.js';

/** XEP-0223 §4 (and XEP-0490 §7): the node is created, or checked, with these options. */
const PUBLISH_OPTIONS: [string, string][] = [
  ['pubsub#persist_items', 'true'],
  ['pubsub#max_items', 'max'],
  ['pubsub#send_last_published_item', 'never'],
  ['pubsub#access_model', 'whitelist'],
];

/** The feature a server announces on the account when it honours publish-options; checked before
 * publishing so a node can never be created readable by others. */
export const PUBLISH_OPTIONS_FEATURE = `${NS.PUBSUB}#publish-options`;

/** One item of a node: its id and its payload (the item's first child element; null when empty). */
export interface PepItem {
  id: string;
  payload: Element | null;
}

/** Publishes one item (replacing the item with the same id). `payload` adds the item's child to the
 * builder, which is positioned inside `<item>` (and must be left there). */
export function buildPrivatePublish(node: string, itemId: string, payload: (item: Builder) => void, iqId: string): Builder {
  const iq = $iq({ type: 'set', id: iqId }).c('pubsub', { xmlns: NS.PUBSUB }).c('publish', { node }).c('item', { id: itemId });
  payload(iq);
  iq.up().up().c('publish-options').c('x', { xmlns: NS.DATA_FORM, type: 'submit' })
    .c('field', { var: 'FORM_TYPE', type: 'hidden' }).c('value').t(`${NS.PUBSUB}#publish-options`).up().up();
  for (const [name, value] of PUBLISH_OPTIONS) iq.c('field', { var: name }).c('value').t(value).up().up();
  return iq;
}

/** Removes one item; our other sessions are told (XEP-0060 §7.2, `notify`). */
export function buildRetract(node: string, itemId: string, iqId: string): Builder {
  return $iq({ type: 'set', id: iqId }).c('pubsub', { xmlns: NS.PUBSUB })
    .c('retract', { node, notify: 'true' }).c('item', { id: itemId });
}

/** Removes every item of a node (XEP-0060 §8.5, the owner's purge); our other sessions are told. */
export function buildPurge(node: string, iqId: string): Builder {
  return $iq({ type: 'set', id: iqId }).c('pubsub', { xmlns: `${NS.PUBSUB}#owner` }).c('purge', { node });
}

/** Asks for every item of a node. */
export function buildItemsRequest(node: string, iqId: string): Builder {
  return $iq({ type: 'get', id: iqId }).c('pubsub', { xmlns: NS.PUBSUB }).c('items', { node });
}

/** An account-level disco#info request (whether the server honours publish-options). */
export function buildAccountInfoRequest(account: string, iqId: string): Builder {
  return $iq({ type: 'get', to: account, id: iqId }).c('query', { xmlns: NS.DISCO_INFO });
}

/** Whether an account disco#info result lists this feature. */
export function hasFeature(result: Element, feature: string): boolean {
  return children(child(result, 'query', NS.DISCO_INFO), 'feature').some((f) => attr(f, 'var') === feature);
}

function itemsOf(items: Element | null): PepItem[] {
  return children(items, 'item').filter((i) => attr(i, 'id')).map((i) => ({ id: attr(i, 'id'), payload: i.firstElementChild }));
}

/** The items in the answer to `buildItemsRequest` (none when it names another node). */
export function readItemsResult(result: Element, node: string): PepItem[] {
  const items = child(child(result, 'pubsub', NS.PUBSUB), 'items');
  return attr(items, 'node') === node ? itemsOf(items) : [];
}

/** What a notification of one of our nodes says changed. */
export interface PepEvent {
  /** Items published (new or replaced). */
  items: PepItem[];
  /** Ids of items retracted. */
  retracted: string[];
  /** The node was purged: every item is gone. */
  purged: boolean;
}

/** The change a PEP notification of `node` carries, or null when the message is no notification of that
 * node. Throws for one we must not trust: it comes from our bare JID (or, with no `from`, from our
 * server on the account's behalf); anyone else's is forged. */
export function readPepEvent(stanza: Element, node: string, account: string): PepEvent | null {
  const event = child(stanza, 'event', NS.PUBSUB_EVENT);
  const items = child(event, 'items');
  const purge = child(event, 'purge');
  if (attr(items, 'node') !== node && attr(purge, 'node') !== node) return null;
  const from = attr(stanza, 'from');
  if (from && from.toLowerCase() !== account) throw new Error(`notification of ${node} from ${from} is not from our own account`);
  return {
    items: itemsOf(items),
    retracted: children(items, 'retract').map((r) => attr(r, 'id')).filter((id) => id !== ''),
    purged: attr(purge, 'node') === node,
  };
}
