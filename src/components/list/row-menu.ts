/** How a chat row's menu (shared/chat-menu.ts) is reached in <chat-list>: the ⋯ button shown on a row
 * under the mouse or holding the focus, a right-click, a long press on a touch screen, and on a focused
 * row the ContextMenu key or Shift+F10. Listens on the list's shadow root, so rows carry no handlers. */
import type { ReactiveController } from 'lit';
import { ChatMenu, type ChatMenuHost, type ChatMenuOptions } from '../shared/chat-menu.js';
import { isMenuKey, LongPress, type Point } from '../shared/long-press.js';

export class RowMenu extends ChatMenu implements ReactiveController {
  private readonly longPress = new LongPress((e) => this.rowOf(e), (row, at) => this.openRow(row, at));
  private readonly listeners: [string, EventListener, boolean][] = [
    ['contextmenu', (e) => this.onContextMenu(e as MouseEvent), false],
    ...this.longPress.listeners,
    ['click', (e) => this.longPress.swallow(e as MouseEvent), true],
    ['keydown', (e) => this.onRowKeydown(e as KeyboardEvent), false],
  ];

  constructor(private readonly list: ChatMenuHost, options: ChatMenuOptions) {
    super(list, options);
  }

  hostConnected(): void {
    for (const [type, listener, capture] of this.listeners) this.list.shadowRoot?.addEventListener(type, listener, capture);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    for (const [type, listener, capture] of this.listeners) this.list.shadowRoot?.removeEventListener(type, listener, capture);
    this.longPress.cancel();
  }

  /** The chat row (its main button) an event happened in. */
  private rowOf(event: Event): HTMLElement | undefined {
    for (const node of event.composedPath()) {
      if (node === this.list) return undefined;
      if (node instanceof HTMLElement && node.tagName === 'LI' && node.dataset.jid) return node.querySelector<HTMLElement>('.row') ?? undefined;
    }
    return undefined;
  }

  private openRow(row: HTMLElement, at?: Point): void {
    // Without a point (the keyboard): under the row's name.
    const box = row.getBoundingClientRect();
    const rtl = getComputedStyle(this.list).direction === 'rtl';
    this.show(row.dataset.jid!, at ?? { x: rtl ? box.right - 200 - 56 : box.left + 56, y: box.bottom - 4 }, row);
  }

  private onContextMenu(event: MouseEvent): void {
    const row = this.rowOf(event);
    if (!row || this.actions(row.dataset.jid!).length === 0) return;
    event.preventDefault();
    // A keyboard's menu key reports no pointer position.
    this.openRow(row, event.clientX || event.clientY ? { x: event.clientX, y: event.clientY } : undefined);
  }

  private onRowKeydown(event: KeyboardEvent): void {
    const row = event.composedPath()[0] as HTMLElement;
    if (!row.classList?.contains('row') || !isMenuKey(event)) return;
    event.preventDefault();
    this.openRow(row);
  }
}
