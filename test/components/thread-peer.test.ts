import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import { offlineClient, providerFor, message, until, PEER } from './fixtures.js';
import type { NewMessage } from '../../src/model/types.js';

async function threadFor(peer: string) {
  const client = await offlineClient();
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  thread.peer = peer;
  host.append(thread);
  await thread.updateComplete;
  return { client, thread };
}

const bubbles = (thread: ChatThread) => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')];

describe('<chat-thread> peer', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('a peer given in mixed case with a resource shows the messages of its chat as they arrive', async () => {
    const { client, thread } = await threadFor(' Peer@LocalHost/phone');
    expect(thread.chatJid).to.equal(PEER);
    await thread.updateComplete;
    await client.store!.dispatch([message(1)]);
    await until(() => bubbles(thread).some((r) => r.textContent!.includes('message 1')), 'the new message');
    expect(thread.shadowRoot!.querySelector('header small')!.textContent).to.equal(PEER);
  });

  it('a corrected message shows its new text once, marked edited, as soon as the correction arrives', async () => {
    const { client, thread } = await threadFor(PEER);
    await client.store!.dispatch([message(1, { msgId: 'p1', body: 'see you at 5' })]);
    await until(() => bubbles(thread).some((r) => r.textContent!.includes('see you at 5')), 'the original');
    const fix = (message(2, { msgId: 'p2', body: 'see you at 6' }) as { message: NewMessage }).message;
    await client.store!.dispatch([{ kind: 'correction', chatJid: PEER, replaceId: 'p1', correction: fix, older: false }]);
    await until(() => bubbles(thread).some((r) => r.textContent!.includes('see you at 6')), 'the corrected text');
    expect(bubbles(thread).filter((r) => r.textContent!.includes('see you at')).length).to.equal(1);
    expect(thread.shadowRoot!.querySelectorAll('[part~=edited]').length).to.equal(1);
  });

  it('an invalid peer says so in the thread instead of offering a composer', async () => {
    const { thread } = await threadFor('bob');
    await thread.updateComplete;
    const alert = thread.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('"bob" is not a valid address');
    expect(thread.shadowRoot!.querySelectorAll('textarea').length).to.equal(0);
    // In a launcher it still has its way back.
    thread.backButton = true;
    await thread.updateComplete;
    expect(thread.shadowRoot!.querySelectorAll('.back').length).to.equal(1);
  });

  it('the header shows the address with the user id unescaped (XEP-0106)', async () => {
    const { thread } = await threadFor('john\\20doe@localhost');
    await thread.updateComplete;
    expect(thread.shadowRoot!.querySelector('header strong')!.textContent).to.equal('john doe');
    expect(thread.shadowRoot!.querySelector('header small')!.textContent).to.equal('john doe@localhost');
  });
});
