/** Microphones for tests, installed on the page in place of `navigator.mediaDevices.getUserMedia`
 * (and, for the fake one, `MediaRecorder`); `restore()` puts the browser's own back.
 * - `fakeMicrophone()`: no audio at all. getUserMedia answers a stream of one fake track (or refuses
 *   with the DOMException named in `mic.refuse`); the recorder gives 7 bytes that start like WebM
 *   (`FAKE_NOTE`) when stopped. For component tests: fast and deterministic.
 * - `toneMicrophone()`: real audio. getUserMedia answers a real MediaStream of a 440 Hz oscillator
 *   (an AudioContext through `createMediaStreamDestination`), recorded by the browser's own
 *   MediaRecorder; `mic.chunks` collects every Blob the recorder produced, in order, so a test can
 *   compare them with what arrived. For end-to-end tests. */

/** The bytes the fake recorder produces: the WebM (EBML) magic, then 1 2 3. */
export const FAKE_NOTE = [0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3];

export interface Microphone {
  /** Each track handed out, and whether it was stopped since. */
  tracks: { stopped: boolean }[];
  /** getUserMedia calls so far. */
  asked: number;
  /** Set to a DOMException name (NotAllowedError, NotFoundError) to make getUserMedia refuse. */
  refuse: string | undefined;
  /** Every Blob the recorder produced (its dataavailable data), in order. */
  chunks: Blob[];
  restore(): void;
}

const realGetUserMedia = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'getUserMedia')!.value as MediaDevices['getUserMedia'];
const RealRecorder = window.MediaRecorder;
type Win = { MediaRecorder: unknown };

function install(stream: (mic: Microphone) => Promise<MediaStream>, Recorder: unknown, mic: Microphone): Microphone {
  navigator.mediaDevices.getUserMedia = async () => {
    mic.asked++;
    if (mic.refuse) throw new DOMException('refused', mic.refuse);
    return stream(mic);
  };
  (window as Win).MediaRecorder = Recorder;
  return mic;
}

function blank(onRestore: () => void = () => undefined): Microphone {
  return {
    tracks: [], asked: 0, refuse: undefined, chunks: [],
    restore() {
      onRestore();
      navigator.mediaDevices.getUserMedia = realGetUserMedia;
      (window as Win).MediaRecorder = RealRecorder;
    },
  };
}

/** A microphone without audio and a recorder that gives `FAKE_NOTE` (see the file's note). */
export function fakeMicrophone(): Microphone {
  const mic = blank();
  class FakeRecorder extends EventTarget {
    static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
    state: 'inactive' | 'recording' = 'inactive';
    readonly mimeType: string;
    constructor(_stream: unknown, options: { mimeType?: string } = {}) {
      super();
      this.mimeType = options.mimeType ?? '';
    }
    start() {
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      const data = new Blob([new Uint8Array(FAKE_NOTE)], { type: this.mimeType });
      mic.chunks.push(data);
      setTimeout(() => {
        this.dispatchEvent(Object.assign(new Event('dataavailable'), { data }));
        this.dispatchEvent(new Event('stop'));
      });
    }
  }
  return install(async () => {
    const track = { stopped: false, stop() { this.stopped = true; } };
    mic.tracks.push(track);
    return { getTracks: () => [track] } as unknown as MediaStream;
  }, FakeRecorder, mic);
}

/** A real microphone stream playing a tone, recorded by the real MediaRecorder (see the file's note). */
export function toneMicrophone(): Microphone {
  const contexts: AudioContext[] = [];
  const mic = blank(() => contexts.forEach((c) => void c.close()));
  class SpyRecorder extends RealRecorder {
    constructor(stream: MediaStream, options?: MediaRecorderOptions) {
      super(stream, options);
      this.addEventListener('dataavailable', (event) => mic.chunks.push(event.data));
    }
  }
  return install(async () => {
    const context = new AudioContext();
    contexts.push(context);
    await context.resume();
    const tone = context.createOscillator();
    tone.frequency.value = 440;
    const out = context.createMediaStreamDestination();
    tone.connect(out);
    tone.start();
    for (const track of out.stream.getAudioTracks()) {
      const seen = { stopped: false };
      mic.tracks.push(seen);
      const stop = track.stop.bind(track);
      track.stop = () => {
        seen.stopped = true;
        stop();
      };
    }
    return out.stream;
  }, SpyRecorder, mic);
}
