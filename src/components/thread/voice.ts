/** The composer's microphone: a voice note recorded and sent as an audio message. The button shows
 * only when the deployment allows audio (`audioAttachment`) and the browser can record
 * (`navigator.mediaDevices.getUserMedia` and `MediaRecorder`). Its first tap loads the recorder part
 * (recorder.ts, on demand) and starts recording; the recording bar then replaces the input. Send turns
 * the recording into `binding.sendMedia('audio', {toJid, fileMessageParams: {file, duration}})`
 * (duration in ms); cancel discards it. A refused or missing microphone is reported to the composer. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { BindingHost } from './uploads.js';
import type { RecordingSession } from './recorder.js';

const MIC = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg>`;

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

export class Voice {
  session: RecordingSession | undefined;
  private starting = false;

  constructor(private readonly host: BindingHost & { readonly chatJid: string | undefined }, private readonly report: (message: string | undefined, error?: unknown) => void) {}

  get available(): boolean {
    return !!this.host.binding?.features.audioAttachment && canRecord();
  }

  private readonly onStart = async () => {
    if (this.session || this.starting) return;
    this.starting = true;
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
  };

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
    this.session?.cancel();
    this.session = undefined;
    this.host.requestUpdate();
  }

  renderButton() {
    if (!this.available) return nothing;
    return html`<button class="icon-button record" part="record" type="button" aria-label=${msg('Record a voice message')} title=${msg('Record a voice message')}
      ?disabled=${this.starting} @click=${this.onStart}>${MIC}</button>`;
  }
}
