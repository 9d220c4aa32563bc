/** A voice note recorded in alice's <chat-thread> (issue 8), held on the microphone with the real mouse,
 * reaches bob through the real Prosody's upload service as an audio message: the bytes behind its URL
 * are exactly what alice's MediaRecorder produced (from a real MediaStream: an oscillator through an
 * AudioContext, see test/components/fake-mic.ts), with its duration, and the stanza says so in
 * XEP-0066 OOB and XEP-0446 metadata (media-type, name, size, length) for other clients. */
import { expect } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import { peoplePerTest, sleep, threadsPerTest, waitFor } from './helpers.js';
import { foreignPerTest } from './foreign.js';
import { toneMicrophone, type Microphone } from '../components/fake-mic.js';

const person = peoplePerTest();
const openThread = threadsPerTest();
const foreign = foreignPerTest();
const NS_FILE = 'urn:xmpp:file:metadata:0';

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())].join(',');

describe('a voice note from the composer', () => {
  let mic: Microphone;
  beforeEach(() => {
    mic = toneMicrophone();
  });
  afterEach(async () => {
    await resetMouse();
    mic.restore();
  });

  it('held and released in alice\'s thread, it reaches bob as audio with the recorder\'s bytes, its duration and metadata', async () => {
    const alice = await person(null);
    const bob = await person(null);
    // A second session of bob's account, outside our SDK: it reads the stanza as another client would.
    const raw = await foreign({ username: bob.username, password: bob.password, jid: bob.jid });
    const { root } = await openThread(alice.sdk, bob.jid);

    const button = root.querySelector<HTMLElement>('[part="record"]')!;
    button.scrollIntoView({ block: 'center' });
    const r = button.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
    await sendMouse({ type: 'down' });
    await waitFor(() => root.querySelector('[part="record-hold"]') && mic.tracks.length, 'recording');
    await waitFor(() => root.querySelector('[part="record-time"]')?.textContent === '0:01', 'a second recorded');
    await sleep(300);
    await sendMouse({ type: 'up' });

    const got = await waitFor(() => bob.messages.find((m) => m.msgType === 'audio'), 'the voice note at bob', 20000);
    const recorded = new Blob(mic.chunks);
    expect(recorded.size > 100).to.equal(true);
    const media = got.media!;
    expect(media.mimeType).to.equal('audio/webm');
    expect(/^voice-\d{4}-\d\d-\d\d-\d{6}\.webm$/.test(media.fileName!)).to.equal(true);
    expect(media.fileSize).to.equal(recorded.size);
    expect(media.duration! >= 1000).to.equal(true);
    expect(media.url.startsWith('http://')).to.equal(true);
    // The bytes behind the URL are the recorder's, byte for byte.
    expect(await bytes(await (await fetch(media.url)).blob()) === await bytes(recorded)).to.equal(true);
    expect(mic.tracks.every((t) => t.stopped)).to.equal(true);

    const stanza = await raw.waitForMessage((m) => m.getElementsByTagNameNS('jabber:x:oob', 'url')[0]?.textContent === media.url, 'the stanza');
    expect(stanza.getElementsByTagName('body')[0]?.textContent).to.equal(media.url);
    const file = stanza.getElementsByTagNameNS(NS_FILE, 'file')[0];
    const field = (name: string) => file?.getElementsByTagNameNS(NS_FILE, name)[0]?.textContent;
    expect([field('media-type'), field('name'), field('size'), field('length')])
      .to.deep.equal(['audio/webm', media.fileName, String(recorded.size), String(media.duration)]);
  });
});
