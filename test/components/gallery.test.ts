import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { FeatureFlags } from '../../src/model/types.js';
import { offlineClient, providerFor, message, until, nextFrame, PEER } from './fixtures.js';

// 30 messages: every second one an image, with 15 images in all (and a document among them).
const history = (): StoreEvent[] => Array.from({ length: 30 }, (_, i) => i % 2 === 0
  ? message(i + 1, { msgType: i === 10 ? 'file' : 'image', body: '', media: i === 10
    ? { url: 'https://up.example/r.pdf', fileName: 'r.pdf' } : { url: `https://up.example/p${i}.png`, fileName: `p${i}.png` } })
  : message(i + 1));

async function threadWith(features: FeatureFlags = {}) {
  const client = await offlineClient();
  Object.assign(client.features, features);
  await client.store!.dispatch(history());
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  thread.peer = PEER;
  host.append(thread);
  await until(() => thread.shadowRoot!.querySelectorAll('lit-virtualizer .row').length > 0, 'the bubbles');
  await nextFrame();
  return thread;
}

const $ = (thread: ChatThread, sel: string) => thread.shadowRoot!.querySelector<HTMLElement>(sel);
const items = (thread: ChatThread) => thread.shadowRoot!.querySelectorAll<HTMLElement>('[part="gallery-item"]');
const galleryFetched = () => performance.getEntriesByType('resource').filter((e) => /\/thread\/gallery\.(js|ts)/.test(e.name)).length;

describe('media gallery', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('opens from the header (loaded then), shows the 3 newest, then 10 more per "Load more", and hides "Load more" at the end', async () => {
    const thread = await threadWith();
    expect(galleryFetched()).to.equal(0);
    $(thread, '[part="gallery-button"]')!.click();
    await until(() => items(thread).length === 3, 'the first 3');
    expect(galleryFetched()).to.equal(1);
    expect($(thread, 'dialog[part="gallery"]')!.matches(':modal')).to.equal(true);
    expect(items(thread)[0].querySelector('img')!.getAttribute('src')).to.equal('https://up.example/p28.png');
    $(thread, '[part="gallery-more"]')!.click();
    await until(() => items(thread).length === 13, '10 more');
    expect(items(thread)[9].getAttribute('href')).to.equal('https://up.example/r.pdf');
    $(thread, '[part="gallery-more"]')!.click();
    await until(() => items(thread).length === 15 && !$(thread, '[part="gallery-more"]'), 'the last 2 and no "Load more"');
    await expect(thread).to.be.accessible();
  });

  it('a picture opens in the lightbox; closing the gallery gives focus back to its button', async () => {
    const thread = await threadWith();
    const button = $(thread, '[part="gallery-button"]')!;
    button.click();
    await until(() => items(thread).length === 3, 'the first 3');
    items(thread)[1].click();
    const box = await until(() => $(thread, 'dialog[part="lightbox"]'), 'the lightbox');
    expect(box.querySelector('[part="lightbox-image"]')!.getAttribute('src')).to.equal('https://up.example/p26.png');
    (box as HTMLDialogElement).close();
    $(thread, '[part="gallery-close"]')!.click();
    await until(() => !$(thread, 'dialog[part="gallery"]'), 'the gallery to close');
    expect(thread.shadowRoot!.activeElement === button).to.equal(true);
  });

  it('files show what they are: a type badge for a document, a note for sound, a play mark on a video; names on one line', async () => {
    const client = await offlineClient();
    const long = 'Spoke-and-Chain-invoice-2026-114-brake-tune-up.pdf';
    await client.store!.dispatch([
      message(1, { msgType: 'file', body: '', media: { url: 'https://up.example/i.pdf', fileName: long, mimeType: 'application/pdf' } }),
      message(2, { msgType: 'audio', body: '', media: { url: 'https://up.example/c.wav', fileName: 'doorbell-chime.wav' } }),
      message(3, { msgType: 'video', body: '', media: { url: 'https://up.example/v.mp4', fileName: 'wheel.mp4' } }),
    ]);
    const host = providerFor(client);
    const thread = document.createElement('chat-thread') as ChatThread;
    thread.peer = PEER;
    host.append(thread);
    (await until(() => $(thread, '[part="gallery-button"]'), 'the button')).click();
    await until(() => items(thread).length === 3, 'the three files');
    const [video, sound, doc] = items(thread);
    expect(video.querySelectorAll('[part="gallery-play"]').length).to.equal(1);
    expect(sound.querySelectorAll('[part="gallery-badge"] svg').length).to.equal(1);
    const badge = doc.querySelector('[part="gallery-badge"]')!;
    expect(badge.textContent).to.equal('PDF');
    expect(badge.classList.contains('pdf')).to.equal(true);
    const name = doc.querySelector<HTMLElement>('.g-name')!;
    expect(name.textContent).to.equal(long);
    expect(name.getBoundingClientRect().height < 20 && name.scrollWidth > name.clientWidth).to.equal(true);
    await expect(thread).to.be.accessible();
  });

  it('the gallery button sits at the end of the header, beside the chat menu and close buttons', async () => {
    const thread = await threadWith();
    thread.shadowRoot!.host.setAttribute('style', 'display: flex; width: 360px; height: 500px');
    const gallery = await until(() => $(thread, '[part="gallery-button"]'), 'the gallery button');
    // The last of the header's buttons, or just before the chat's ⋯ menu button and the close button.
    const close = $(thread, 'header .chat-menu-button') ?? $(thread, '.close');
    const end = close ? close.getBoundingClientRect().left : $(thread, '[part="header"]')!.getBoundingClientRect().right - 12;
    expect(end - gallery.getBoundingClientRect().right < 24).to.equal(true);
  });

  it('has no button when mediaMessages is off', async () => {
    const thread = await threadWith({ mediaMessages: false });
    expect(thread.shadowRoot!.querySelectorAll('[part="gallery-button"]').length).to.equal(0);
    expect(thread.shadowRoot!.querySelectorAll('[part="header"]').length).to.equal(1);
  });
});
