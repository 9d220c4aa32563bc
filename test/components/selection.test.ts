// Selecting several messages to forward (thread/selection.ts): "Select" on the message menu, rows as
// checkboxes toggled by click and by keyboard, the bar that replaces the composer, forwarding the chosen
// messages in chat order through `chat-forward` and the forward dialog, Cancel and Escape, what cannot
// be chosen, the feature switch, and accessibility.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatClient } from '../../src/core/client.js';
import type { FeatureFlags } from '../../src/model/types.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { ChatEventMap } from '../../src/components/shared/events.js';
import { message, threadWith, until, nextFrame, PEER, ME } from './fixtures.js';

/** A thread over `events` whose client records the ids and targets `forwardMessages` is called with. */
async function open(events: StoreEvent[], features: FeatureFlags = {}) {
  const forwarded: string[] = [];
  let client!: ChatClient;
  const thread = await threadWith(events, (c) => {
    client = c;
    Object.assign(c.features, features);
    c.forwardMessages = async (p) => {
      forwarded.push(`${p.fromJid} > ${p.toJids.join(',')}: ${p.messageIds.join(',')}`);
      return [];
    };
  });
  return { thread, forwarded, client };
}

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);
const rowWith = (thread: ChatThread, text: string) =>
  [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')].find((r) => r.textContent!.includes(text))!;
const checked = (thread: ChatThread) =>
  [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row[aria-checked="true"]')].map((r) => r.querySelector('.text')!.textContent).join(', ');
const count = (thread: ChatThread) => $(thread, '[part="selection-count"]')?.textContent?.trim();
const forwardButton = (thread: ChatThread) => $<HTMLButtonElement>(thread, '[part="selection-forward"]')!;
const focused = (thread: ChatThread) => thread.shadowRoot!.activeElement as HTMLElement | null;

async function menuItems(thread: ChatThread, text: string) {
  rowWith(thread, text).querySelector<HTMLElement>('.menu-button')!.click();
  const menu = await until(() => $(thread, '[role="menu"]'), 'the menu');
  return [...menu.querySelectorAll<HTMLElement>('.menu-item')];
}

/** Opens the menu of the message with `text` and chooses "Select". */
async function select(thread: ChatThread, text: string) {
  const item = (await menuItems(thread, text)).find((b) => b.textContent!.trim().endsWith('Select'));
  if (!item) throw new Error('no Select in the menu');
  item.click();
  await until(() => $(thread, '[part="selection-bar"]'), 'the selection bar');
  await thread.updateComplete;
}

describe('selecting messages to forward', () => {
  afterEach(() => document.querySelectorAll('body > div, body > chat-thread').forEach((d) => d.remove()));

  it('chooses messages by click and keyboard, and forwards exactly those in chat order', async () => {
    const { thread, forwarded } = await open([message(1), message(2), message(3), message(4)]);
    await select(thread, 'message 3');
    // The bar replaces the composer; every row is a checkbox.
    expect(!!$(thread, 'textarea')).to.equal(false);
    expect(thread.shadowRoot!.querySelectorAll('lit-virtualizer .row[role="checkbox"]').length).to.equal(4);
    expect(checked(thread)).to.equal('message 3');
    expect(count(thread)).to.equal('1 selected');
    // A click on another row chooses it; a second click takes it back.
    rowWith(thread, 'message 1').click();
    await thread.updateComplete;
    rowWith(thread, 'message 2').click();
    await thread.updateComplete;
    rowWith(thread, 'message 2').click();
    await thread.updateComplete;
    expect(checked(thread)).to.equal('message 1, message 3');
    // Space on the focused row chooses it, and opens no menu.
    rowWith(thread, 'message 3').focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focused(thread)?.textContent?.includes('message 4'), 'message 4 focused');
    await sendKeys({ press: 'Space' });
    await until(() => count(thread) === '3 selected', 'three selected');
    expect(checked(thread)).to.equal('message 1, message 3, message 4');
    expect(!!$(thread, '[role="menu"]')).to.equal(false);
    // Forward: the event has the chosen messages, oldest first; then the dialog with those.
    let detail = '';
    const listener = (e: Event) => {
      const d = (e as ChatEventMap['chat-forward']).detail;
      detail = `${d.fromJid}: ${d.messages.map((m) => m.msgId).join(',')}`;
    };
    document.addEventListener('chat-forward', listener);
    forwardButton(thread).click();
    const dialog = await until(() => $(thread, 'dialog[part="forward"]'), 'the forward dialog');
    document.removeEventListener('chat-forward', listener);
    expect(detail).to.equal(`${PEER}: m1,m3,m4`);
    // Forwarding ends selecting.
    expect(!!$(thread, '[part="selection-bar"]')).to.equal(false);
    expect(thread.shadowRoot!.querySelectorAll('lit-virtualizer .row[role="checkbox"]').length).to.equal(0);
    (await until(() => dialog.querySelector<HTMLElement>('[part="forward-target"]'), 'the targets')).click();
    await nextFrame();
    dialog.querySelector<HTMLButtonElement>('[part="forward-send"]')!.click();
    await until(() => forwarded.length === 1, 'the forward');
    expect(forwarded[0]).to.equal(`${PEER} > ${PEER}: m1,m3,m4`);
  });

  it('a host that vetoes chat-forward gets no dialog', async () => {
    const { thread } = await open([message(1), message(2)]);
    await select(thread, 'message 2');
    const veto = (e: Event) => e.preventDefault();
    document.addEventListener('chat-forward', veto);
    forwardButton(thread).click();
    await until(() => !$(thread, '[part="selection-bar"]'), 'the bar gone');
    await new Promise((r) => setTimeout(r, 300));
    document.removeEventListener('chat-forward', veto);
    expect(!!$(thread, 'dialog[part="forward"]')).to.equal(false);
  });

  it('Forward is disabled with nothing chosen; Cancel and Escape end selecting', async () => {
    const { thread } = await open([message(1), message(2)]);
    await select(thread, 'message 1');
    rowWith(thread, 'message 1').click();
    await thread.updateComplete;
    expect(count(thread)).to.equal('0 selected');
    expect(forwardButton(thread).disabled).to.equal(true);
    $(thread, '[part="selection-cancel"]')!.click();
    await until(() => $(thread, 'textarea'), 'the composer back');
    expect(thread.shadowRoot!.querySelectorAll('lit-virtualizer .row[role="checkbox"]').length).to.equal(0);
    // The composer has the focus.
    expect(focused(thread)?.tagName).to.equal('TEXTAREA');
    // Escape on a message ends it too and leaves the focus there.
    await select(thread, 'message 2');
    await until(() => focused(thread)?.textContent?.includes('message 2'), 'the message focused');
    await sendKeys({ press: 'Escape' });
    await until(() => $(thread, 'textarea'), 'the composer back after Escape');
    expect(!!$(thread, '[part="selection-bar"]')).to.equal(false);
    expect(focused(thread)!.textContent!.includes('message 2')).to.equal(true);
    // Rows are ordinary again: a click chooses nothing, Enter opens the menu.
    await sendKeys({ press: 'Enter' });
    await until(() => $(thread, '[role="menu"]'), 'the menu again');
  });

  it('a deleted message, and one of ours still on its way, cannot be chosen', async () => {
    const { thread } = await open([
      message(1), message(2, { retracted: true }),
      message(3, { msgId: 'o3', fromJid: ME, toJid: PEER, outgoing: true, status: 'pending', body: 'message 3', stanzaId: undefined }),
    ]);
    // Neither offers Select.
    expect((await menuItems(thread, 'This message was deleted')).some((b) => b.textContent!.includes('Select'))).to.equal(false);
    await sendKeys({ press: 'Escape' });
    expect((await menuItems(thread, 'message 3')).some((b) => b.textContent!.includes('Select'))).to.equal(false);
    await sendKeys({ press: 'Escape' });
    await until(() => !$(thread, '[role="menu"]'), 'the menu closed');
    await select(thread, 'message 1');
    const deleted = rowWith(thread, 'This message was deleted');
    expect(deleted.getAttribute('aria-disabled')).to.equal('true');
    deleted.click();
    rowWith(thread, 'message 3').click();
    await thread.updateComplete;
    deleted.focus();
    await sendKeys({ press: 'Space' });
    await thread.updateComplete;
    expect(count(thread)).to.equal('1 selected');
    expect(thread.shadowRoot!.querySelectorAll('lit-virtualizer .row[aria-checked="true"]').length).to.equal(1);
  });

  it('"Select" is absent when forwarding is switched off', async () => {
    const { thread } = await open([message(1)], { forward: false });
    const labels = (await menuItems(thread, 'message 1')).map((b) => b.textContent!.trim()).join(', ');
    expect(labels.includes('Select')).to.equal(false);
    expect(labels.includes('Reply')).to.equal(true);
  });

  it('opening another chat ends selecting', async () => {
    const { thread, client } = await open([message(1)]);
    await client.store!.dispatch([message(2, { chatJid: 'ann@localhost', fromJid: 'ann@localhost', body: 'from ann' })]);
    await select(thread, 'message 1');
    thread.peer = 'ann@localhost';
    await until(() => rowWith(thread, 'from ann'), 'the other chat');
    await thread.updateComplete;
    expect(!!$(thread, '[part="selection-bar"]')).to.equal(false);
    expect(thread.shadowRoot!.querySelectorAll('lit-virtualizer .row[role="checkbox"]').length).to.equal(0);
  });

  it('is accessible while selecting, with the rows named and checked', async () => {
    const { thread } = await open([message(1, { body: 'hello there', reactions: { [PEER]: ['👍'] } }), message(2, { retracted: true }), message(3)]);
    await select(thread, 'hello there');
    const row = rowWith(thread, 'hello there');
    expect(row.getAttribute('aria-label')!.startsWith('hello there, ')).to.equal(true);
    // The row's buttons (here a reaction) are inert: a pointer on one reaches the row, which toggles.
    const box = row.querySelector('[part="reaction"]')!.getBoundingClientRect();
    const hit = thread.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)!;
    expect(hit.getAttribute('role')).to.equal('checkbox');
    await expect(thread).to.be.accessible();
  });
});
