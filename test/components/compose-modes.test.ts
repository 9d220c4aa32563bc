/** The composer's reply and edit modes (issue 9): "Reply" puts the original above the input and the
 * next send (text or file) carries `replyMessageId`; "Edit" (or the Up arrow in an empty input) puts
 * our text in the input and Enter corrects it through `editMessage`; Escape or × leaves either, an
 * edit giving back the draft it replaced. The core's calls are stubbed on the client. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { FeatureFlags } from '../../src/model/types.js';
import type { StoreEvent } from '../../src/model/events.js';
import { message, threadWith, until, nextFrame, PEER, ME } from './fixtures.js';

const mine = (i: number, body = `mine ${i}`) =>
  message(i, { msgId: `o${i}`, fromJid: ME, toJid: PEER, outgoing: true, status: 'delivered', body, stanzaId: undefined });

async function open(events: StoreEvent[], features: FeatureFlags = {}) {
  const calls: Record<string, unknown[][]> = {};
  const thread = await threadWith(events, (c) => {
    Object.assign(c.features, features);
    for (const name of ['editMessage', 'sendText', 'sendMedia'] as const) {
      (c as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => void (calls[name] ??= []).push(args);
    }
  });
  return { thread, calls };
}

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);
const input = (thread: ChatThread) => $<HTMLTextAreaElement>(thread, 'textarea')!;
const bar = (thread: ChatThread) => $(thread, '.compose-bar');
const barText = (thread: ChatThread) => [...bar(thread)!.querySelectorAll('.compose-bar-text > *')].map((e) => e.textContent).join(' / ');
const rowWith = (thread: ChatThread, text: string) =>
  [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')].find((r) => r.querySelector('.bubble')!.textContent!.includes(text))!;

async function act(thread: ChatThread, text: string, label: string) {
  rowWith(thread, text).querySelector<HTMLElement>('.menu-button')!.click();
  const menu = await until(() => $(thread, '[role="menu"]'), 'the menu');
  [...menu.querySelectorAll<HTMLElement>('.menu-item')].find((b) => b.textContent!.trim().endsWith(label))!.click();
  await thread.updateComplete;
}

async function type(thread: ChatThread, text: string) {
  input(thread).value = text;
  input(thread).dispatchEvent(new InputEvent('input', { bubbles: true }));
  await thread.updateComplete;
}

async function press(thread: ChatThread, key: string) {
  input(thread).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await thread.updateComplete;
}

describe('the composer\'s reply and edit modes', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('reply: the original above the input, then sendText with replyMessageId; accessible', async () => {
    const { thread, calls } = await open([message(1, { body: 'where are you?' })]);
    await act(thread, 'where are you?', 'Reply');
    expect(barText(thread)).to.equal('peer / where are you?');
    await until(() => thread.shadowRoot!.activeElement === input(thread), 'the input focused');
    await expect(thread).to.be.accessible();
    await type(thread, 'at home');
    await press(thread, 'Enter');
    await until(() => calls.sendText, 'the send');
    expect(JSON.stringify(calls.sendText[0][0])).to.equal(JSON.stringify({ toJid: PEER, messageText: 'at home', replyMessageId: 'm1' }));
    await thread.updateComplete;
    expect(!!bar(thread)).to.equal(false);
  });

  it('reply with a file: sendMedia gets replyMessageId; a file message shows its kind in the preview', async () => {
    const media = { url: 'https://example.org/a.png', mimeType: 'image/png', fileName: 'a.png', fileSize: 10 };
    const { thread, calls } = await open([message(1, { msgType: 'image', body: '', media, fromJid: PEER })]);
    await act(thread, '', 'Reply');
    expect(barText(thread)).to.equal('peer / Photo');
    const data = new DataTransfer();
    data.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'report.pdf', { type: 'application/pdf' }));
    $(thread, 'lit-virtualizer')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await until(() => $(thread, '.attach-preview'), 'the file preview');
    await press(thread, 'Enter');
    await until(() => calls.sendMedia, 'the send');
    const [kind, params] = calls.sendMedia[0] as [string, { toJid: string; replyMessageId?: string }];
    expect(`${kind} ${params.toJid} ${params.replyMessageId}`).to.equal(`file ${PEER} m1`);
    expect(!!bar(thread)).to.equal(false);
  });

  it('a reply is left with × or Escape (nothing sent with replyMessageId); chat-reply can veto it', async () => {
    const { thread, calls } = await open([message(1), mine(2)]);
    await act(thread, 'mine 2', 'Reply');
    expect(barText(thread)).to.equal('You / mine 2');
    $(thread, '[part="compose-cancel"]')!.click();
    await thread.updateComplete;
    expect(!!bar(thread)).to.equal(false);
    await act(thread, 'message 1', 'Reply');
    await press(thread, 'Escape');
    expect(!!bar(thread)).to.equal(false);
    const veto = (e: Event) => e.preventDefault();
    document.addEventListener('chat-reply', veto);
    await act(thread, 'message 1', 'Reply');
    document.removeEventListener('chat-reply', veto);
    expect(!!bar(thread)).to.equal(false);
    await type(thread, 'plain');
    await press(thread, 'Enter');
    await until(() => calls.sendText, 'the send');
    expect('replyMessageId' in (calls.sendText[0][0] as object)).to.equal(false);
  });

  it('edit: our text in the input under "Editing"; Enter calls editMessage, then the draft comes back', async () => {
    const { thread, calls } = await open([mine(1, 'helo')]);
    await type(thread, 'half written');
    await act(thread, 'helo', 'Edit');
    expect(barText(thread)).to.equal('Editing / helo');
    expect(input(thread).value).to.equal('helo');
    // No file or voice note while editing.
    expect(!!$(thread, '[part="attach"]')).to.equal(false);
    await expect(thread).to.be.accessible();
    await type(thread, 'hello');
    await press(thread, 'Enter');
    await until(() => calls.editMessage, 'the edit');
    expect(JSON.stringify(calls.editMessage[0][0])).to.equal(JSON.stringify({ toJid: PEER, messageId: 'o1', messageText: 'hello' }));
    await until(() => !bar(thread), 'the bar gone');
    expect(input(thread).value).to.equal('half written');
    expect(calls.sendText).to.equal(undefined);
  });

  it('Escape leaves an edit and restores the draft; chat-edit can veto the edit', async () => {
    const { thread, calls } = await open([mine(1, 'helo')]);
    await type(thread, 'draft');
    await act(thread, 'helo', 'Edit');
    await press(thread, 'Escape');
    expect(!!bar(thread)).to.equal(false);
    expect(input(thread).value).to.equal('draft');
    const details: string[] = [];
    const veto = (e: Event) => {
      details.push(JSON.stringify((e as CustomEvent).detail));
      e.preventDefault();
    };
    document.addEventListener('chat-edit', veto);
    await act(thread, 'helo', 'Edit');
    await type(thread, 'hello');
    await press(thread, 'Enter');
    document.removeEventListener('chat-edit', veto);
    await nextFrame();
    expect(details.join()).to.equal(JSON.stringify({ toJid: PEER, messageId: 'o1', text: 'hello' }));
    expect(calls.editMessage).to.equal(undefined);
  });

  it('the Up arrow in an empty input edits our last text message', async () => {
    const media = { url: 'https://example.org/a.png', mimeType: 'image/png', fileName: 'a.png', fileSize: 10 };
    const { thread } = await open([mine(1), mine(2), message(3), { ...mine(4), message: { ...(mine(4) as { message: object }).message, msgType: 'image', body: '', media } } as StoreEvent]);
    input(thread).focus();
    await type(thread, 'x');
    await sendKeys({ press: 'ArrowUp' });
    expect(!!bar(thread)).to.equal(false);
    await type(thread, '');
    await sendKeys({ press: 'ArrowUp' });
    await thread.updateComplete;
    expect(barText(thread)).to.equal('Editing / mine 2');
    expect(input(thread).value).to.equal('mine 2');
  });

  it('the Up arrow edits nothing when editing is switched off', async () => {
    const { thread } = await open([mine(1)], { editMessage: false });
    input(thread).focus();
    await sendKeys({ press: 'ArrowUp' });
    await thread.updateComplete;
    expect(!!bar(thread)).to.equal(false);
    expect(input(thread).value).to.equal('');
  });
});
