/** Recorded stanzas for unit tests, parsed the way strophe hands them to handlers. */
export function xml(source: string): Element {
  const doc = new DOMParser().parseFromString(source, 'text/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`bad test stanza: ${error.textContent}`);
  return doc.documentElement;
}

export const ALICE = 'alice@localhost';
export const BOB = 'bob@localhost';
