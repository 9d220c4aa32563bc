import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import '../../src/components/list/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { MediaMeta, MsgType } from '../../src/model/types.js';
import { offlineClient, providerFor, message, until, nextFrame, threadWith, PEER, ME } from './fixtures.js';

const THUMB = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const file = (i: number, msgType: MsgType, media: Partial<MediaMeta> & { url: string }, extra = {}): StoreEvent =>
  message(i, { msgType, media, body: '', ...extra });

const bubble = (thread: ChatThread, i: number) => thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row .bubble')[i];

describe('media bubbles', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('an image shows its thumbnail at once and the full picture over it, in a box sized from its metadata, linking to the full picture, with its caption', async () => {
    const url = new URL('/test/components/pic.svg', location.href).href;
    const thread = await threadWith([file(1, 'image', { url, width: 800, height: 400, thumbnail: THUMB, fileName: 'cat.svg', fileSize: 200 }, { body: 'My cat' })]);
    const b = bubble(thread, 0);
    const thumb = b.querySelector<HTMLImageElement>('img.thumb')!;
    const full = b.querySelector<HTMLImageElement>('img.full')!;
    expect(thumb.getAttribute('src')).to.equal(THUMB);
    expect(full.getAttribute('src')).to.equal(url);
    expect(full.getAttribute('loading')).to.equal('lazy');
    // The space is reserved before the picture loads: 2:1 at the bubble's width.
    const box = b.querySelector('.media.image')!.getBoundingClientRect();
    expect(Math.round(box.width / box.height)).to.equal(2);
    await until(() => full.complete && full.naturalWidth > 0, 'the full picture');
    // The full picture lies over the thumbnail, and is what shows.
    const r = thumb.getBoundingClientRect();
    const f = full.getBoundingClientRect();
    expect(r.width > 200 && Math.abs(r.width - f.width) + Math.abs(r.height - f.height) + Math.abs(r.top - f.top) < 1).to.equal(true);
    expect(thread.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === full).to.equal(true);
    expect(b.querySelector('a.media-open')!.getAttribute('href')).to.equal(url);
    const caption = b.querySelector('.caption')!;
    expect(caption.textContent).to.equal('My cat');
    expect(caption.getAttribute('dir')).to.equal('auto');
    await expect(thread).to.be.accessible();
  });

  it('a picture over 8 MB keeps its thumbnail until opened; a full picture that cannot load leaves the thumbnail', async () => {
    const thread = await threadWith([
      file(1, 'image', { url: 'https://up.example/p/big.jpg', width: 800, height: 400, thumbnail: THUMB, fileSize: 9 * 1024 * 1024 }),
      file(2, 'image', { url: 'http://127.0.0.1:9/gone.jpg', width: 800, height: 400, thumbnail: THUMB, fileSize: 1000 }),
    ]);
    const big = bubble(thread, 0);
    expect(big.querySelectorAll('img').length).to.equal(1);
    expect(big.querySelector('img')!.getAttribute('src')).to.equal(THUMB);
    expect(big.querySelector('a.media-open')!.getAttribute('href')).to.equal('https://up.example/p/big.jpg');
    const gone = bubble(thread, 1);
    await until(() => gone.querySelector<HTMLElement>('img.full')!.getBoundingClientRect().width === 0, 'the failed picture hidden');
    expect(gone.querySelector<HTMLElement>('img.thumb')!.getBoundingClientRect().width > 200).to.equal(true);
  });

  it('an SVG image goes through <img>, never inline', async () => {
    const thread = await threadWith([file(1, 'image', { url: 'https://up.example/d.svg', mimeType: 'image/svg+xml' })]);
    const b = bubble(thread, 0);
    expect(b.querySelectorAll('svg').length).to.equal(0);
    expect(b.querySelector('img')!.getAttribute('src')).to.equal('https://up.example/d.svg');
  });

  it('audio gets a player that loads only metadata, and its duration', async () => {
    const thread = await threadWith([file(1, 'audio', { url: 'https://up.example/v.oga', duration: 65_000 })]);
    const audio = bubble(thread, 0).querySelector('audio')!;
    expect(audio.getAttribute('src')).to.equal('https://up.example/v.oga');
    expect(audio.getAttribute('preload')).to.equal('metadata');
    expect(audio.hasAttribute('controls')).to.equal(true);
    expect(bubble(thread, 0).querySelector('.duration')!.textContent).to.equal('1:05');
    expect(bubble(thread, 0).querySelector('.media-label')!.textContent).to.equal('Voice message');
  });

  it('once the player has the length (and shows it itself), our duration goes: never twice', async () => {
    const url = new URL('/test/components/tone.wav', location.href).href;
    const thread = await threadWith([file(1, 'audio', { url, duration: 500, fileName: 'tone.wav' })]);
    const duration = bubble(thread, 0).querySelector<HTMLElement>('.duration')!;
    await until(() => bubble(thread, 0).querySelector('audio')!.readyState >= 1, 'the audio metadata');
    await until(() => duration.getBoundingClientRect().width === 0, 'our duration hidden');
    expect(bubble(thread, 0).querySelector('.media-label')!.textContent).to.equal('tone.wav');
  });

  it('a video gets a player with the thumbnail as poster', async () => {
    const thread = await threadWith([file(1, 'video', { url: 'https://up.example/c.mp4', thumbnail: THUMB, width: 640, height: 360 })]);
    const video = bubble(thread, 0).querySelector('video')!;
    expect(video.getAttribute('part')).to.equal('media video');
    expect(video.getAttribute('poster')).to.equal(THUMB);
    expect(video.getAttribute('preload')).to.equal('metadata');
  });

  it('a document shows a type badge, its name as text, its size and a download link', async () => {
    const name = '<img src=x onerror="window.__mediaPwned=1">.pdf';
    const thread = await threadWith([file(1, 'file', { url: 'https://up.example/r.pdf', fileName: name, fileSize: 1536, mimeType: 'application/pdf' })]);
    const b = bubble(thread, 0);
    expect(b.querySelector('.doc-icon')!.classList.contains('pdf')).to.equal(true);
    expect(b.querySelector('.doc-name')!.textContent).to.equal(name);
    expect(b.querySelector('.doc-size')!.textContent).to.equal('2 KB');
    const link = b.querySelector('a.download')!;
    expect(link.getAttribute('href')).to.equal('https://up.example/r.pdf');
    expect(link.getAttribute('download')).to.equal(name);
    expect(link.getAttribute('rel')).to.equal('noopener');
    expect(b.querySelectorAll('img').length).to.equal(0);
    await nextFrame();
    expect((window as unknown as { __mediaPwned?: number }).__mediaPwned).to.equal(undefined);
  });

  it('a long document name shortens its stem and keeps its extension in view, the full name in its title', async () => {
    const name = 'Spoke-and-Chain-invoice-2026-114-brake-tune-up-and-wheel-truing.pdf';
    const thread = await threadWith([file(1, 'file', { url: 'https://up.example/i.pdf', fileName: name, fileSize: 721 })]);
    const b = bubble(thread, 0);
    const shown = b.querySelector<HTMLElement>('.doc-name')!;
    expect(shown.textContent).to.equal(name);
    expect(shown.getAttribute('title')).to.equal(name);
    expect(shown.getAttribute('dir')).to.equal('auto');
    const stem = shown.querySelector<HTMLElement>('.stem')!;
    const ext = shown.querySelector<HTMLElement>('.ext')!;
    expect(ext.textContent).to.equal('.pdf');
    expect(stem.scrollWidth > stem.clientWidth).to.equal(true);
    const e = ext.getBoundingClientRect();
    const box = b.getBoundingClientRect();
    expect(e.width > 10 && e.left >= stem.getBoundingClientRect().right - 1 && e.right <= box.right).to.equal(true);
  });

  it('an encrypted aesgcm:// file shows as a document without a link or a source', async () => {
    const thread = await threadWith([file(1, 'image', { url: 'aesgcm://up.example/x.jpg#00ff', fileName: 'x.jpg' })]);
    const b = bubble(thread, 0);
    expect(b.querySelector('.doc-name')!.textContent).to.equal('x.jpg');
    expect(b.querySelectorAll('a, img, [src]').length).to.equal(0);
  });

  it('a media message whose stored URL is not http(s) never becomes a src or href', async () => {
    const thread = await threadWith([file(1, 'image', { url: 'javascript:alert(1)' }), file(2, 'file', { url: 'data:text/html,<b>x</b>' })]);
    for (const i of [0, 1]) expect(bubble(thread, i).querySelectorAll('a, img, [src]').length).to.equal(0);
  });
});

