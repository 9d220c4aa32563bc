/** Seen markers from an open thread: the newest incoming message actually on screen while the page
 * is visible is marked seen (XEP-0333 through the binding), at most a few times a second: the first
 * call goes at once, the last one of a busy stretch afterwards, so a burst is not one marker a frame. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';

const INTERVAL_MS = 250;

/** The thread, as far as seen markers go. */
export interface SeenHost extends ReactiveControllerHost {
  readonly binding: ChatBinding | undefined;
  /** The open chat, as the store keys it. */
  readonly chatJid: string | undefined;
}

export class SeenController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private again = false;

  constructor(
    private readonly host: SeenHost,
    /** The messages on screen, newest first; none while the thread is still opening. */
    private readonly onScreen: () => Iterable<ChatMessage>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onPageVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onPageVisibility);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly onPageVisibility = () => this.markSeen();

  /** Something came into view (or the page did): mark what is on screen, throttled. */
  markSeen(): void {
    if (this.timer !== undefined) {
      this.again = true;
      return;
    }
    this.markNow();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.again) {
        this.again = false;
        this.markSeen();
      }
    }, INTERVAL_MS);
  }

  private markNow(): void {
    const { binding, chatJid: peer } = this.host;
    if (!binding || !peer || document.visibilityState !== 'visible') return;
    const lastRead = binding.recentChat(peer)?.lastReadRowId;
    for (const m of this.onScreen()) {
      if (m.outgoing) continue;
      if (lastRead !== undefined && m.rowId <= lastRead) return;
      binding.markRead(peer, m.msgId).catch(() => undefined);
      return;
    }
  }
}
