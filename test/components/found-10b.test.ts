/** Faults found in issue 10 by a second tester, in the elements (automatic notifications). The
 * Notification API and the page's visibility are stubbed in this page. Each test failed
 * before its fault was fixed. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import '../../src/components/list/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { ChatClient } from '../../src/core/client.js';
import type { NewMessage } from '../../src/model/types.js';
import { message, offlineClient, offlineSdk, providerFor, until } from './fixtures.js';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    return Promise.resolve(FakeNotification.permission);
  }
  onclick: (() => void) | null = null;
  constructor(readonly title: string, readonly options: NotificationOptions = {}) {
    FakeNotification.shown.push(this);
  }
  close(): void {}
}

const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');
let hidden = true;
before(() => {
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  Object.defineProperty(document, 'hidden', { get: () => hidden, configurable: true });
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
});
after(() => {
  if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
  delete (document as { hidden?: boolean }).hidden;
  delete (document as { visibilityState?: string }).visibilityState;
});

let count = 0;
let prefix = 0;
async function receive(client: ChatClient, extra: Partial<NewMessage> = {}) {
  count++;
  const result = await client.store!.dispatch([message(1000 + count, { msgId: `b${count}`, stanzaId: `sb${count}`, body: `hello ${count}`, timestamp: Date.now(), ...extra })]);
  for (const m of result.added) client.events.emit('message', m);
  return result.added[0];
}

async function launcher(options: { title?: boolean; open?: boolean } = {}) {
  const sdk = await offlineSdk();
  const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${`b${++prefix}`} ?title-unread=${!!options.title} ?open=${!!options.open} .sdk=${sdk}></chat-launcher>`);
  await el.updateComplete;
  await (el as unknown as { notifying?: Promise<void> }).notifying;
  await el.updateComplete;
  return { el, sdk, client: sdk.core! };
}

describe('issue 10 (second round): notifications', () => {
  beforeEach(() => {
    localStorage.clear();
    hidden = true;
    FakeNotification.shown = [];
    FakeNotification.permission = 'granted';
    document.title = 'Shop';
  });

  it('a launcher and a <chat-list> of the same account on one page: one notification and one chat-notify per message', async () => {
    const { el, sdk, client } = await launcher();
    const list = document.createElement('chat-list') as ChatList;
    list.sdk = sdk;
    document.body.append(list);
    try {
      await until(() => list.shadowRoot?.querySelector('.bell'), 'the list\'s bell');
      let notifies = 0;
      document.addEventListener('chat-notify', () => notifies++);
      await receive(client, { body: 'are you there?' });
      await new Promise((r) => setTimeout(r, 300));
      expect(`${FakeNotification.shown.length} shown, ${notifies} chat-notify`).to.equal('1 shown, 1 chat-notify');
    } finally {
      list.remove();
      el.remove();
    }
  });

  it('the launcher open on its list, page visible: a new message shows in its row, with no notification', async () => {
    hidden = false;
    const { el, client } = await launcher({ open: true });
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    await until(() => list.shadowRoot!.querySelector('.bell'), 'the bell');
    let notifies = 0;
    el.addEventListener('chat-notify', () => notifies++);
    await receive(client, { chatJid: 'carol@localhost', fromJid: 'carol@localhost', body: 'hi' });
    await until(() => list.shadowRoot!.querySelector('li[data-jid="carol@localhost"]'), 'the row');
    await new Promise((r) => setTimeout(r, 300));
    expect(`${FakeNotification.shown.length} shown, ${notifies} chat-notify`).to.equal('0 shown, 0 chat-notify');
    el.remove();
  });
});

describe('issue 10 (second round): clearing a chat that has no row', () => {
  it('clearChat of a chat never opened does not add an empty row to the list', async () => {
    const sdk = await offlineSdk();
    await sdk.core!.store!.dispatch([message(1)]);
    const before = (await sdk.getRecentChats()).data!.length;
    expect((await sdk.clearChat({ toJid: 'stranger@localhost' })).statusCode).to.equal(200);
    const after = (await sdk.getRecentChats()).data!.map((c) => c.chatJid).join();
    expect(`${before} before; after: ${after}`).to.equal('1 before; after: peer@localhost');
  });
});

describe('issue 10 (second round): the focus when the Archived entry goes', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('the last archived chat unarchived on another device while the Archived entry has the focus: the focus stays in the list', async () => {
    const ZED = 'zed@localhost';
    const client = await offlineClient();
    await client.store!.dispatch([message(1), message(3, { chatJid: ZED, fromJid: ZED, msgId: 'z3', stanzaId: 'sz3' })]);
    await client.store!.dispatch([{ kind: 'chat-settings', settings: [{ chatJid: ZED, archived: true }] }]);
    const list = document.createElement('chat-list') as ChatList;
    providerFor(client).append(list);
    const entry = await until(() => list.shadowRoot?.querySelector<HTMLElement>('.archived-entry'), 'the Archived entry');
    entry.focus();
    await client.store!.dispatch([{ kind: 'chat-settings', settings: [{ chatJid: ZED }] }]);
    await until(() => !list.shadowRoot!.querySelector('.archived-entry'), 'the entry gone');
    await new Promise((r) => setTimeout(r, 300));
    const where = list.shadowRoot!.activeElement as HTMLElement | null;
    expect(`page: ${document.activeElement?.tagName}; in the list: ${!!where}`).to.equal('page: CHAT-LIST; in the list: true');
  });
});
