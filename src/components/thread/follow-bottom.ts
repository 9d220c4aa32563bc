/** Keeping an open thread on its newest message while the reader follows the conversation: new
 * items, measured heights, a resized panel or the thread coming into view scroll it back to the end
 * until the layout stops moving; the reader's own scrolling (wheel, touch, keys) lets go. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { settledOnNewest } from './anchor.js';

/** Scroll events within this long of the reader's last input are the reader's. */
const READER_SCROLL_MS = 1500;
/** Frames the loop waits at most, and frames the layout has to hold still to count as settled. */
const MAX_FRAMES = 60;
const STABLE_FRAMES = 3;

/** What the thread tells the loop and hears from it. */
export interface FollowBottomOptions {
  /** The scrolling list, once rendered. */
  scroller: () => HTMLElement | undefined;
  /** The key (`data-key`) of the newest item; undefined when the list is empty. */
  newestKey: () => string | undefined;
  /** Asks the virtualizer to hold its newest item at the end of the view. */
  pinNewest: () => void;
  /** The newest item was seen in view: the list may be shown. */
  revealed: () => void;
  /** The opening is over (settled, out of frames, or the reader took over): the list is shown. */
  opened: () => void;
  /** The view rests on the newest message: nothing below is unseen. */
  settled: () => void;
  /** The view left the newest message (more than 32 px above the end). */
  away: () => void;
  /** The reader scrolled away: the virtualizer stops holding the newest item at the end. */
  unpinNewest: () => void;
  /** Whether the opening is over (scrolling before it is the loop's own). */
  isOpen: () => boolean;
}

export class FollowBottomController implements ReactiveController {
  /** Whether the view follows the newest message (false once the reader scrolled away from it). */
  stick = true;
  /** When the reader last scrolled, touched or pressed a key in the list (never: -Infinity). */
  private lastUserInput = -Infinity;
  private token = 0;
  private observedScroller?: Element;

  // Size changes (a panel opening, a window resize) and coming into view re-settle on the latest
  // message when the reader is following the conversation.
  private readonly resizeObserver = new ResizeObserver(() => this.stick && void this.follow());
  private readonly intersectionObserver = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && this.stick) void this.follow();
  });

  constructor(private readonly host: ReactiveControllerHost & Element, private readonly options: FollowBottomOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    this.intersectionObserver.observe(this.host);
  }

  hostDisconnected(): void {
    this.intersectionObserver.disconnect();
    this.resizeObserver.disconnect();
  }

  hostUpdated(): void {
    const scroller = this.options.scroller();
    if (scroller && this.observedScroller !== scroller) {
      this.observedScroller = scroller;
      this.resizeObserver.observe(scroller);
    }
  }

  /** Follows from now on, as if the reader had never scrolled (a chat opened, "jump to latest"). */
  reset(): void {
    this.stick = true;
    this.lastUserInput = -Infinity;
  }

  /** Wheel, touch, keys or the scrollbar: the reader takes over the scroll position. */
  readonly onUserInput = () => {
    this.lastUserInput = performance.now();
  };

  /** A press on the list itself (its scrollbar) is the reader scrolling; one on a message (its menu,
   * a selection) is not, so the list keeps following the newest message when a bar opens below it. */
  readonly onPointerDown = (e: PointerEvent) => {
    if (e.target === e.currentTarget) this.onUserInput();
  };

  /** Whether a scroll now is the reader's doing (rather than the layout's or ours). */
  get readerScrolling(): boolean {
    return performance.now() - this.lastUserInput < READER_SCROLL_MS;
  }

  /** The list scrolled: near its end the view rests on the newest message (`settled`), else `away`; the
   * reader's own scrolling decides whether the view keeps following it. */
  readonly onScroll = (): void => {
    const scroller = this.options.scroller();
    if (!scroller || !this.options.isOpen()) return;
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 32;
    if (this.readerScrolling) {
      this.stick = nearBottom;
      if (!nearBottom) this.options.unpinNewest();
    }
    if (nearBottom) this.options.settled();
    else this.options.away();
  };

  /**
   * Holds the view on the latest message until the layout stops moving: item heights are estimates
   * until measured, so one scroll to the bottom can land short. Gives up as soon as the reader scrolls.
   */
  async follow(): Promise<void> {
    const { scroller: scrollerOf, newestKey, pinNewest, revealed, opened, settled } = this.options;
    const scroller = scrollerOf();
    if (!scroller || newestKey() === undefined) return;
    const token = ++this.token;
    const started = performance.now();
    let stableFrames = 0;
    let lastHeight = -1;
    for (let frame = 0; frame < MAX_FRAMES && stableFrames < STABLE_FRAMES; frame++) {
      if (token !== this.token || !scroller.isConnected) return;
      if (!this.stick || this.lastUserInput > started) {
        // The reader took over while the chat was opening: the opening is over.
        opened();
        return;
      }
      pinNewest();
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((r) => requestAnimationFrame(r));
      // Settled: the newest bubble is rendered, inside the view, and the content height stopped changing.
      const newest = newestKey();
      if (newest === undefined) return;
      const onNewest = settledOnNewest(scroller, newest);
      if (onNewest) revealed();
      stableFrames = onNewest && scroller.scrollHeight === lastHeight ? stableFrames + 1 : 0;
      lastHeight = scroller.scrollHeight;
    }
    if (token !== this.token) return;
    // Settled, or out of frames (a layout that keeps moving): show the list either way.
    opened();
    if (stableFrames >= STABLE_FRAMES) settled();
  }
}
