/** A long press on a touch screen (a finger resting, not drifting into a scroll) as a way to open a
 * menu: the message menu of a bubble, the menu of a chat's row. The click that ends the press is
 * swallowed, so the press does not also open what it rests on. */

/** How long a finger rests before the menu opens (ms). */
export const LONG_PRESS_MS = 500;
/** How far (px) a finger may drift during a long press: farther is a scroll. */
const SLOP = 10;

/** Where a menu opens: a point in the viewport. */
export interface Point { x: number; y: number }

export class LongPress {
  private press: { timer: ReturnType<typeof setTimeout>; x: number; y: number } | undefined;
  /** A long press opened the menu: the click that ends it is not a click on what was pressed. */
  private swallowClick = false;
  /** The listeners to add to the root the targets are in (click in the capture phase). */
  readonly listeners: [string, EventListener, boolean][] = [
    ['pointerdown', (e) => this.onPointerDown(e as PointerEvent), false],
    ['pointermove', (e) => this.onPointerMove(e as PointerEvent), false],
    ['pointerup', () => this.cancel(), false],
    ['pointercancel', () => this.cancel(), false],
  ];

  /** `targetOf` finds what an event happened in (a row), `fire` opens its menu at the finger. */
  constructor(private readonly targetOf: (event: Event) => HTMLElement | undefined,
    private readonly fire: (target: HTMLElement, at: Point) => void) {}

  /** Whether `event`, a click, ends a long press (then it is stopped here). */
  swallow(event: MouseEvent): boolean {
    if (!this.swallowClick) return false;
    this.swallowClick = false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  cancel(): void {
    if (this.press) clearTimeout(this.press.timer);
    this.press = undefined;
  }

  private onPointerDown(event: PointerEvent): void {
    this.swallowClick = false;
    this.cancel();
    if (event.pointerType === 'mouse' || !event.isPrimary) return;
    const target = this.targetOf(event);
    if (!target) return;
    const at = { x: event.clientX, y: event.clientY };
    this.press = {
      ...at,
      timer: setTimeout(() => {
        this.press = undefined;
        this.swallowClick = true;
        this.fire(target, at);
      }, LONG_PRESS_MS),
    };
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.press && Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y) > SLOP) this.cancel();
  }
}

/** The keys that open a focused item's menu: the ContextMenu key, Shift+F10. */
export function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}
