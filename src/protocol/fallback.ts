/** XEP-0428 fallback indication for XEP-0461 replies: the quote a reply carries for clients without
 * replies, marked by `<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start end/>`.
 * Offsets count Unicode code points (XEP-0426), not UTF-16 units: "😀" is one character. */
import { NS } from './ns.js';
import { attr, children } from './xml.js';

/** The quote of a replied-to message, as Dino, Gajim and Conversations write it: each line of its text
 * (or, for a file without caption, its name) prefixed with "> ", then a newline. */
export function replyQuote(text: string): string {
  return `> ${text.replace(/\n/g, '\n> ')}\n`;
}

/** The body with the reply fallback ranges cut out (the quote is shown as a preview instead); the body
 * as it is when the stanza has no reply fallback (also the legacy `urn:xmpp:feature-fallback:0` of
 * XEP-0461's example). A `<body/>` without offsets marks the whole body. */
export function stripReplyFallback(stanza: Element, body: string): string {
  const ranges: [number, number][] = [];
  for (const ns of [NS.FALLBACK, NS.FALLBACK_LEGACY]) {
    for (const f of children(stanza, 'fallback', ns)) {
      if (attr(f, 'for') !== NS.REPLY) continue;
      for (const b of children(f, 'body')) {
        const start = attr(b, 'start');
        const end = attr(b, 'end');
        ranges.push(start === '' && end === '' ? [0, Infinity] : [Number(start), Number(end)]);
      }
    }
  }
  if (ranges.length === 0) return body;
  const chars = [...body];
  return chars.filter((_, i) => !ranges.some(([s, e]) => i >= s && i < e)).join('');
}

/** Code points of `text` (XEP-0426 character counting). */
export const codePoints = (text: string): number => [...text].length;
