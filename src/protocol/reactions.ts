/** XEP-0444 Message Reactions: `<reactions id="…" xmlns="urn:xmpp:reactions:0">` holds the sender's
 * whole current set of emoji for one message (each `<reaction>` one emoji; an empty element removes
 * them all). In a 1:1 chat `id` names the message by its `id` attribute (XEP-0444 §4: the origin-id
 * where the sender gave one, which our messages and those of current clients make the same). Who may
 * react to which message is decided where the message is known (the store). */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child, children, textOf } from './xml.js';

export const REACTIONS_NS = 'urn:xmpp:reactions:0';

/** At most this many emoji in one set; more are dropped (what arrives) or refused (what we send). */
export const MAX_REACTIONS = 20;

/** The reactions a message carries: the id of the message reacted to and the sender's set (trimmed,
 * without duplicates or empty or overlong ones, at most MAX_REACTIONS); null when it carries none. */
export function readReactions(stanza: Element): { id: string; emojis: string[] } | null {
  const el = child(stanza, 'reactions', REACTIONS_NS);
  const id = attr(el, 'id');
  if (!el || !id) return null;
  // Bounded here; whether each is an emoji is the sender's business (XEP-0444 §5), shown as text.
  const emojis = [...new Set(children(el, 'reaction', REACTIONS_NS).map((r) => textOf(r).trim()))].filter((r) => r && r.length <= 32);
  return { id, emojis: emojis.slice(0, MAX_REACTIONS) };
}

/** This account's whole set of reactions to message `targetId` (empty: none any more). Stored in the
 * archive (a store hint, as there is no body) so other devices and a later history see it. */
export function buildReactions(to: string, id: string, targetId: string, emojis: readonly string[]): Builder {
  const stanza = $msg({ to, type: 'chat', id }).c('reactions', { xmlns: REACTIONS_NS, id: targetId });
  for (const e of emojis) stanza.c('reaction').t(e).up();
  return stanza.up()
    .c('origin-id', { xmlns: NS.SID, id }).up()
    .c('store', { xmlns: NS.HINTS }).up();
}
