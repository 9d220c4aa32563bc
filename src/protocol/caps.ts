/** XEP-0115 entity capabilities and the XEP-0030 disco#info answer behind them: what this client can
 * do, announced in its presence. The server reads it to decide which PEP notifications to send us
 * (XEP-0163: a `<node>+notify` feature subscribes this resource to that node of every account it may
 * read, our own included). */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child } from './xml.js';

export interface Capabilities {
  /** A URI naming this software (XEP-0115 `node`). */
  node: string;
  identity: { category: string; type: string; name: string };
  /** Sorted, without repeats. */
  features: string[];
  /** The XEP-0115 §5.1 verification string of the identity and features; undefined where Web Crypto
   * is missing (a page served over plain http): presence then goes without caps, and the server sends
   * no notifications. */
  ver?: string;
}

/** Capabilities with their verification string: SHA-1 over the sorted identity and features, base64. */
export async function capabilities(node: string, identity: Capabilities['identity'], features: string[]): Promise<Capabilities> {
  const sorted = [...new Set(features)].sort();
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { node, identity, features: sorted };
  const text = `${identity.category}/${identity.type}//${identity.name}<${sorted.map((f) => `${f}<`).join('')}`;
  const digest = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(text)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return { node, identity, features: sorted, ver: btoa(binary) };
}

/** Adds the `<c/>` element to a presence (nothing without a verification string). */
export function addCaps(presence: Builder, caps: Capabilities): Builder {
  return caps.ver ? presence.c('c', { xmlns: NS.CAPS, hash: 'sha-1', node: caps.node, ver: caps.ver }).up() : presence;
}

/** Whether an iq asks what this client can do. */
export function isDiscoInfoGet(iq: Element): boolean {
  return attr(iq, 'type') === 'get' && child(iq, 'query', NS.DISCO_INFO) !== null;
}

/** The answer to a disco#info request: our identity and features, for no node or for `node#ver`
 * (the node caps point to); item-not-found for any other node. */
export function buildDiscoInfoReply(iq: Element, caps: Capabilities): Builder {
  const to = attr(iq, 'from');
  const id = attr(iq, 'id');
  const node = attr(child(iq, 'query', NS.DISCO_INFO), 'node');
  if (node && (!caps.ver || node !== `${caps.node}#${caps.ver}`)) {
    return $iq({ type: 'error', id, ...(to ? { to } : {}) })
      .c('error', { type: 'cancel' }).c('item-not-found', { xmlns: NS.STANZAS });
  }
  const reply = $iq({ type: 'result', id, ...(to ? { to } : {}) }).c('query', { xmlns: NS.DISCO_INFO, ...(node ? { node } : {}) })
    .c('identity', caps.identity).up();
  for (const feature of caps.features) reply.c('feature', { var: feature }).up();
  return reply;
}
