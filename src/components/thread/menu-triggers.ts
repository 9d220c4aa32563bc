/** How a message's menu is reached: the button shown on a bubble under the mouse, a right-click, a
 * long press on a touch screen (no text selection or callout), and the keyboard. Messages take focus:
 * one is in the tab order (the last one focused, else the newest: a roving tabindex the bubbles
 * render, so the virtualizer may recycle rows freely); on a focused message Up and Down move to the
 * previous and next, Home and End to the first and last loaded, and Enter, the ContextMenu key or
 * Shift+F10 open its menu. Listens on the thread's shadow root, so the bubbles carry no handlers. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { ChatMessage } from '../../model/types.js';
import type { Item } from './bubble.js';
import { isMenuKey, LongPress, type Point } from '../shared/long-press.js';

export { LONG_PRESS_MS, type Point } from '../shared/long-press.js';

export interface TriggerOptions {
  items(): readonly Item[];
  scroller(): LitVirtualizer<Item> | undefined;
  /** Opens the menu of the message in row `key` at `at`. */
  open(key: string, message: ChatMessage, at: Point): void;
}

/** The rendered row of message `key` in `root`, if it is rendered. */
export function rowFor(root: ParentNode | null | undefined, key: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`.row[data-key="${CSS.escape(key)}"]`) ?? null;
}

export class MenuTriggers implements ReactiveController {
  /** The message row in the tab order; undefined: the newest. */
  private focused: string | undefined;
  /** A long press on a bubble; the click that ends it is not a click on the bubble (a picture). */
  private readonly longPress = new LongPress((e) => this.rowOf(e), (row, at) => this.openRow(row, at));
  private readonly listeners: [string, EventListener, boolean][] = [
    ['contextmenu', (e) => this.onContextMenu(e as MouseEvent), false],
    ...this.longPress.listeners,
    ['click', (e) => this.onClick(e as MouseEvent), true],
    ['keydown', (e) => this.onKeydown(e as KeyboardEvent), false],
    ['focusin', (e) => this.onFocusIn(e), false],
  ];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: TriggerOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const [type, listener, capture] of this.listeners) this.host.shadowRoot?.addEventListener(type, listener, capture);
  }

  hostDisconnected(): void {
    for (const [type, listener, capture] of this.listeners) this.host.shadowRoot?.removeEventListener(type, listener, capture);
    this.longPress.cancel();
  }

  /** The key of the message row that takes Tab among `items`. */
  tabStop(items: readonly Item[]): string | undefined {
    return this.focused && items.some((i) => i.key === this.focused) ? this.focused : items.at(-1)?.key;
  }

  /** Focuses message `key`; when the virtualizer has not rendered it, scrolls towards it a screen a
   * frame until it is (a scroll as the reader's: the thread stops holding the newest message). */
  async focus(key: string): Promise<void> {
    const scroller = this.options.scroller();
    let row = rowFor(scroller, key);
    const indexOf = (k: string | undefined) => this.options.items().findIndex((i) => i.key === k);
    for (let frame = 0; frame < 100 && scroller && !row; frame++) {
      const shown = scroller.querySelector<HTMLElement>('.row[data-key]')?.dataset.key;
      scroller.scrollTop += (indexOf(key) < indexOf(shown) ? -0.8 : 0.8) * scroller.clientHeight;
      await new Promise((r) => requestAnimationFrame(r));
      row = rowFor(scroller, key);
    }
    row?.focus();
  }

  /** The row of a message an event happened in (not a day separator, not outside the list). */
  private rowOf(event: Event): HTMLElement | undefined {
    for (const node of event.composedPath()) {
      if (node === this.host) return undefined;
      if (node instanceof HTMLElement && node.classList.contains('row') && node.dataset.key) return node;
    }
    return undefined;
  }

  private openRow(row: HTMLElement, at?: Point): void {
    const key = row.dataset.key!;
    const item = this.options.items().find((i) => i.key === key);
    if (item?.kind !== 'msg') return;
    // Without a point (keyboard, the bubble's button): under the bubble.
    const box = (row.querySelector('.bubble') ?? row).getBoundingClientRect();
    this.options.open(key, item.message, at ?? { x: box.left, y: box.bottom + 4 });
  }

  private onContextMenu(event: MouseEvent): void {
    const row = this.rowOf(event);
    // Text the reader selected keeps the browser's own menu (to copy part of a message).
    if (!row || String(document.getSelection() ?? '').trim()) return;
    event.preventDefault();
    // A keyboard's menu key reports no pointer position.
    this.openRow(row, event.clientX || event.clientY ? { x: event.clientX, y: event.clientY } : undefined);
  }

  private onClick(event: MouseEvent): void {
    if (this.longPress.swallow(event)) return;
    const button = (event.composedPath()[0] as HTMLElement).closest?.('.menu-button');
    const row = button && this.rowOf(event);
    if (!row) return;
    const box = button.getBoundingClientRect();
    this.openRow(row, { x: box.left, y: box.bottom + 4 });
  }

  private onKeydown(event: KeyboardEvent): void {
    const row = event.composedPath()[0] as HTMLElement;
    if (!row.classList?.contains('row') || !row.dataset.key) return;
    const key = event.key;
    if (key === 'Enter' || isMenuKey(event)) {
      event.preventDefault();
      this.openRow(row);
      return;
    }
    const keys = this.options.items().filter((i) => i.kind === 'msg').map((i) => i.key);
    const at = keys.indexOf(row.dataset.key);
    const to = key === 'ArrowUp' ? at - 1 : key === 'ArrowDown' ? at + 1 : key === 'Home' ? 0 : key === 'End' ? keys.length - 1 : -2;
    if (to === -2) return;
    event.preventDefault();
    if (to >= 0 && to < keys.length && to !== at) void this.focus(keys[to]);
  }

  private onFocusIn(event: Event): void {
    const row = event.composedPath()[0] as HTMLElement;
    const key = row.classList?.contains('row') ? row.dataset.key : undefined;
    if (key && key !== this.focused) {
      this.focused = key;
      this.host.requestUpdate();
    }
  }
}
