/** How many older messages the thread asks for at a time: a reader who keeps scrolling up gets larger
 * steps (fewer round trips, fewer re-layouts), from `first` up to `largest`. */
const FAST_SCROLL_MS = 1000;

export class OlderPace {
  private step: number;
  private lastAt = -Infinity;

  constructor(private readonly first: number, private readonly largest: number) {
    this.step = first;
  }

  /** The size of the next step, asked for now. */
  next(): number {
    this.step = performance.now() - this.lastAt < FAST_SCROLL_MS ? Math.min(this.step * 2, this.largest) : this.first;
    return this.step;
  }

  /** The step's answer came (or failed): the next one is timed from now. */
  answered(): void {
    this.lastAt = performance.now();
  }
}
