/** What the popup menus share (the thread's message menu, a chat's menu): their place inside their
 * element, their keys, and the confirmation dialog that opens in their place. */

/** Opens `dialog`, a confirmation, as a modal with the focus on its Cancel button (unless it is open). */
export function openConfirm(dialog: HTMLDialogElement | null | undefined): void {
  if (!dialog || dialog.open) return;
  dialog.showModal();
  dialog.querySelector<HTMLElement>('.cancel')?.focus();
}

/** Places `menu` (absolute) inside `host` at `at` (host coordinates), kept 8px from its edges and
 * above the point when there is no room below, and focuses the first of its `items`. */
export function placeMenu(host: HTMLElement, menu: HTMLElement, at: { x: number; y: number }, items: string): void {
  const { width, height } = host.getBoundingClientRect();
  const size = menu.getBoundingClientRect();
  const { x, y } = at;
  menu.style.left = `${Math.max(8, Math.min(x, width - size.width - 8))}px`;
  menu.style.top = `${y + size.height > height - 8 ? Math.max(8, y - size.height) : y}px`;
  menu.querySelector<HTMLElement>(items)?.focus({ preventScroll: true });
}

/** Moves the focus among a menu's `items` for the arrows (the inline ones following the direction),
 * Home and End; returns whether `event` was one of those keys (then it is handled). */
export function moveInMenu(event: KeyboardEvent, items: HTMLElement[], rtl: boolean): boolean {
  const at = items.indexOf(event.composedPath()[0] as HTMLElement);
  const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, [rtl ? 'ArrowLeft' : 'ArrowRight']: 1, [rtl ? 'ArrowRight' : 'ArrowLeft']: -1 };
  const to = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : step[event.key] === undefined ? -1 : (at + step[event.key] + items.length) % items.length;
  if (to < 0) return false;
  event.preventDefault();
  items[to]?.focus();
  return true;
}
