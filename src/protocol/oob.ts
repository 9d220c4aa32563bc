/** XEP-0066 Out of Band Data: the `<x xmlns="jabber:x:oob"><url/></x>` that Conversations, Dino, Gajim,
 * profanity and converse.js put beside a body holding the same URL, which is how they mark "this
 * message is a file". */
import type { Builder } from 'strophe.js';
import { NS } from './ns.js';
import { child, textOf } from './xml.js';

export function addOob(stanza: Builder, url: string, desc?: string): Builder {
  stanza.c('x', { xmlns: NS.OOB }).c('url').t(url).up();
  if (desc) stanza.c('desc').t(desc).up();
  return stanza.up();
}

/** The OOB URL of a message, trimmed, or undefined. */
export function readOobUrl(stanza: Element): string | undefined {
  const url = textOf(child(child(stanza, 'x', NS.OOB), 'url')).trim();
  return url || undefined;
}
