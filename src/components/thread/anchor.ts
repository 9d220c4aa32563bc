/** Keeping the reader's place while older messages go in front: the first message on screen and its
 * offset are remembered before, and the view is scrolled back to them once the new layout is done. */
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Item } from './bubble.js';

/** Where the virtualizer holds the view while items are measured: the latest message (`end`), the
 * message that was on top before older ones were prepended (`start`), a message jumped to (`center`).
 * User scrolling releases it (`set(null)`). */
export class Pin {
  current: { index: number; block: 'start' | 'center' | 'end' } | null = null;
  /** The virtualizer's `layout`: a new object only when the pin changed. */
  layout: { pin: Pin['current'] } = { pin: null };

  set(pin: Pin['current']): void {
    if (pin?.index === this.current?.index && pin?.block === this.current?.block) return;
    this.current = pin;
    this.layout = { pin };
  }
}

export interface Anchor {
  key: string;
  /** Pixels from the top of the scroller. */
  offset: number;
}

/** The first message at or after the first visible item, and where it sits. */
export function captureAnchor(scroller: LitVirtualizer<Item> | undefined, items: readonly Item[], firstVisible: number): Anchor | null {
  // A message, not a day separator: separators are re-keyed when older messages of the same day arrive.
  const item = items.slice(Math.max(firstVisible, 0)).find((i) => i.kind === 'msg');
  if (!scroller || !item) return null;
  const el = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(item.key)}"]`);
  if (!el) return null;
  return { key: item.key, offset: el.getBoundingClientRect().top - scroller.getBoundingClientRect().top };
}

/** After the layout settled: scrolls so the anchor is back at its offset. */
export async function restoreAnchor(scroller: LitVirtualizer<Item> | undefined, anchor: Anchor): Promise<void> {
  if (!scroller) return;
  try {
    await scroller.layoutComplete;
  } catch {
    return;
  }
  if (!scroller.isConnected) return;
  const el = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
  if (el) scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
}

/** Whether the scroller rests at its end with the newest item (by key) rendered inside the view. */
export function settledOnNewest(scroller: HTMLElement, newestKey: string): boolean {
  const last = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(newestKey)}"]`);
  const view = scroller.getBoundingClientRect();
  const lastInView = !!last && view.height > 0 && last.getBoundingClientRect().bottom <= view.bottom + 1;
  return lastInView && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;
}
