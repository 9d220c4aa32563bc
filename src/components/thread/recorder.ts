/** A voice note being recorded (the composer's on-demand part: `import('./recorder.js')` on the first
 * tap of the microphone, so a page that never records never downloads it). `startRecording` asks for
 * the microphone (getUserMedia `{audio: true}`) and records it with MediaRecorder (Opus in WebM when
 * the browser offers it, else the first of Opus in Ogg, WebM, Ogg, else the browser's default). The
 * session renders the recording bar (a pulsing dot, the elapsed time as m:ss, cancel and send); `stop()`
 * gives the recording as a File (`voice-<YYYY-MM-DD-HHMMSS>.webm|.ogg`) with its duration in ms, and
 * `cancel()` discards it. Either way the microphone's tracks are stopped, so the browser's recording
 * indicator goes off. Errors: getUserMedia's DOMException as it comes (NotAllowedError when the person
 * or the browser refused, NotFoundError when there is no microphone). */
import { html } from 'lit';
import { msg } from '@lit/localize';

const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg'];

/** A finished voice note: the File and its length in milliseconds. */
export interface VoiceNote {
  file: File;
  duration: number;
}

/** m:ss of `ms` milliseconds (0:07, 1:42, 61:00). */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
function fileName(at: Date, type: string): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `voice-${stamp}.${type.includes('ogg') ? 'ogg' : 'webm'}`;
}

export class RecordingSession {
  private readonly chunks: Blob[] = [];
  private readonly started = performance.now();
  private readonly startedAt = new Date();
  private readonly timer: ReturnType<typeof setInterval>;
  private done = false;

  constructor(private readonly stream: MediaStream, private readonly recorder: MediaRecorder, changed: () => void, private readonly onSend: () => void, private readonly onCancel: () => void) {
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    recorder.start();
    this.timer = setInterval(changed, 1000);
  }

  /** Milliseconds since recording began. */
  get elapsed(): number {
    return performance.now() - this.started;
  }

  /** The elapsed time as m:ss. */
  get clock(): string {
    return formatElapsed(this.elapsed);
  }

  /** Ends the recording: the voice note (undefined when nothing was recorded). Stops the tracks. */
  async stop(): Promise<VoiceNote | undefined> {
    if (this.done) return undefined;
    const duration = Math.round(this.elapsed);
    const stopped = new Promise((resolve) => this.recorder.addEventListener('stop', resolve, { once: true }));
    this.finish();
    if (this.recorder.state !== 'inactive') {
      this.recorder.stop();
      await stopped;
    }
    const type = (this.recorder.mimeType || this.chunks[0]?.type || 'audio/webm').split(';')[0];
    const blob = new Blob(this.chunks, { type });
    if (blob.size === 0) return undefined;
    return { file: new File([blob], fileName(this.startedAt, type), { type }), duration };
  }

  /** Discards the recording and stops the tracks. */
  cancel(): void {
    if (this.done) return;
    this.finish();
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.chunks.length = 0;
  }

  private finish(): void {
    this.done = true;
    clearInterval(this.timer);
    for (const track of this.stream.getTracks()) track.stop();
  }

  /** The recording bar, in place of the input. */
  render() {
    return html`<div class="recording" part="recording" role="group" aria-label=${msg('Recording a voice message')}>
      <button class="icon-button record-cancel" part="record-cancel" type="button" aria-label=${msg('Discard the recording')} title=${msg('Discard the recording')} @click=${this.onCancel}>×</button>
      <span class="rec-dot" aria-hidden="true"></span>
      <span class="elapsed" part="record-time" role="timer">${this.clock}</span>
      <button class="primary send" part="record-send" type="button" aria-label=${msg('Send the voice message')} title=${msg('Send the voice message')} @click=${this.onSend}>➤</button>
    </div>`;
  }
}

/** Asks for the microphone and starts recording. `changed` is called each second (the time shown);
 * `onSend`/`onCancel` when the bar's buttons are pressed. Rejects with getUserMedia's error. */
export async function startRecording(changed: () => void, onSend: () => void, onCancel: () => void): Promise<RecordingSession> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  try {
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    return new RecordingSession(stream, recorder, changed, onSend, onCancel);
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    throw error;
  }
}
