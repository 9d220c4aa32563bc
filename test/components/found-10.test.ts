/** Faults found in issue 10 in the elements (chat settings with a feature switched off). Each test failed
 * before its fault was fixed. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/list/define.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { ChatClient } from '../../src/core/client.js';
import type { ChatSettings, FeatureFlags } from '../../src/model/types.js';
import { message, offlineClient, providerFor, until, PEER } from './fixtures.js';

const ZED = 'zed@localhost';

/** A client with chats with PEER (2 unread) and ZED (1 unread); the account's settings as the server
 * had them; some features switched off by the site. */
async function clientWith(features: FeatureFlags, settings: ChatSettings[]): Promise<ChatClient> {
  const client = await offlineClient();
  Object.assign(client.features, features);
  await client.store!.dispatch([message(1), message(2), message(3, { chatJid: ZED, fromJid: ZED, msgId: 'z3', stanzaId: 'sz3' })]);
  await client.store!.dispatch([{ kind: 'chat-settings', settings }]);
  return client;
}

async function listOf(client: ChatClient): Promise<ChatList> {
  const list = document.createElement('chat-list') as ChatList;
  list.style.flex = '1';
  providerFor(client).append(list);
  await until(() => list.shadowRoot?.querySelector('li, .archived-entry'), 'a row');
  return list;
}

describe('issue 10: a chat setting whose feature the site switched off', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('archiveChat off: a chat archived before is in the main list, with no Archived entry the user cannot act in', async () => {
    const client = await clientWith({ archiveChat: false }, [{ chatJid: ZED, archived: true }]);
    const list = await listOf(client);
    const names = [...list.shadowRoot!.querySelectorAll('li .name')].map((n) => n.textContent).join(', ');
    const entry = !!list.shadowRoot!.querySelector('.archived-entry');
    expect(`${names}; entry: ${entry}`).to.equal('zed, peer; entry: false');
  });

  it('muteChat off: a chat muted before (and now impossible to unmute) still counts in the unread total', async () => {
    const client = await clientWith({ muteChat: false }, [{ chatJid: PEER, muted: true }]);
    const list = await listOf(client);
    const muteMark = !!list.shadowRoot!.querySelector(`li[data-jid="${PEER}"] [part="muted"]`);
    expect(`${client.binding.totalUnread} mark: ${muteMark}`).to.equal('3 mark: false');
  });
});

describe('issue 10: the bell of a <chat-list> on its own (no launcher)', () => {
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    static shown: FakeNotification[] = [];
    static requestPermission() {
      return Promise.resolve(FakeNotification.permission);
    }
    onclick: (() => void) | null = null;
    constructor(readonly title: string, readonly options: NotificationOptions = {}) {
      FakeNotification.shown.push(this);
    }
    close() {}
  }
  const real = Object.getOwnPropertyDescriptor(window, 'Notification');
  before(() => {
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    Object.defineProperty(document, 'hidden', { get: () => true, configurable: true });
  });
  after(() => {
    if (real) Object.defineProperty(window, 'Notification', real);
    delete (document as { hidden?: boolean }).hidden;
    document.querySelectorAll('body > div').forEach((d) => d.remove());
  });

  it('says "Notifications on" only when a new message to a hidden page does show one', async () => {
    const client = await clientWith({}, []);
    const list = await listOf(client);
    const bell = list.shadowRoot!.querySelector('.bell')!;
    const promise = bell.textContent!.trim();
    const result = await client.store!.dispatch([message(9, { msgId: 'new9', stanzaId: 'snew9', body: 'are you there?', timestamp: Date.now() })]);
    for (const m of result.added) client.events.emit('message', m);
    await new Promise((r) => setTimeout(r, 300));
    expect(`${promise}: ${FakeNotification.shown.length} shown`).to.equal('Notifications on: 1 shown');
  });
});

describe('issue 10: the row menu by keyboard only', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('after Delete chat by keyboard the focus stays in the list (not lost to the page)', async () => {
    const client = await clientWith({}, []);
    const list = await listOf(client);
    const active = () => list.shadowRoot!.activeElement as HTMLElement | null;
    list.shadowRoot!.querySelector<HTMLElement>(`li[data-jid="${PEER}"] .row`)!.focus();
    await sendKeys({ press: 'ContextMenu' });
    await until(() => active()?.textContent?.trim() === 'Mute', 'the menu, its first item focused');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await until(() => active()?.textContent?.trim() === 'Cancel', 'the confirmation, Cancel focused');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => !list.shadowRoot!.querySelector(`li[data-jid="${PEER}"]`), 'the row gone');
    await new Promise((r) => setTimeout(r, 300));
    const where = active();
    const desc = `${where?.tagName ?? 'nothing'} ${where?.id || where?.dataset.jid || ''}`.trim();
    // Another row, or the filter (the list's own fallback when the row that opened the menu is gone).
    expect(desc === `BUTTON ${ZED}` || desc === 'INPUT filter', `the focus is on: ${desc}`).to.equal(true);
  });
});
