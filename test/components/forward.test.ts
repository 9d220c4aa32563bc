// The forward dialog (thread/forward.ts, its dialog loaded on demand): targets picked from the recent
// chats with a filter, the binding's forwardMessages called with them, errors said, keyboard use.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatClient } from '../../src/core/client.js';
import { SdkError } from '../../src/model/errors.js';
import { openForward } from '../../src/components/thread/forward.js';
import { offlineClient, providerFor, mountThread, message, until, nextFrame, PEER } from './fixtures.js';

const dialogFetched = () => performance.getEntriesByType('resource').filter((e) => /\/thread\/forward-dialog\.(js|ts)/.test(e.name)).length;

async function setUp(answer: (p: Parameters<ChatClient['forwardMessages']>[0]) => Promise<unknown> = async () => []) {
  const client = await offlineClient();
  await client.store!.dispatch([
    message(1, { chatJid: 'ann@localhost', fromJid: 'ann@localhost', msgId: 'a1' }),
    message(2, { chatJid: 'bob@localhost', fromJid: 'bob@localhost', msgId: 'b1' }),
    message(3, { chatJid: 'carl@localhost', fromJid: 'carl@localhost', msgId: 'c1' }),
    message(4, { msgId: 'p1', body: 'to be forwarded' }),
  ]);
  const calls: string[] = [];
  client.forwardMessages = async (p) => {
    calls.push(`${p.fromJid} > ${p.toJids.join(',')}: ${p.messageIds.join(',')}`);
    return (await answer(p)) as never;
  };
  const thread = mountThread(providerFor(client));
  await until(() => thread.shadowRoot!.querySelector('lit-virtualizer .row'), 'the thread');
  const messages = await client.cachedMessages(PEER, 5);
  return { client, thread, calls, messages };
}

const dialogOf = (thread: ChatThread) => thread.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="forward"]');
const targets = (thread: ChatThread) => [...dialogOf(thread)!.querySelectorAll<HTMLInputElement>('[part="forward-target"]')];
const send = (thread: ChatThread) => dialogOf(thread)!.querySelector<HTMLButtonElement>('[part="forward-send"]')!;

describe('forward dialog', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('loads on demand, lists the recent chats, filters them, and forwards to the checked ones', async () => {
    const { thread, calls, messages } = await setUp();
    expect(dialogFetched()).to.equal(0);
    openForward(thread, messages);
    const dialog = await until(() => dialogOf(thread), 'the dialog');
    expect(dialogFetched()).to.equal(1);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(targets(thread).map((t) => t.value).sort().join()).to.equal('ann@localhost,bob@localhost,carl@localhost,peer@localhost');
    expect(send(thread).disabled).to.equal(true);
    // The filter has the focus: type, Enter checks the one chat left.
    expect(thread.shadowRoot!.activeElement?.getAttribute('part')).to.equal('forward-filter');
    await sendKeys({ type: 'bo' });
    await until(() => targets(thread).length === 1, 'the filtered list');
    await sendKeys({ press: 'Enter' });
    await until(() => targets(thread)[0]?.checked, 'bob checked');
    const filter = dialog.querySelector<HTMLInputElement>('[part="forward-filter"]')!;
    filter.value = '';
    filter.dispatchEvent(new InputEvent('input'));
    await until(() => targets(thread).length === 4, 'all chats again');
    // Checked chats stay checked through filtering; a click checks another.
    expect(targets(thread).filter((t) => t.checked).map((t) => t.value).join()).to.equal('bob@localhost');
    targets(thread).find((t) => t.value === 'ann@localhost')!.click();
    await nextFrame();
    expect(send(thread).textContent!.trim()).to.equal('Forward to 2 chats');
    await expect(thread).to.be.accessible();
    send(thread).click();
    await until(() => !dialogOf(thread), 'the dialog to close');
    expect(calls.join('|')).to.equal(`${PEER} > bob@localhost,ann@localhost: p1`);
  });

  it('says why forwarding failed and stays open to try again', async () => {
    const { thread, calls, messages } = await setUp(async () => {
      throw new SdkError(403, 'Forwarding is switched off');
    });
    openForward(thread, messages);
    await until(() => dialogOf(thread), 'the dialog');
    targets(thread)[0].click();
    await nextFrame();
    send(thread).click();
    const alert = await until(() => dialogOf(thread)!.querySelector('[role="alert"]')?.textContent, 'the error');
    expect(alert).to.equal('Could not forward: Forwarding is switched off');
    expect(calls.length).to.equal(1);
    expect(send(thread).disabled).to.equal(false);
    expect(dialogOf(thread)!.open).to.equal(true);
  });

  it('is used with the keyboard: Tab to a chat, Space checks it, Tab to Forward, Enter sends; Escape closes', async () => {
    const { thread, calls, messages } = await setUp();
    openForward(thread, messages);
    await until(() => dialogOf(thread), 'the dialog');
    await sendKeys({ press: 'Tab' });
    expect(thread.shadowRoot!.activeElement?.getAttribute('part')).to.equal('forward-target');
    await sendKeys({ press: 'Space' });
    await until(() => targets(thread).some((t) => t.checked), 'one checked');
    // The other chats, then Cancel, then Forward.
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Tab' });
    expect(thread.shadowRoot!.activeElement?.getAttribute('part')).to.equal('forward-send');
    await sendKeys({ press: 'Enter' });
    await until(() => !dialogOf(thread), 'the dialog to close');
    expect(calls.length).to.equal(1);
    openForward(thread, messages);
    await until(() => dialogOf(thread), 'the dialog again');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(thread), 'Escape to close it');
    expect(calls.length).to.equal(1);
  });
});
