// Bubbles of issue 9: reply previews (resolved from the window, through the binding once, or unknown),
// the jump to an original (older pages loaded, then highlighted), "Forwarded", the star, the deleted
// placeholder, reactions; and the list's preview of a deleted last message.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import '../../src/components/list/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { ChatClient } from '../../src/core/client.js';
import type { ChatMessage } from '../../src/model/types.js';
import type { HistoryQuery } from '../../src/model/params.js';
import { offlineClient, providerFor, mountThread, threadWith, message, until, nextFrame, PEER, ME } from './fixtures.js';

const $ = (thread: ChatThread, sel: string) => thread.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (thread: ChatThread, sel: string) => [...thread.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const rowOfText = (thread: ChatThread, text: string) => $$(thread, 'lit-virtualizer .row').find((r) => r.querySelector('.text')?.textContent === text);

/** A stored message as the binding would hand it out. */
const stored = (extra: Partial<ChatMessage>): ChatMessage => ({
  msgId: 'x', rowId: 1, chatJid: PEER, fromJid: PEER, toJid: ME, outgoing: false, msgType: 'text', body: '',
  timestamp: Date.UTC(2026, 10, 1), status: 'received', ...extra,
});

/** Records `replyMessage` calls and answers with `answer`. */
function stubReply(client: ChatClient, answer: ChatMessage | null) {
  const calls: string[] = [];
  client.replyMessage = async (p) => {
    calls.push(p.replyMessageId);
    return answer;
  };
  return calls;
}

describe('bubbles: reply previews', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('an original in the open window is read from there (sender and first line), without asking the binding', async () => {
    let calls: string[] = [];
    const thread = await threadWith([
      message(1, { body: 'first line\nsecond line', msgId: 'orig' }),
      message(2, { msgId: 'r1', fromJid: ME, toJid: PEER, outgoing: true, status: 'sent', body: 'my answer', replyTo: { msgId: 'orig', fromJid: PEER } }),
      message(3, { msgId: 'r2', body: 'answering myself', replyTo: { msgId: 'r1', fromJid: ME } }),
    ], (client) => (calls = stubReply(client, null)));
    const previews = $$(thread, '[part="reply-preview"]');
    expect(previews.length).to.equal(2);
    expect(previews[0].querySelector('.reply-from')!.textContent).to.equal('peer');
    expect(previews[0].querySelector('.reply-text')!.textContent).to.equal('first line');
    expect(previews[1].querySelector('.reply-from')!.textContent).to.equal('You');
    expect(previews[1].querySelector('.reply-text')!.textContent).to.equal('my answer');
    expect(calls.length).to.equal(0);
    await expect(thread).to.be.accessible();
  });

  it('an original not in the window is asked of the binding once (not per render), with its media kind and thumbnail', async () => {
    let calls: string[] = [];
    const thumb = 'data:image/png;base64,iVBORw0KGgo=';
    const thread = await threadWith([message(1, { body: 'look at this', replyTo: { msgId: 'old', fromJid: ME } })],
      (client) => (calls = stubReply(client, stored({ msgId: 'old', outgoing: true, fromJid: ME, msgType: 'image', body: '', media: { url: 'https://up.example/a.png', fileName: 'a.png', thumbnail: thumb } }))));
    const text = await until(() => $(thread, '[part="reply-preview"] .reply-text')?.textContent === 'Photo', 'the resolved preview');
    expect(text).to.equal(true);
    expect($(thread, '[part="reply-preview"] .reply-from')!.textContent).to.equal('You');
    expect($(thread, '[part="reply-thumb"]')!.getAttribute('src')).to.equal(thumb);
    // More renders: still one look-up.
    thread.requestUpdate();
    await thread.updateComplete;
    await nextFrame();
    expect(calls.join()).to.equal('old');
  });

  it('an original the binding does not know, or one deleted, says so', async () => {
    const thread = await threadWith([
      message(1, { msgId: 'gone', retracted: true, body: '' }),
      message(2, { body: 'reply to the unknown', replyTo: { msgId: 'nowhere', fromJid: PEER } }),
      message(3, { body: 'reply to the deleted', replyTo: { msgId: 'gone', fromJid: PEER } }),
    ], (client) => stubReply(client, null));
    await until(() => $$(thread, '[part="reply-preview"] .reply-text').some((t) => t.textContent === 'Original message not available'), 'the unknown note');
    const texts = $$(thread, '[part="reply-preview"] .reply-text').map((t) => t.textContent);
    expect(texts.join('|')).to.equal('Original message not available|Original message deleted');
    // The unknown one is not a button: there is nothing to go to.
    expect($$(thread, 'button[part="reply-preview"]').length).to.equal(1);
  });
});

