/** Received encrypted files (XEP-0454 `aesgcm://`): decrypted through the binding's downloadMedia (stubbed
 * here with the bytes a server would give; the real round trip is in test/e2e/media-in.test.ts) and shown
 * from an object URL of our own, typed by us. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { MediaMeta, MsgType } from '../../src/model/types.js';
import { badGateway } from '../../src/model/errors.js';
import { message, until, nextFrame, threadWith as threadOf } from './fixtures.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const KEY = 'ab'.repeat(44);
const sealed = (i: number, msgType: MsgType, media: Partial<MediaMeta>): StoreEvent =>
  message(i, { msgType, body: '', media: { url: `aesgcm://up.example/f${i}#${KEY}`, ...media } });

/** A thread whose client "decrypts" by answering `blob` (or failing with 502) and counts the calls. */
async function threadWith(events: StoreEvent[], answer: (url: string) => Blob | undefined) {
  const calls: string[] = [];
  const thread = await threadOf(events, (client) => {
    client.downloadMedia = async (url: string) => {
      calls.push(url);
      const blob = answer(url);
      if (!blob) throw badGateway('The file does not decrypt with its key (damaged, or the wrong key)');
      return { blob, objectUrl: URL.createObjectURL(blob) };
    };
  });
  return { thread, calls };
}

const bubble = (thread: ChatThread, i: number) => thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row .bubble')[i];
const png = () => new Blob([Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))], { type: 'text/html' });

describe('encrypted files (aesgcm://)', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('a picture decrypts by itself and shows from our own object URL, typed by us, without a link', async () => {
    const { thread, calls } = await threadWith([sealed(1, 'image', { fileName: 'cat.png', mimeType: 'image/png', width: 1, height: 1 })], png);
    const img = await until(() => bubble(thread, 0).querySelector<HTMLImageElement>('img.image'), 'the decrypted picture');
    expect(img.src.startsWith('blob:')).to.equal(true);
    expect(calls.length).to.equal(1);
    expect(calls[0].startsWith('aesgcm://up.example/f1#')).to.equal(true);
    await until(() => img.complete && img.naturalWidth === 1, 'the picture to load');
    // The server said text/html; the Blob behind the picture is what the metadata said, a picture type.
    expect((await (await fetch(img.src)).blob()).type).to.equal('image/png');
    expect(bubble(thread, 0).querySelectorAll('a').length).to.equal(0);
  });

  it('an encrypted SVG or HTML "picture" gets no type a browser would run as a page', async () => {
    const { thread } = await threadWith([sealed(1, 'image', { fileName: 'x.svg', mimeType: 'image/svg+xml' })], png);
    const img = await until(() => bubble(thread, 0).querySelector<HTMLImageElement>('img.image'), 'the decrypted picture');
    expect((await (await fetch(img.src)).blob()).type).to.equal('application/octet-stream');
  });

  it('a document waits for its Download button, then is saved and keeps a link to its decrypted bytes', async () => {
    const { thread, calls } = await threadWith([sealed(1, 'file', { fileName: 'plan.pdf', mimeType: 'text/html' })], () => new Blob(['%PDF-1.4 plan'], { type: 'text/html' }));
    await nextFrame();
    expect(calls.length).to.equal(0);
    expect(bubble(thread, 0).querySelector('.doc-size')!.textContent!.trim()).to.equal('Encrypted file');
    let saved = '';
    const click = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'click')!;
    Object.defineProperty(HTMLAnchorElement.prototype, 'click', { configurable: true, value(this: HTMLAnchorElement) { saved = this.download; } });
    try {
      bubble(thread, 0).querySelector<HTMLButtonElement>('.sealed-open')!.click();
      const link = await until(() => bubble(thread, 0).querySelector<HTMLAnchorElement>('a.download'), 'the download link');
      expect(saved).to.equal('plan.pdf');
      expect(link.href.startsWith('blob:')).to.equal(true);
      expect(link.download).to.equal('plan.pdf');
      expect((await (await fetch(link.href)).blob()).type).to.equal('application/octet-stream');
      expect(await (await fetch(link.href)).text()).to.equal('%PDF-1.4 plan');
    } finally {
      delete (HTMLAnchorElement.prototype as { click?: unknown }).click;
      expect(HTMLAnchorElement.prototype.click === click.value).to.equal(true);
    }
  });

  it('a voice note decrypts on Play into a player', async () => {
    const { thread, calls } = await threadWith([sealed(1, 'audio', { fileName: 'voice.webm', mimeType: 'audio/webm', duration: 3 })], () => new Blob(['x']));
    await nextFrame();
    expect(calls.length).to.equal(0);
    bubble(thread, 0).querySelector<HTMLButtonElement>('.sealed-open')!.click();
    const audio = await until(() => bubble(thread, 0).querySelector('audio'), 'the player');
    expect(audio.getAttribute('src')!.startsWith('blob:')).to.equal(true);
  });

  it('a file that does not decrypt says so and offers another try', async () => {
    let good = false;
    const { thread, calls } = await threadWith([sealed(1, 'image', { fileName: 'cat.png', mimeType: 'image/png' })], () => (good ? png() : undefined));
    const error = await until(() => bubble(thread, 0).querySelector('.sealed-error'), 'the error');
    expect(error.textContent!.includes('does not decrypt')).to.equal(true);
    expect(bubble(thread, 0).querySelectorAll('img').length).to.equal(0);
    good = true;
    bubble(thread, 0).querySelector<HTMLButtonElement>('.sealed-open')!.click();
    await until(() => bubble(thread, 0).querySelector('img.image'), 'the picture after another try');
    expect(calls.length).to.equal(2);
  });
});
