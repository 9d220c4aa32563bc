/** The composer's files (issue 8): the attach button and its picker per feature flags, a file dropped
 * or pasted into the preview, sending it with a caption (through a stubbed `sendMedia`), the errors,
 * and the upload ring, cancel and retry of our own file bubbles. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatClient } from '../../src/core/client.js';
import type { MediaMeta } from '../../src/model/types.js';
import { tooLarge } from '../../src/model/errors.js';
import { DEFAULT_FEATURES } from '../../src/core/options.js';
import { CancelledError } from '../../src/core/upload.js';
import { extensionsOf, type MediaKind } from '../../src/model/file-type.js';
import { acceptFor } from '../../src/components/thread/attach.js';
import { composerThread, message, until, nextFrame, PEER, ME } from './fixtures.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const png = () => new File([PNG], 'dot.png', { type: 'image/png' });
const DEFAULTS = DEFAULT_FEATURES;
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'report.pdf', { type: 'application/pdf' });

const open = composerThread;

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);

function withFiles(...files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  return data;
}

function drop(thread: ChatThread, file: File): DragEvent {
  const event = new DragEvent('drop', { dataTransfer: withFiles(file), bubbles: true, composed: true, cancelable: true });
  $(thread, 'lit-virtualizer')!.dispatchEvent(event);
  return event;
}

async function type(thread: ChatThread, text: string) {
  const input = $<HTMLTextAreaElement>(thread, 'textarea')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await thread.updateComplete;
}

async function pressEnter(thread: ChatThread) {
  $(thread, 'textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await thread.updateComplete;
}

/** A file message of ours in the store. */
async function ours(client: ChatClient, status: 'pending' | 'failed', media: MediaMeta) {
  await client.store!.dispatch([message(1, { msgId: 'up1', fromJid: ME, toJid: PEER, outgoing: true, status, msgType: 'image', body: '', media, stanzaId: undefined })]);
}

