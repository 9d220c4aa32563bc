/** The composer's microphone: a voice note recorded and sent as an audio message. The button shows
 * only when the deployment allows audio (`audioAttachment`) and the browser can record
 * (`navigator.mediaDevices.getUserMedia` and `MediaRecorder`). Pressing it loads the recorder part
 * (recorder.ts, on demand) and starts recording. Two ways to use it, as in WhatsApp or Telegram:
 * - Hold: while the pointer stays down the button keeps it (pointer capture) and a strip says
 *   "Release to send, slide away to cancel". Release sends; release more than `SLIDE_PX` outside the
 *   button, Escape, or a pointercancel discards. A hold whose recording is under `MIN_MS` (0.5 s) is
 *   discarded with "Hold to record" rather than sent as an empty note.
 * - Tap (released within `TAP_MS`), or Enter/Space on the focused button: the recording bar replaces
 *   the input, with the time, send and discard.
 * Send turns the recording into `binding.sendMedia('audio', {toJid, fileMessageParams: {file,
 * duration}})` (duration in ms). A refused or missing microphone is reported to the composer. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { BindingHost } from './uploads.js';
import type { RecordingSession } from './recorder.js';

const MIC = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg>`;

/** A press released sooner than this (ms) is a tap: the recording goes on with the bar. */
export const TAP_MS = 250;
/** A held recording shorter than this (ms) is discarded, not sent. */
export const MIN_MS = 500;
/** How far (CSS px) outside the button a release counts as sliding away (cancel). */
export const SLIDE_PX = 32;

/** Whether this browser can record a voice note. */
export const canRecord = (): boolean =>
  typeof navigator.mediaDevices?.getUserMedia === 'function' && typeof globalThis.MediaRecorder === 'function';

/** The sentence a person reads when recording could not start. */
export function describeMicError(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return msg('Microphone access was denied. Allow it in the browser to record a voice message.');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return msg('No microphone was found.');
  return msg('Recording could not start. Please try again.');
}

/** A press on the microphone in progress: which pointer, since when (performance.now), and whether it
 * is now outside the button. */
interface Hold {
  id: number;
  at: number;
  away: boolean;
}

export class Voice {
  session: RecordingSession | undefined;
  /** The pointer holding the microphone (undefined when none). */
  hold: Hold | undefined;
  private starting = false;
  /** What to do with a recording that starts after its press already ended. */
  private pending: 'cancel' | 'short' | undefined;

  constructor(private readonly host: BindingHost & { readonly chatJid: string | undefined }, private readonly report: (message: string | undefined, error?: unknown) => void) {}

  get available(): boolean {
    return !!this.host.binding?.features.audioAttachment && canRecord();
  }

  private async start(): Promise<void> {
    if (this.session || this.starting) return;
    this.starting = true;
    this.pending = undefined;
    this.report(undefined);
    try {
      const { startRecording } = await import('./recorder.js');
      const update = () => this.host.requestUpdate();
      this.session = await startRecording(update, () => void this.send(), () => this.cancel());
    } catch (error) {
      this.report(describeMicError(error), error);
    } finally {
      this.starting = false;
      this.host.requestUpdate();
    }
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.drop(pending === 'short');
  }

  /** Keyboard (Enter/Space give a click of detail 0) starts the bar; a pointer's click is its press's. */
  private readonly onClick = (event: MouseEvent) => {
    if (event.detail === 0) void this.start();
  };

  private readonly onPointerDown = (event: PointerEvent) => {
    if (!event.isPrimary || event.button !== 0 || this.hold || this.session || this.starting) return;
    const button = event.currentTarget as HTMLElement;
    try {
      button.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser does not know as active (a synthetic event): nothing to capture.
    }
    this.hold = { id: event.pointerId, at: performance.now(), away: false };
    addEventListener('keydown', this.onKey, true);
    void this.start();
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    const hold = this.hold;
    if (!hold || event.pointerId !== hold.id) return;
    const r = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const away = event.clientX < r.left - SLIDE_PX || event.clientX > r.right + SLIDE_PX
      || event.clientY < r.top - SLIDE_PX || event.clientY > r.bottom + SLIDE_PX;
    if (away !== hold.away) {
      hold.away = away;
      this.host.requestUpdate();
    }
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const hold = this.hold;
    if (!hold || event.pointerId !== hold.id) return;
    this.onPointerMove(event);
    this.endHold();
    if (hold.away) return this.drop(false);
    if (performance.now() - hold.at < TAP_MS) return; // a tap: the bar goes on
    if (!this.session || this.session.elapsed < MIN_MS) return this.drop(true);
    void this.send();
  };

  /** The browser took the pointer (a scroll, a gesture) or the capture was lost: discard. */
  private readonly onPointerCancel = (event: PointerEvent) => {
    if (!this.hold || event.pointerId !== this.hold.id) return;
    this.endHold();
    this.drop(false);
  };

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.hold) return;
    event.preventDefault();
    event.stopPropagation();
    this.endHold();
    this.drop(false);
  };

  private endHold(): void {
    this.hold = undefined;
    removeEventListener('keydown', this.onKey, true);
    this.host.requestUpdate();
  }

  /** Discards the recording of a press (now, or once it has started); `short` says "Hold to record". */
  private drop(short: boolean): void {
    if (this.starting) {
      this.pending = short ? 'short' : 'cancel';
      return;
    }
    if (!this.session) return;
    this.cancel();
    if (short) this.report(msg('Hold to record'));
  }

  /** Ends the recording and sends it as an audio message (failures reported to the composer). */
  async send(): Promise<void> {
    const session = this.session;
    const { binding, chatJid: toJid } = this.host;
    if (!session) return;
    this.session = undefined;
    this.host.requestUpdate();
    const note = await session.stop();
    if (!note || !binding || !toJid) return;
    binding.sendMedia('audio', { toJid, fileMessageParams: { file: note.file, duration: note.duration } })
      .catch((error: unknown) => this.report(undefined, error));
  }

  /** Discards a recording in progress (another chat opened, the thread left, or cancel pressed). */
  cancel(): void {
    if (this.hold) this.endHold();
    if (this.starting) this.pending = 'cancel';
    this.session?.cancel();
    this.session = undefined;
    this.host.requestUpdate();
  }

  renderButton() {
    if (!this.available) return nothing;
    return html`<button class="icon-button record ${this.hold ? 'held' : ''}" part="record" type="button" aria-label=${msg('Record a voice message')} title=${msg('Record a voice message')}
      ?disabled=${this.starting && !this.hold} @click=${this.onClick} @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerCancel} @lostpointercapture=${this.onPointerCancel}
      @contextmenu=${(e: Event) => e.preventDefault()}>${MIC}</button>`;
  }

  /** While the microphone is held: the time and what releasing will do, in place of the input. */
  renderHold() {
    return html`<div class="holding" part="record-hold">
      <span class="rec-dot" aria-hidden="true"></span>
      <span class="elapsed" part="record-time">${this.session?.clock ?? '0:00'}</span>
      <span class="hint" part="record-hint" role="status">${this.hold?.away ? msg('Release to cancel') : msg('Release to send, slide away to cancel')}</span>
    </div>`;
  }
}