describe('bubbles: jumping to an original', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('a click on the preview loads older pages until the original is there, scrolls to it and highlights it', async () => {
    const client = await offlineClient();
    const events = Array.from({ length: 160 }, (_, i) => message(i + 1));
    events.push(message(161, { body: 'about the very first', replyTo: { msgId: 'm1', fromJid: PEER } }));
    await client.store!.dispatch(events);
    const read = client.messages.bind(client);
    const older: HistoryQuery[] = [];
    client.messages = (q) => {
      if (q.position === 'up') older.push(q);
      return read(q);
    };
    stubReply(client, stored({ msgId: 'm1', body: 'message 1' }));
    const thread = mountThread(providerFor(client));
    const preview = await until(() => $(thread, 'button[part="reply-preview"]'), 'the preview');
    await until(() => !$(thread, 'lit-virtualizer.opening'), 'the thread to open');
    expect(rowOfText(thread, 'message 1') === undefined).to.equal(true);
    const before = older.length;
    preview.click();
    await until(() => rowOfText(thread, 'message 1')?.classList.contains('highlight'), 'the original, highlighted');
    const target = rowOfText(thread, 'message 1')!;
    expect(older.length - before).to.be.greaterThan(0);
    const view = $(thread, 'lit-virtualizer')!.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    expect(box.top >= view.top - 1 && box.bottom <= view.bottom + 1).to.equal(true);
  });

  it('Enter on the preview goes to an original in the window', async () => {
    const thread = await threadWith([message(1, { body: 'the original', msgId: 'o' }), ...Array.from({ length: 6 }, (_, i) => message(i + 2)),
      message(40, { body: 'a reply', replyTo: { msgId: 'o' } })]);
    const preview = $(thread, 'button[part="reply-preview"]')!;
    let clicks = 0;
    preview.addEventListener('click', () => clicks++);
    preview.focus();
    expect(thread.shadowRoot!.activeElement === preview).to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(clicks).to.equal(1);
    await until(() => rowOfText(thread, 'the original')?.classList.contains('highlight'), 'the highlight');
    await until(() => !rowOfText(thread, 'the original')?.classList.contains('highlight'), 'the highlight to go');
    expect(await thread.jumpTo('no-such-id')).to.equal(false);
  });
});

describe('bubbles: forwarded, starred, deleted, reactions', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('shows "Forwarded" on a forwarded message and a star on a favourite, and neither on others', async () => {
    const thread = await threadWith([message(1, { forwarded: true }), message(2, { favourite: true }), message(3)]);
    expect($$(thread, '[part="forwarded"]').length).to.equal(1);
    expect(rowOfText(thread, 'message 1')!.querySelector('[part="forwarded"]')!.textContent!.trim()).to.equal('↪ Forwarded');
    expect($$(thread, '[part="star"]').length).to.equal(1);
    expect(rowOfText(thread, 'message 2')!.querySelector('[part="star"]')!.getAttribute('aria-label')).to.equal('Starred');
    await expect(thread).to.be.accessible();
  });

  it('a deleted message is a placeholder: no text, no file, no reply, no reactions, on both sides', async () => {
    const thread = await threadWith([
      message(1, { retracted: true, body: '', msgType: 'image', media: { url: 'https://up.example/p.png' }, reactions: { [ME]: ['👍'] }, replyTo: { msgId: 'x' } }),
      message(2, { retracted: true, body: 'secret', outgoing: true, fromJid: ME, toJid: PEER, status: 'sent', forwarded: true, favourite: true }),
    ]);
    const deleted = $$(thread, '[part~="deleted"]');
    expect(deleted.length).to.equal(2);
    expect(deleted.map((d) => d.querySelector('.text')!.textContent).join('|')).to.equal('This message was deleted|This message was deleted');
    expect($$(thread, 'lit-virtualizer img, lit-virtualizer [part~="media"], [part="reply-preview"], [part="reactions"], [part="forwarded"], [part="star"]').length).to.equal(0);
    expect(thread.shadowRoot!.textContent!.includes('secret')).to.equal(false);
    expect(deleted[1].getAttribute('part')).to.equal('bubble bubble-out deleted');
    await expect(thread).to.be.accessible();
  });

  it('reactions: each emoji with its count, mine pressed, and a click sends my whole new set', async () => {
    const sent: string[] = [];
    const thread = await threadWith([message(1, { reactions: { [PEER]: ['👍'], [ME]: ['👍', '❤️'], 'ann@localhost': ['😂'] } })], (client) => {
      client.sendReaction = async (p) => {
        sent.push(`${p.toJid} ${p.messageId} ${p.emojis.join(',')}`);
      };
    });
    const buttons = $$(thread, '[part="reaction"]');
    expect(buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).join('|')).to.equal('👍 2|❤️ 1|😂 1');
    expect(buttons.map((b) => b.getAttribute('aria-pressed')).join()).to.equal('true,true,false');
    expect(buttons[0].getAttribute('aria-label')).to.equal('👍 2, including you');
    expect(buttons[2].getAttribute('aria-label')).to.equal('😂 1');
    buttons[2].click();
    buttons[0].click();
    await until(() => sent.length === 2, 'two sends');
    expect(sent.join('|')).to.equal(`${PEER} m1 👍,❤️,😂|${PEER} m1 ❤️`);
    await expect(thread).to.be.accessible();
  });

  it('reactions show but do nothing when reacting is switched off', async () => {
    let sent = 0;
    const thread = await threadWith([message(1, { reactions: { [PEER]: ['👍'] } })], (client) => {
      client.features.reactions = false;
      client.sendReaction = async () => void sent++;
    });
    const button = $(thread, '[part="reaction"]') as HTMLButtonElement;
    expect(button.disabled).to.equal(true);
    button.click();
    await nextFrame();
    expect(sent).to.equal(0);
  });
});

describe('<chat-list>: a deleted last message', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('reads "This message was deleted"', async () => {
    const client = await offlineClient();
    await client.store!.dispatch([message(1, { body: '', retracted: true })]);
    const list = document.createElement('chat-list') as ChatList;
    providerFor(client).append(list);
    const preview = await until(() => list.shadowRoot!.querySelector<HTMLElement>('.preview'), 'the preview');
    expect(preview.textContent!.trim()).to.equal('This message was deleted');
  });
});
