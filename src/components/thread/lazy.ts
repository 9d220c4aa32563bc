/** <chat-thread> defined when first needed. The thread (its element, bubbles, composer and
 * @lit-labs/virtualizer) is the heaviest part of the widget and nothing shows it before a chat opens,
 * so the entries do not import it: `import('./define.js')` makes it a chunk of its own, which the
 * script-tag bundle loads from beside itself (dist/chat-widget.thread-<hash>.js, sharing the bundle's
 * one copy of lit and of the core) and a bundler splits off as it does any dynamic import.
 *
 * What loads it, first match:
 * - `loadThread()` (the launcher calls it when it opens a chat; a page may call
 *   `ChatWidget.loadThread()` to have the class, e.g. before `customElements.get('chat-thread')`);
 * - a `<chat-thread>` in the page's document: already in the HTML, or added later (a MutationObserver
 *   on the document, disconnected once the thread is defined). An element created before that
 *   (`document.createElement('chat-thread')`, properties set on it) is upgraded when the definition
 *   arrives, keeping its attributes and properties (lit re-applies properties set before the upgrade).
 *   The observer does not see inside other shadow roots: a page that puts a thread in its own
 *   component's shadow root calls `ChatWidget.loadThread()`.
 */
import type { ChatThread } from './chat-thread.js';

const TAG = 'chat-thread';
let loading: Promise<typeof ChatThread> | undefined;

/** Loads and defines <chat-thread> once; resolves to its class. Rejects (and the next call tries
 * again) when the chunk cannot be fetched, e.g. offline or a file missing beside the script. */
export function loadThread(): Promise<typeof ChatThread> {
  loading ??= import('./define.js').then(
    (m) => m.ChatThread,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const holdsThread = (node: Node): boolean =>
  node instanceof Element && (node.localName === TAG || !!node.querySelector(TAG));

/** Loads <chat-thread> as soon as one is in the document (now or later). Runs when this module is
 * first imported. After a failed load it waits for the next <chat-thread> added, rather than retrying
 * in a loop. */
function loadWhenPresent(checkNow: boolean): void {
  if (typeof document === 'undefined' || customElements.get(TAG)) return;
  const load = () => void loadThread().catch((error: unknown) => {
    console.error('chat-widget: could not load <chat-thread>', error);
    loadWhenPresent(false);
  });
  if (checkNow && document.querySelector(TAG)) return load();
  const observer = new MutationObserver((records) => {
    if (!records.some((r) => Array.from(r.addedNodes).some(holdsThread))) return;
    observer.disconnect();
    load();
  });
  observer.observe(document, { childList: true, subtree: true });
}
loadWhenPresent(true);
