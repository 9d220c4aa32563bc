/** XEP-0428 fallback indication for XEP-0461 replies: the quote a reply carries for clients without
 * replies, marked by `<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start end/>`.
 * Offsets count Unicode code points (XEP-0426), not UTF-16 units: "😀" is one character. */
import { NS } from './ns.js';
import { attr, children } from './xml.js';

/** The quote of a replied-to message, as Dino writes it (libdino/src/service/fallback_body.vala): each line of its text
 * (or, for a file without caption, its name) prefixed with "> ", then a newline. */
export function replyQuote(text: string): string {
  return `> ${text.replace(/\n/g, '\n> ')}\n`;
}

/** The body with the reply fallback ranges cut out (the quote is shown as a preview instead); the body
 * as it is when the stanza has no reply fallback. Also read under `urn:xmpp:feature-fallback:0`, the
 * name in XEP-0461's example, which some Gajim versions sent. A `<body/>` without offsets marks the
 * whole body. */
export function stripReplyFallback(stanza: Element, body: string): string {
  const ranges = [...children(stanza, 'fallback', NS.FALLBACK), ...children(stanza, 'fallback', 'urn:xmpp:feature-fallback:0')].filter((f) => attr(f, 'for') === NS.REPLY)
    .flatMap((f) => children(f, 'body').map((b) => [+attr(b, 'start') || 0, b.hasAttribute('end') ? +attr(b, 'end') : Infinity]));
  return ranges.length ? [...body].filter((_, i) => !ranges.some(([s, e]) => i >= s && i < e)).join('') : body;
}

/** Code points of `text` (XEP-0426 character counting). */
export const codePoints = (text: string): number => [...text].length;
