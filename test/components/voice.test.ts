/** Voice notes in the composer (issue 8): the microphone button per feature flag and browser support,
 * the recorder part loaded on the first tap only, recording → the elapsed time → send (an audio
 * message with a WebM File and its duration, through a stubbed `sendMedia`), cancel (nothing sent,
 * the microphone's tracks stopped), a refused microphone, and hold to record with the real mouse:
 * release sends, sliding away or Escape discards, a too-short hold says "Hold to record", a quick tap
 * or Enter opens the bar. getUserMedia and MediaRecorder are fakes (fake-mic.ts), so no device is
 * needed. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { composerThread, until, PEER } from './fixtures.js';
import { fakeMicrophone, FAKE_NOTE, type Microphone } from './fake-mic.js';

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);

let mic: Microphone;
const open = composerThread;

const recorderLoaded = () => performance.getEntriesByType('resource').some((e) => /\/recorder\.(js|ts)/.test(e.name));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The centre of the microphone button, in viewport pixels (for the real mouse of sendMouse). */
function micAt(thread: ChatThread): [number, number] {
  const button = $(thread, '[part="record"]')!;
  button.scrollIntoView({ block: 'center' });
  const r = button.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** Presses the real mouse on the microphone and waits until the recording runs (the hold strip shows). */
async function hold(thread: ChatThread) {
  const at = micAt(thread);
  await sendMouse({ type: 'move', position: at });
  await sendMouse({ type: 'down' });
  await until(() => $(thread, '[part="record-hold"]') && mic.tracks.length, 'the recording held');
  return at;
}

const hint = (thread: ChatThread) => $(thread, '[part="record-hint"]')?.textContent?.trim();

async function startRecording(thread: ChatThread) {
  $(thread, '[part="record"]')!.click();
  return until(() => $(thread, '[part="recording"]'), 'the recording bar');
}

describe('voice notes in the composer', () => {
  beforeEach(() => {
    mic = fakeMicrophone();
  });
  afterEach(async () => {
    await resetMouse();
    document.querySelectorAll('body > div').forEach((d) => d.remove());
    mic.restore();
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

  it('held: a hint shows beside the microphone, which keeps the pointer; release sends the note', async () => {
    const { thread, sent } = await open();
    const [x, y] = await hold(thread);
    expect(hint(thread)).to.equal('Release to send, slide away to cancel');
    expect(!!$(thread, 'textarea')).to.equal(false);
    expect($(thread, '[part="record"]')!.classList.contains('held')).to.equal(true);
    // A small wobble on the button (still within reach) changes nothing.
    await sendMouse({ type: 'move', position: [x + 10, y - 10] });
    await sleep(600);
    expect(hint(thread)).to.equal('Release to send, slide away to cancel');
    await sendMouse({ type: 'up' });
    await until(() => sent.length, 'the voice note sent');
    expect(sent[0].kind).to.equal('audio');
    expect(sent[0].params.toJid).to.equal(PEER);
    const { file, duration } = sent[0].params.fileMessageParams;
    expect([...new Uint8Array(await (file as File).arrayBuffer())].join()).to.equal(FAKE_NOTE.join());
    expect(Number(duration) >= 500).to.equal(true);
    expect(mic.tracks[0].stopped).to.equal(true);
    await until(() => $(thread, 'textarea'), 'the input back');
    expect(!!$(thread, '[part="recording"]')).to.equal(false);
    expect(!!$(thread, '[part="record-hold"]')).to.equal(false);
  });

  it('held, then slid away from the button: the hint says release cancels, and release discards', async () => {
    const { thread, sent } = await open();
    const [x, y] = await hold(thread);
    await sleep(600);
    await sendMouse({ type: 'move', position: [x + 150, y - 120] });
    await until(() => hint(thread) === 'Release to cancel', 'the cancel hint');
    await sendMouse({ type: 'up' });
    await until(() => $(thread, 'textarea'), 'the input back');
    await sleep(50);
    expect(sent.length).to.equal(0);
    expect(mic.tracks[0].stopped).to.equal(true);
    expect(!!$(thread, '[part="recording"]')).to.equal(false);
  });

  it('held, then Escape: discarded', async () => {
    const { thread, sent } = await open();
    await hold(thread);
    await sleep(600);
    await sendKeys({ press: 'Escape' });
    await until(() => $(thread, 'textarea'), 'the input back');
    await sendMouse({ type: 'up' });
    await sleep(50);
    expect(sent.length).to.equal(0);
    expect(mic.tracks[0].stopped).to.equal(true);
    expect(!!$(thread, '[part="recording"]')).to.equal(false);
  });

  it('held for less than half a second: nothing is sent and the composer says "Hold to record"', async () => {
    const { thread, sent } = await open();
    await hold(thread);
    await sleep(300); // longer than a tap, shorter than a note worth sending
    await sendMouse({ type: 'up' });
    const note = await until(() => $(thread, '.composer-error'), 'the message');
    expect(note.textContent).to.equal('Hold to record');
    await sleep(50);
    expect(sent.length).to.equal(0);
    expect(mic.tracks[0].stopped).to.equal(true);
    expect(!!$(thread, 'textarea')).to.equal(true);
    expect(!!$(thread, '[part="recording"]')).to.equal(false);
  });

  it('a quick tap, or Enter on the focused button, opens the recording bar as before (one microphone request)', async () => {
    const { thread, sent } = await open();
    await sendMouse({ type: 'click', position: micAt(thread) });
    const bar = await until(() => $(thread, '[part="recording"]'), 'the recording bar');
    await sleep(50);
    expect(mic.asked).to.equal(1);
    expect(!!$(thread, '.composer-error')).to.equal(false);
    bar.querySelector<HTMLElement>('[part="record-cancel"]')!.click();
    await until(() => $(thread, 'textarea'), 'the input back');

    $(thread, '[part="record"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(thread, '[part="recording"]'), 'the recording bar from the keyboard');
    expect(mic.asked).to.equal(2);
    expect(sent.length).to.equal(0);
  });

  it('on a touch screen the held button neither scrolls nor opens a context menu', async () => {
    const { thread } = await open();
    const button = $(thread, '[part="record"]')!;
    expect(getComputedStyle(button).touchAction).to.equal('none');
    const menu = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true });
    button.dispatchEvent(menu);
    expect(menu.defaultPrevented).to.equal(true);
  });
});
