/** What counts as one emoji (XEP-0444 §5: each reaction is one emoji), the same for the API that sends
 * reactions and the menu that offers them. */
let rgi: RegExp | null | undefined;

/** One emoji grapheme (XEP-0444 §5: each reaction is one emoji): `\p{RGI_Emoji}` where the browser knows
 * it, else one grapheme with a pictograph, a flag or a keycap in it. */
export function isEmoji(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0 || text.length > 32) return false;
  if (rgi === undefined) {
    try {
      rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    } catch {
      rgi = null;
    }
  }
  if (rgi) return rgi.test(text);
  const one = typeof Intl.Segmenter !== 'function' || [...new Intl.Segmenter().segment(text)].length === 1;
  return one && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text);
}
