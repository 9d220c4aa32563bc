/** An element defined when first needed: its code is a chunk of its own (`import('./define.js')`), which
 * the script-tag bundle loads from beside itself (sharing the bundle's one copy of lit and of the core)
 * and a bundler splits off as it does any dynamic import.
 *
 * What loads it, first match:
 * - the returned function (the launcher calls it when its panel opens; a page may call it, e.g.
 *   `ChatWidget.loadThread()`, to have the class before `customElements.get(tag)`);
 * - such an element in the page's document: already in the HTML, or added later (a MutationObserver on
 *   the document, disconnected once the element is defined). An element created before that
 *   (`document.createElement(tag)`, properties set on it) is upgraded when the definition arrives,
 *   keeping its attributes and properties (lit re-applies properties set before the upgrade). The
 *   observer does not see inside other shadow roots: a page that puts one in its own component's shadow
 *   root calls the loader.
 *
 * The loader rejects (and the next call tries again) when the chunk cannot be fetched, e.g. offline or
 * a file missing beside the script; after a failed load the observer waits for the next such element
 * added, rather than retrying in a loop. */
export function lazyElement<T>(tag: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  const loader = (): Promise<T> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const holds = (node: Node): boolean => node instanceof Element && (node.localName === tag || !!node.querySelector(tag));
  const loadWhenPresent = (checkNow: boolean): void => {
    if (typeof document === 'undefined' || customElements.get(tag)) return;
    const start = () => void loader().catch((error: unknown) => {
      console.error(`chat-widget: could not load <${tag}>`, error);
      loadWhenPresent(false);
    });
    if (checkNow && document.querySelector(tag)) return start();
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => Array.from(r.addedNodes).some(holds))) return;
      observer.disconnect();
      start();
    });
    observer.observe(document, { childList: true, subtree: true });
  };
  loadWhenPresent(true);
  return loader;
}
