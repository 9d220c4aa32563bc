import { expect, oneEvent } from '@open-wc/testing';
import '../../src/components/list/define.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { StoreEvent } from '../../src/model/events.js';
import { SDK } from '../../src/sdk/index.js';
import { offlineClient, providerFor, message, until, PEER, ME } from './fixtures.js';

async function listWith(events: StoreEvent[]) {
  const client = await offlineClient();
  await client.store!.dispatch(events);
  const host = providerFor(client);
  const list = document.createElement('chat-list') as ChatList;
  host.append(list);
  await until(() => list.shadowRoot?.querySelector('li'), 'a row');
  return { client, list, host };
}

describe('<chat-list>', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('shows each chat with initials, name, preview, time and unread count', async () => {
    const { list } = await listWith([message(1), message(2, { body: 'latest words' })]);
    const row = list.shadowRoot!.querySelector('li button')!;
    expect(row.querySelector('.avatar')!.textContent).to.equal('P');
    expect(row.querySelector('.name')!.textContent).to.equal('peer');
    expect(row.querySelector('.preview')!.textContent).to.equal('latest words');
    expect(row.querySelector('.unread')!.textContent).to.equal('2');
    expect(row.textContent!.replace(/\s+/g, ' ')).to.contain(', 2 unread');
    await expect(list).to.be.accessible();
  });

  it('lists chats newest first and keeps up with new messages', async () => {
    const other = 'zed@localhost';
    const { client, list } = await listWith([message(1), message(2, { chatJid: other, fromJid: other, msgId: 'z', stanzaId: 'sz' })]);
    const names = () => [...list.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent);
    expect(names()).to.deep.equal(['zed', 'peer']);
    await client.store!.dispatch([message(3, { timestamp: Date.UTC(2026, 10, 24, 11) })]);
    await until(() => names()[0] === 'peer', 'peer to move to the top');
  });

  it('a name holding markup is shown as text', async () => {
    const evil = 'x<img src=y onerror=alert(1)>@localhost';
    const { list } = await listWith([message(1, { chatJid: evil, fromJid: evil, body: '<b>bold?</b>' })]);
    expect(list.shadowRoot!.querySelectorAll('img, b').length).to.equal(0);
    expect(list.shadowRoot!.querySelector('.preview')!.textContent).to.equal('<b>bold?</b>');
  });

  it('shows typing live in the row', async () => {
    const { client, list } = await listWith([message(1)]);
    await client.store!.dispatch({ kind: 'typing', chatJid: PEER, state: 'composing' });
    await until(() => list.shadowRoot!.querySelector('.preview.typing'), 'typing preview');
    expect(list.shadowRoot!.querySelector('.preview')!.textContent).to.equal('typing…');
  });

  it('filters chats by name', async () => {
    const other = 'zed@localhost';
    const { list } = await listWith([message(1), message(2, { chatJid: other, fromJid: other, msgId: 'z', stanzaId: 'sz' })]);
    const filter = list.shadowRoot!.querySelector<HTMLInputElement>('#filter')!;
    filter.value = 'ze';
    filter.dispatchEvent(new InputEvent('input'));
    await list.updateComplete;
    expect([...list.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent)).to.deep.equal(['zed']);
  });

  it('clicking a chat emits chat-open with its JID', async () => {
    const { list } = await listWith([message(1)]);
    const opened = oneEvent<CustomEvent<{ jid: string }>>(list, 'chat-open');
    list.shadowRoot!.querySelector<HTMLButtonElement>('li button')!.click();
    expect((await opened).detail).to.deep.equal({ jid: PEER });
  });

  it('connection attributes set after the element joined the page are used', async () => {
    const list = document.createElement('chat-list') as ChatList;
    const box = document.createElement('div');
    box.append(list);
    document.body.append(box);
    await list.updateComplete;
    expect(list.binding === undefined, 'no chat yet').to.equal(true);
    Object.assign(list, { service: 'ws://127.0.0.1:9/none', domain: 'late.example', storagePrefix: `late-${Date.now()}` });
    // The attributes set up the page's SDK (nobody else had), and the list follows it.
    await until(() => list.binding, 'a chat from the attributes');
    expect(list.binding === SDK.binding, 'the page SDK\'s chat').to.equal(true);
    expect(SDK.core!.options.domain).to.equal('late.example');
  });

  it('starts a chat from a user id (escaped per XEP-0106) and refuses bad input with a message', async () => {
    const { list } = await listWith([message(1)]);
    const form = list.shadowRoot!.querySelector('form')!;
    const input = form.querySelector('input')!;
    input.value = 'Jane Doe';
    const opened = oneEvent<CustomEvent<{ jid: string }>>(list, 'chat-open');
    form.requestSubmit();
    expect((await opened).detail.jid).to.equal('jane\\20doe@localhost');

    input.value = 'bad@@jid';
    form.requestSubmit();
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[role=alert]')!.textContent).to.match(/not a valid address/);
    input.value = ME;
    form.requestSubmit();
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[role=alert]')!.textContent).to.match(/That is you/);
  });
});