describe('recent-chat previews of files', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  const cases: [string, StoreEvent, string][] = [
    ['a photo', file(1, 'image', { url: 'https://u/a.jpg' }), 'Photo'],
    ['a photo with a caption', file(1, 'image', { url: 'https://u/a.jpg' }, { body: 'sunset' }), 'Photo · sunset'],
    ['a voice note', file(1, 'audio', { url: 'https://u/a.webm', fileName: 'voice.webm' }), 'Voice message'],
    ['a song', file(1, 'audio', { url: 'https://u/song.mp3', fileName: 'song.mp3' }), 'Audio'],
    ['a video', file(1, 'video', { url: 'https://u/v.mp4' }), 'Video'],
    ['a document', file(1, 'file', { url: 'https://u/r.pdf', fileName: 'report.pdf' }), 'Document: report.pdf'],
    ['a document of mine', file(1, 'file', { url: 'https://u/r.pdf', fileName: 'r.pdf' }, { msgId: 'o', fromJid: ME, toJid: PEER, outgoing: true, status: 'sent', stanzaId: undefined }), 'You: Document: r.pdf'],
  ];
  for (const [what, event, text] of cases) {
    it(`${what} reads "${text}"`, async () => {
      const client = await offlineClient();
      await client.store!.dispatch([event]);
      const host = providerFor(client);
      const list = document.createElement('chat-list') as ChatList;
      host.append(list);
      const preview = await until(() => list.shadowRoot?.querySelector('.preview'), 'the preview');
      expect(preview.textContent!.replace(/\s+/g, ' ').replace(/^[✓◷⚠ ]+/, '').trim()).to.equal(text);
    });
  }

  it('in Arabic, a photo reads in Arabic', async () => {
    const client = await offlineClient();
    await client.store!.dispatch([file(1, 'image', { url: 'https://u/a.jpg' })]);
    const host = providerFor(client);
    const list = document.createElement('chat-list') as ChatList;
    list.lang = 'ar';
    host.append(list);
    await until(() => list.shadowRoot?.querySelector('.preview')?.textContent === 'صورة', 'the Arabic preview');
  });
});
