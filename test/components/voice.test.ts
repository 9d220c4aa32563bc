/** Voice notes in the composer (issue 8): the microphone button per feature flag and browser support,
 * the recorder part loaded on the first tap only, recording → the elapsed time → send (an audio
 * message with a WebM File and its duration, through a stubbed `sendMedia`), cancel (nothing sent,
 * the microphone's tracks stopped), and a refused microphone. getUserMedia and MediaRecorder are
 * fakes installed on the page, so no device is needed. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { FeatureFlags } from '../../src/model/types.js';
import type { MediaMessageParams } from '../../src/model/params.js';
import { offlineClient, providerFor, until, PEER } from './fixtures.js';

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);

/** The fake microphone: its tracks (stopped or not) and what getUserMedia answers. */
const mic = { tracks: [] as { stopped: boolean }[], refuse: undefined as string | undefined, asked: 0 };

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
    const event = Object.assign(new Event('dataavailable'), { data: new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])], { type: this.mimeType }) });
    setTimeout(() => {
      this.dispatchEvent(event);
      this.dispatchEvent(new Event('stop'));
    });
  }
}

const realGetUserMedia = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'getUserMedia')!.value as MediaDevices['getUserMedia'];
const realRecorder = window.MediaRecorder;

function install() {
  mic.tracks = [];
  mic.refuse = undefined;
  mic.asked = 0;
  navigator.mediaDevices.getUserMedia = async () => {
    mic.asked++;
    if (mic.refuse) throw new DOMException('refused', mic.refuse);
    const track = { stopped: false, stop() { this.stopped = true; } };
    mic.tracks.push(track);
    return { getTracks: () => [track] } as unknown as MediaStream;
  };
  (window as { MediaRecorder: unknown }).MediaRecorder = FakeRecorder;
}

async function open(features: FeatureFlags = {}) {
  const client = await offlineClient();
  Object.assign(client.features, features);
  const sent: { kind: string; params: MediaMessageParams }[] = [];
  client.binding.sendMedia = (kind, params) => {
    sent.push({ kind, params });
    return new Promise(() => undefined);
  };
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  thread.peer = PEER;
  host.append(thread);
  await until(() => thread.shadowRoot?.querySelector('textarea'), 'the composer');
  return { thread, sent };
}

const recorderLoaded = () => performance.getEntriesByType('resource').some((e) => /\/recorder\.(js|ts)/.test(e.name));

async function startRecording(thread: ChatThread) {
  $(thread, '[part="record"]')!.click();
  return until(() => $(thread, '[part="recording"]'), 'the recording bar');
}

describe('voice notes in the composer', () => {
  beforeEach(install);
  afterEach(() => {
    document.querySelectorAll('body > div').forEach((d) => d.remove());
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
    (window as { MediaRecorder: unknown }).MediaRecorder = realRecorder;
  });

  it('the microphone button has a label; it is hidden when audio is switched off or the browser cannot record', async () => {
    const { thread } = await open();
    expect($(thread, '[part="record"]')?.getAttribute('aria-label')).to.equal('Record a voice message');
    await expect(thread).to.be.accessible();
    thread.parentElement!.remove();

    const off = await open({ audioAttachment: false });
    expect(!!$(off.thread, '[part="attach"]')).to.equal(true);
    expect(!!$(off.thread, '[part="record"]')).to.equal(false);
    off.thread.parentElement!.remove();

    (window as { MediaRecorder: unknown }).MediaRecorder = undefined;
    const old = await open();
    expect(!!$(old.thread, '[part="record"]')).to.equal(false);
  });

  it('the recorder part loads on the first tap; the time runs; send gives an audio message with a WebM file and its duration', async () => {
    const { thread, sent } = await open();
    expect(recorderLoaded()).to.equal(false);
    const bar = await startRecording(thread);
    expect(recorderLoaded()).to.equal(true);
    expect(mic.asked).to.equal(1);
    expect(!!$(thread, 'textarea')).to.equal(false);
    expect(bar.querySelector('[part="record-time"]')!.textContent).to.equal('0:00');
    await until(() => bar.querySelector('[part="record-time"]')?.textContent === '0:01', 'a second on the timer');
    await expect(thread).to.be.accessible();

    bar.querySelector<HTMLElement>('[part="record-send"]')!.click();
    await until(() => sent.length, 'the voice note sent');
    expect(sent[0].kind).to.equal('audio');
    expect(sent[0].params.toJid).to.equal(PEER);
    const { file, duration } = sent[0].params.fileMessageParams;
    expect(file instanceof File).to.equal(true);
    expect((file as File).type).to.equal('audio/webm');
    expect(/^voice-\d{4}-\d\d-\d\d-\d{6}\.webm$/.test((file as File).name)).to.equal(true);
    expect(file!.size).to.equal(7);
    expect(Number(duration) >= 1000).to.equal(true);
    expect(mic.tracks[0].stopped).to.equal(true);
    await until(() => $(thread, 'textarea'), 'the input back');
  });

  it('cancel sends nothing and stops the microphone', async () => {
    const { thread, sent } = await open();
    const bar = await startRecording(thread);
    expect(mic.tracks[0].stopped).to.equal(false);
    bar.querySelector<HTMLElement>('[part="record-cancel"]')!.click();
    await until(() => $(thread, 'textarea'), 'the input back');
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.length).to.equal(0);
    expect(mic.tracks[0].stopped).to.equal(true);
  });

  it('a refused or missing microphone is said in the composer', async () => {
    const { thread, sent } = await open();
    mic.refuse = 'NotAllowedError';
    $(thread, '[part="record"]')!.click();
    const alert = await until(() => $(thread, '.composer-error'), 'the error');
    expect(alert.textContent).to.equal('Microphone access was denied. Allow it in the browser to record a voice message.');
    expect(!!$(thread, '[part="recording"]')).to.equal(false);

    mic.refuse = 'NotFoundError';
    $(thread, '[part="record"]')!.click();
    await until(() => $(thread, '.composer-error')?.textContent === 'No microphone was found.', 'no microphone');
    expect(sent.length).to.equal(0);
  });
});
