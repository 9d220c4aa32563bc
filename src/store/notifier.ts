/** Tells subscribers what changed. A change after a quiet spell is delivered at once (a microtask
 * later), so a lone live message renders without waiting; changes that follow within a frame are
 * coalesced and delivered once per frame, so a burst costs one render per frame, not one per message. */
import type { StoreChange } from '../model/events.js';

export type Scheduler = (callback: () => void) => void;

/** A frame when the page paints; a timer when it does not (hidden tab, worker, Node). */
export const frameScheduler: Scheduler = (callback) => {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      callback();
    }
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

/** How long after a delivery further changes wait for the next frame instead of going out at once. */
const QUIET_MS = 16;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export type ChangePart = Partial<Omit<StoreChange, 'chats'>> & { chat?: string };

export class ChangeNotifier {
  private readonly subscribers = new Set<(change: StoreChange) => void>();
  private change: StoreChange | null = null;
  private lastDelivery = -Infinity;

  constructor(private readonly scheduleFrame: Scheduler = frameScheduler) {}

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  note(part: ChangePart): void {
    const first = !this.change;
    const change = (this.change ??= { chats: new Set(), recent: false, typing: false, connection: false });
    if (part.chat) change.chats.add(part.chat);
    if (part.recent) change.recent = true;
    if (part.typing) change.typing = true;
    if (part.connection) change.connection = true;
    if (part.reset) change.reset = true;
    if (part.favourites) change.favourites = true;
    if (!first) return;
    if (now() - this.lastDelivery >= QUIET_MS) queueMicrotask(this.deliver);
    else this.scheduleFrame(this.deliver);
  }

  private readonly deliver = () => {
    const change = this.change;
    if (!change) return;
    this.change = null;
    this.lastDelivery = now();
    for (const listener of this.subscribers) listener(change);
  };
}
