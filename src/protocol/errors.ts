/** RFC 6120 §8.3 stanza errors: the defined condition and the optional human-readable text. */
import { NS } from './ns.js';
import { child, textOf } from './xml.js';

export interface StanzaError {
  condition: string;
  text: string;
}

export function readStanzaError(stanza: Element): StanzaError {
  const error = child(stanza, 'error');
  let condition = '';
  for (let node = error?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === NS.STANZAS && (node as Element).localName !== 'text') {
      condition = (node as Element).localName;
      break;
    }
  }
  return { condition, text: textOf(child(error, 'text', NS.STANZAS)) };
}
