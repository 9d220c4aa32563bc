/** XEP-0333 chat markers: we mark messages markable and send `displayed` for what the user has seen. */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child } from './xml.js';

export function markable(stanza: Builder): Builder {
  return stanza.c('markable', { xmlns: NS.MARKERS }).up();
}

export function buildDisplayed(to: string, displayedId: string, id: string): Builder {
  return $msg({ to, id, type: 'chat' }).c('displayed', { xmlns: NS.MARKERS, id: displayedId }).up()
    .c('store', { xmlns: NS.HINTS }).up();
}

/** Whether the sender asked for chat markers: only such messages may be marked (XEP-0333). */
export function isMarkable(stanza: Element): boolean {
  return child(stanza, 'markable', NS.MARKERS) !== null;
}

/** The id a `displayed` marker points at (the message and all earlier ones are seen), or null. */
export function readDisplayed(stanza: Element): string | null {
  const displayed = child(stanza, 'displayed', NS.MARKERS);
  return displayed ? attr(displayed, 'id') || null : null;
}