describe('attaching files in the composer', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('the attach button has a label and its picker accepts only the kinds switched on', async () => {
    const { thread } = await open({ videoAttachment: false });
    const button = $(thread, '[part="attach"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Attach a file');
    const accept = $<HTMLInputElement>(thread, 'input[type="file"]')!.accept.split(',');
    expect(accept.includes('.png')).to.equal(true);
    expect(accept.includes('.pdf')).to.equal(true);
    expect(accept.includes('.mp3')).to.equal(true);
    expect(accept.includes('.mp4')).to.equal(false);
    await expect(thread).to.be.accessible();
  });

  it('each kind\'s picker list holds every extension the core accepts for it, and no other kind\'s', () => {
    const none = { imageAttachment: false, audioAttachment: false, videoAttachment: false, documentAttachment: false };
    const flags: Record<MediaKind, keyof typeof none> = { image: 'imageAttachment', audio: 'audioAttachment', video: 'videoAttachment', file: 'documentAttachment' };
    for (const kind of Object.keys(flags) as MediaKind[]) {
      const accept = acceptFor({ ...DEFAULTS, ...none, [flags[kind]]: true }).split(',');
      const missing = extensionsOf(kind).filter((ext) => !accept.includes(`.${ext}`));
      expect(`${kind}: ${missing.join()}`).to.equal(`${kind}: `);
      const others = (Object.keys(flags) as MediaKind[]).filter((k) => k !== kind).flatMap((k) => extensionsOf(k)).filter((ext) => !extensionsOf(kind).includes(ext));
      expect(`${kind}: ${others.filter((ext) => accept.includes(`.${ext}`)).join()}`).to.equal(`${kind}: `);
    }
  });

  it('a file dragged over the thread shows where to drop it, until it is dropped', async () => {
    const { thread } = await open();
    $(thread, 'lit-virtualizer')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: withFiles(png()), bubbles: true, composed: true, cancelable: true }));
    await thread.updateComplete;
    expect($(thread, '[part="drop-hint"]') !== null).to.equal(true);
    drop(thread, png());
    await thread.updateComplete;
    expect($(thread, '[part="drop-hint"]') === null).to.equal(true);
  });

  it('no attach button when every kind of file is switched off', async () => {
    const { thread } = await open({ imageAttachment: false, audioAttachment: false, videoAttachment: false, documentAttachment: false });
    expect($(thread, '[part="attach"]') === null).to.equal(true);
    expect($(thread, 'input[type="file"]') === null).to.equal(true);
    // A file dropped anyway is not taken.
    expect(drop(thread, png()).defaultPrevented).to.equal(false);
  });

  it('a file dropped on the thread shows in the preview: a picture as its thumbnail, a document by name and size', async () => {
    const { thread } = await open();
    expect(drop(thread, png()).defaultPrevented).to.equal(true);
    await thread.updateComplete;
    expect($<HTMLImageElement>(thread, '[part="attach-preview"] img')!.src.startsWith('blob:')).to.equal(true);
    expect($(thread, '[part="attach-preview"] .doc-name')!.textContent).to.equal('dot.png');
    expect($<HTMLTextAreaElement>(thread, 'textarea')!.placeholder).to.equal('Add a caption');
    drop(thread, pdf());
    await thread.updateComplete;
    expect($(thread, '[part="attach-preview"] img') === null).to.equal(true);
    expect($(thread, '[part="attach-preview"] .doc-icon')!.textContent).to.equal('PDF');
    expect($(thread, '[part="attach-preview"] .doc-icon')!.classList.contains('pdf')).to.equal(true);
    expect($(thread, '[part="attach-preview"] .doc-name')!.textContent).to.equal('report.pdf');
    expect($(thread, '[part="attach-preview"] .doc-size')!.textContent).to.equal('15 B');
  });

  it('a long file name in the preview shortens its stem and keeps its extension in view', async () => {
    const { thread } = await open();
    const name = 'Spoke-and-Chain-invoice-2026-114-brake-tune-up-and-wheel-truing-and-more.pdf';
    drop(thread, new File(['%PDF-1.4\n%%EOF\n'], name, { type: 'application/pdf' }));
    await thread.updateComplete;
    const shown = $(thread, '[part="attach-preview"] .doc-name')!;
    expect(shown.textContent).to.equal(name);
    expect(shown.getAttribute('title')).to.equal(name);
    const stem = shown.querySelector<HTMLElement>('.stem')!;
    const ext = shown.querySelector<HTMLElement>('.ext')!.getBoundingClientRect();
    expect(stem.scrollWidth > stem.clientWidth).to.equal(true);
    expect(ext.width > 10 && ext.right <= $(thread, '[part="attach-preview"]')!.getBoundingClientRect().right).to.equal(true);
  });

  it('a file pasted into the composer shows in the preview', async () => {
    const { thread } = await open();
    const paste = new ClipboardEvent('paste', { clipboardData: withFiles(png()), bubbles: true, cancelable: true });
    $(thread, 'textarea')!.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await thread.updateComplete;
    expect($(thread, '[part="attach-preview"] .doc-name')!.textContent).to.equal('dot.png');
  });

  it('Enter sends the file with the text as its caption, after a chat-attach event, and clears the preview', async () => {
    const { thread, sent } = await open();
    const attached: string[] = [];
    thread.addEventListener('chat-attach', (e) => attached.push(`${e.detail.chatJid} ${e.detail.file.name}`));
    drop(thread, png());
    await type(thread, 'A dot');
    await pressEnter(thread);
    expect(attached.join()).to.equal(`${PEER} dot.png`);
    expect(sent.length).to.equal(1);
    expect(sent[0].kind).to.equal('image');
    expect(sent[0].params.toJid).to.equal(PEER);
    expect(sent[0].params.fileMessageParams.caption).to.equal('A dot');
    expect((sent[0].params.fileMessageParams.file as File).name).to.equal('dot.png');
    expect($(thread, '[part="attach-preview"]') === null).to.equal(true);
    expect($<HTMLTextAreaElement>(thread, 'textarea')!.value).to.equal('');
    // A document goes as a document.
    drop(thread, pdf());
    await thread.updateComplete;
    $<HTMLButtonElement>(thread, '[part="send"]')!.click();
    await thread.updateComplete;
    expect(sent.map((s) => s.kind).join()).to.equal('image,file');
  });

  it('a host that cancels chat-attach keeps the file unsent', async () => {
    const { thread, sent } = await open();
    thread.addEventListener('chat-attach', (e) => e.preventDefault());
    drop(thread, png());
    await pressEnter(thread);
    expect(sent.length).to.equal(0);
    expect($(thread, '[part="attach-preview"]') !== null).to.equal(true);
  });

  it('× removes the file from the preview', async () => {
    const { thread, sent } = await open();
    drop(thread, png());
    await thread.updateComplete;
    $<HTMLButtonElement>(thread, '[part="attach-remove"]')!.click();
    await thread.updateComplete;
    expect($(thread, '[part="attach-preview"]') === null).to.equal(true);
    await pressEnter(thread);
    expect(sent.length).to.equal(0);
  });

  it('a refused file says why in the composer', async () => {
    const { client, thread } = await open();
    const errors: number[] = [];
    thread.addEventListener('chat-error', (e) => errors.push(e.detail.statusCode));
    client.binding.sendMedia = () => Promise.reject(tooLarge('The file is 2 MB, over the limit of 1 MB'));
    drop(thread, png());
    await pressEnter(thread);
    const error = await until(() => $(thread, '.composer-error'), 'the error');
    expect(error.textContent).to.equal('This file is too large for the chat server.');
    expect(errors.join()).to.equal('413');
  });

  it('an upload the person cancelled shows no error: it was their own wish', async () => {
    const { client, thread } = await open();
    const errors: number[] = [];
    thread.addEventListener('chat-error', (e) => errors.push(e.detail.statusCode));
    let cancel = (): void => undefined;
    client.binding.sendMedia = () => new Promise((_, reject) => (cancel = () => reject(new CancelledError())));
    drop(thread, png());
    await pressEnter(thread);
    cancel();
    await nextFrame();
    await thread.updateComplete;
    await nextFrame();
    expect($(thread, '.composer-error') === null).to.equal(true);
    expect(errors.length).to.equal(0);
  });

  it('a kind switched off is refused when dropped', async () => {
    const { thread } = await open({ imageAttachment: false });
    drop(thread, png());
    await thread.updateComplete;
    expect($(thread, '[part="attach-preview"]') === null).to.equal(true);
    expect($(thread, '.composer-error')!.textContent).to.equal('This is switched off for this chat.');
  });

  it('an uploading bubble of ours shows a ring that follows the upload events, and cancels', async () => {
    const { client, thread } = await open();
    const cancelled: string[] = [];
    client.binding.cancelUpload = (msgId) => {
      cancelled.push(msgId);
      return Promise.resolve();
    };
    await ours(client, 'pending', { url: URL.createObjectURL(png()), fileName: 'dot.png', mimeType: 'image/png', fileSize: PNG.length });
    const ring = await until(() => $(thread, 'lit-virtualizer [part="progress"]'), 'the ring');
    expect(ring.getAttribute('role')).to.equal('progressbar');
    expect(ring.getAttribute('aria-valuenow')).to.equal('0');
    client.events.emit('upload', { chatJid: PEER, msgId: 'up1', loaded: 30, total: 120 });
    await nextFrame();
    expect($(thread, 'lit-virtualizer [part="progress"]')!.getAttribute('aria-valuenow')).to.equal('25');
    client.events.emit('upload', { chatJid: PEER, msgId: 'other', loaded: 120, total: 120 });
    client.events.emit('upload', { chatJid: PEER, msgId: 'up1', loaded: 90, total: 120 });
    await nextFrame();
    expect($(thread, 'lit-virtualizer [part="progress"]')!.getAttribute('aria-valuenow')).to.equal('75');
    // The local preview shows while uploading.
    expect($<HTMLImageElement>(thread, 'lit-virtualizer img')!.src.startsWith('blob:')).to.equal(true);
    $<HTMLButtonElement>(thread, '[part="cancel-upload"]')!.click();
    expect(cancelled.join()).to.equal('up1');
    await expect(thread).to.be.accessible();
  });

  it('a failed file of ours has a retry button that sends it again', async () => {
    const { client, thread } = await open();
    const retried: string[] = [];
    client.binding.resendMessage = (params) => {
      retried.push(`${params.toJid} ${params.messageId}`);
      return new Promise(() => undefined);
    };
    await ours(client, 'failed', { url: 'blob:gone', fileName: 'dot.png', mimeType: 'image/png' });
    const retry = await until(() => $<HTMLButtonElement>(thread, 'lit-virtualizer [part="retry"]'), 'the retry button');
    expect($(thread, 'lit-virtualizer [part="progress"]') === null).to.equal(true);
    retry.click();
    expect(retried.join()).to.equal(`${PEER} up1`);
  });
});
