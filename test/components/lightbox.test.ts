import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { MediaMeta, MsgType } from '../../src/model/types.js';
import { message, until, nextFrame, threadWith } from './fixtures.js';

const file = (i: number, msgType: MsgType, media: Partial<MediaMeta> & { url: string }): StoreEvent =>
  message(i, { msgType, media, body: '' });

const links = (thread: ChatThread) => thread.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a.media-open');
const box = (thread: ChatThread) => thread.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="lightbox"]');
const shown = (thread: ChatThread) => box(thread)!.querySelector('[part="lightbox-image"]')!.getAttribute('src');
const lightboxFetched = () => performance.getEntriesByType('resource').filter((e) => /\/thread\/lightbox\.(js|ts)/.test(e.name)).length;
const opened = (thread: ChatThread) => until(() => box(thread)?.open, 'the lightbox');

const three = () => [
  file(1, 'image', { url: 'https://up.example/a.png', fileName: 'a.png' }),
  file(2, 'file', { url: 'https://up.example/r.pdf', fileName: 'r.pdf' }),
  file(3, 'image', { url: 'javascript:alert(1)//x.png' }),
  file(4, 'image', { url: 'https://up.example/b.png', fileName: 'b.png' }),
];

describe('lightbox', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('is not fetched until a picture is opened; a click opens it modal with the full picture and focus inside', async () => {
    const thread = await threadWith(three());
    expect(lightboxFetched()).to.equal(0);
    expect(links(thread).length).to.equal(2);
    links(thread)[0].click();
    await opened(thread);
    expect(lightboxFetched()).to.equal(1);
    expect(shown(thread)).to.equal('https://up.example/a.png');
    expect(box(thread)!.matches(':modal')).to.equal(true);
    expect(thread.shadowRoot!.activeElement?.getAttribute('part')).to.equal('lightbox-close');
  });

  it('its bar shows the caption as text, the file name and a download link; the next picture shows its own', async () => {
    const caption = '<b onmouseover="x()">Saddle</b> مرحبا';
    const thread = await threadWith([
      message(1, { msgType: 'image', body: caption, media: { url: 'https://up.example/a.png', fileName: 'saddle.png' } }),
      file(2, 'image', { url: 'https://up.example/b.png' }),
    ]);
    links(thread)[0].click();
    await opened(thread);
    const bar = box(thread)!;
    const text = bar.querySelector<HTMLElement>('[part="lightbox-caption"]')!;
    expect(text.textContent).to.equal(caption);
    expect(text.getAttribute('dir')).to.equal('auto');
    expect(text.querySelectorAll('*').length).to.equal(0);
    expect(bar.querySelector('[part="lightbox-name"]')!.textContent).to.equal('saddle.png');
    const download = bar.querySelector<HTMLAnchorElement>('[part="lightbox-download"]')!;
    expect(download.getAttribute('href')).to.equal('https://up.example/a.png');
    expect(download.getAttribute('download')).to.equal('saddle.png');
    await sendKeys({ press: 'ArrowRight' });
    expect(text.textContent).to.equal('');
    expect(download.getAttribute('href')).to.equal('https://up.example/b.png');
    await expect(thread).to.be.accessible();
  });

  it('passes axe when open', async () => {
    const thread = await threadWith([three()[0], three()[3]]);
    links(thread)[0].click();
    await opened(thread);
    await expect(thread).to.be.accessible();
  });

  it('Enter on a picture opens it; Escape closes it and focus returns to the picture', async () => {
    const thread = await threadWith(three());
    links(thread)[1].focus();
    await sendKeys({ press: 'Enter' });
    await opened(thread);
    expect(shown(thread)).to.equal('https://up.example/b.png');
    await sendKeys({ press: 'Escape' });
    await until(() => !box(thread), 'the lightbox to close');
    expect(thread.shadowRoot!.activeElement === links(thread)[1]).to.equal(true);
  });

  it('the close button and a click on the backdrop close it, focus back on the picture', async () => {
    const thread = await threadWith(three());
    links(thread)[0].click();
    await opened(thread);
    box(thread)!.querySelector<HTMLButtonElement>('[part="lightbox-close"]')!.click();
    await until(() => !box(thread), 'the close button to close it');
    expect(thread.shadowRoot!.activeElement === links(thread)[0]).to.equal(true);
    links(thread)[0].click();
    await opened(thread);
    box(thread)!.querySelector('[part="lightbox-image"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(box(thread)?.open).to.equal(true);
    box(thread)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await until(() => !box(thread), 'the backdrop to close it');
    expect(thread.shadowRoot!.activeElement === links(thread)[0]).to.equal(true);
  });

  it('← and → move between the pictures of the chat, skipping files and never using a javascript: URL', async () => {
    const thread = await threadWith(three());
    links(thread)[0].click();
    await opened(thread);
    await sendKeys({ press: 'ArrowLeft' });
    expect(shown(thread)).to.equal('https://up.example/a.png');
    await sendKeys({ press: 'ArrowRight' });
    expect(shown(thread)).to.equal('https://up.example/b.png');
    expect(box(thread)!.querySelector('.lb-count')!.textContent).to.equal('2 of 2');
    await sendKeys({ press: 'ArrowRight' });
    expect(shown(thread)).to.equal('https://up.example/b.png');
    await sendKeys({ press: 'ArrowLeft' });
    expect(shown(thread)).to.equal('https://up.example/a.png');
    expect(thread.shadowRoot!.querySelectorAll('[src^="javascript"], [href^="javascript"]').length).to.equal(0);
  });

  it('a click with a modifier key keeps the link\'s own behaviour (no lightbox)', async () => {
    const thread = await threadWith(three());
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    links(thread)[0].querySelector('img')!.addEventListener('click', (e) => e.preventDefault(), { once: true }); // no new tab in the test
    links(thread)[0].querySelector('img')!.dispatchEvent(event);
    await nextFrame();
    expect(box(thread) === null).to.equal(true);
  });
});
