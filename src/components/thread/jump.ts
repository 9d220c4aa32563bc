/** Going to a message of the open thread (a reply's original, a favourite): older history is loaded,
 * page by page with the thread's own older-page loading, until the message is in the window (at most
 * MAX_PAGES pages); it is then scrolled to the middle of the view and highlighted for a moment (a
 * plain outline, without the fade, for a reader who asked for reduced motion). */
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Item } from './bubble.js';

/** Pages of older history read at most while looking for a message. */
export const MAX_PAGES = 20;
/** How long the highlight stays (ms). */
export const HIGHLIGHT_MS = 1600;

/** What jumping needs of the thread. */
export interface JumpView {
  items(): readonly Item[];
  /** Loads one older page; resolves once it is rendered (or there was nothing more). */
  loadOlder(): Promise<void>;
  /** No older history left (or none reachable now). */
  exhausted(): boolean;
  /** Holds the item at `index` in the middle of the view. */
  centre(index: number): void;
  /** Marks the message with `msgId` highlighted (undefined: none). */
  highlight(msgId: string | undefined): void;
  scroller(): LitVirtualizer<Item> | undefined;
}

const indexOf = (items: readonly Item[], msgId: string) => {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind === 'msg' && item.message.msgId === msgId) return i;
  }
  return -1;
};

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Scrolls to the message with `msgId` and highlights it; resolves to false when it could not be found
 * within MAX_PAGES older pages (or the history ended first). */
export async function jumpTo(view: JumpView, msgId: string): Promise<boolean> {
  let index = indexOf(view.items(), msgId);
  for (let page = 0; index < 0 && page < MAX_PAGES && !view.exhausted(); page++) {
    const before = view.items().length;
    await view.loadOlder();
    index = indexOf(view.items(), msgId);
    // Nothing came (offline, an error): stop rather than ask again and again.
    if (index < 0 && view.items().length === before) break;
  }
  if (index < 0) return false;
  const scroller = view.scroller();
  if (!scroller) return false;
  const key = view.items()[index].key;
  view.centre(index);
  await frame();
  // (layoutComplete waits for a layout to finish; when nothing moved there may be none to wait for.)
  await Promise.race([scroller.layoutComplete?.catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
  const row = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  row?.scrollIntoView({ block: 'center' });
  view.highlight(msgId);
  setTimeout(() => view.highlight(undefined), HIGHLIGHT_MS);
  return true;
}
