/** Small helpers to read stanzas. Only namespace-aware DOM Level 2 calls, so they also work on xmldom. */

/** The first direct child with this local name (and namespace, when given). */
export function child(parent: Element | null | undefined, name: string, ns?: string): Element | null {
  if (!parent) return null;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if ((el.localName ?? el.nodeName) === name && (ns === undefined || el.namespaceURI === ns)) return el;
  }
  return null;
}

export function children(parent: Element | null | undefined, name: string, ns?: string): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if ((el.localName ?? el.nodeName) === name && (ns === undefined || el.namespaceURI === ns)) out.push(el);
  }
  return out;
}

/** The first direct child in this namespace, whatever its name (chat states, markers). */
export function childInNs(parent: Element | null | undefined, ns: string): Element | null {
  if (!parent) return null;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns) return node as Element;
  }
  return null;
}

export function textOf(el: Element | null | undefined): string {
  return el?.textContent ?? '';
}

export function attr(el: Element | null | undefined, name: string): string {
  return el?.getAttribute(name) ?? '';
}

/** Parses an XEP-0082 timestamp; undefined when absent or malformed. */
export function parseStamp(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
