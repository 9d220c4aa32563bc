/** Liveness: noticing a connection that stopped answering without closing (a half-open socket after
 * a network change, a sleeping laptop, a closing handshake that never completes), which the browser
 * may not report for a minute or more.
 *
 * The rule:
 * - every frame from the server proves the connection alive;
 * - after `checkMs` without one, the client asks for proof: an XEP-0198 `<r/>` when stream management
 *   is on (the server must answer `<a/>`), else an XEP-0199 ping to the server (any answer will do);
 * - if nothing at all arrives within `timeoutMs` of asking, the connection is dead: the owner drops it
 *   (without a closing handshake, which keeps the session resumable) and reconnects.
 * So a silent connection is noticed within `checkMs + timeoutMs` of the last frame (options
 * `livenessCheckMs` and `livenessTimeoutMs`, 10 s + 5 s by default). A busy connection costs nothing
 * but a timestamp per frame; an idle one one small round trip per `checkMs`. */

export interface LivenessHooks {
  /** Asks the server for an answer (`<r/>` or a ping). */
  probe(): void;
  /** Nothing arrived in time after a probe. Called once; `start()` again for the next connection. */
  dead(): void;
}

export class Liveness {
  private running = false;
  private lastHeard = 0;
  /** When the unanswered probe went out, or null when none is outstanding. */
  private probedAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly timing: { checkMs: number; timeoutMs: number },
    private readonly hooks: LivenessHooks,
  ) {}

  /** A connection is up: watch it from now. */
  start(): void {
    this.stop();
    this.running = true;
    this.lastHeard = Date.now();
    this.arm(this.timing.checkMs);
  }

  /** The connection closed or was dropped: stop watching. */
  stop(): void {
    this.running = false;
    this.probedAt = null;
    clearTimeout(this.timer);
  }

  /** A frame arrived from the server. */
  heard(): void {
    this.lastHeard = Date.now();
    this.probedAt = null;
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, ms));
  }

  private tick(): void {
    if (!this.running) return;
    const now = Date.now();
    if (this.probedAt !== null) {
      const waited = now - this.probedAt;
      if (waited < this.timing.timeoutMs) {
        this.arm(this.timing.timeoutMs - waited);
        return;
      }
      this.stop();
      this.hooks.dead();
      return;
    }
    const quiet = now - this.lastHeard;
    if (quiet < this.timing.checkMs) {
      this.arm(this.timing.checkMs - quiet);
      return;
    }
    this.probedAt = now;
    this.hooks.probe();
    this.arm(this.timing.timeoutMs);
  }
}
