// Browser notifications, the bell, the notification sound and the title's unread count (issue 10):
// the launcher's notifier (components/shared/notifier.ts), the list's bell (list/bell.ts) and the SDK's
// showChatNotification (sdk/notification.ts). The Notification API, AudioContext, window.focus and the
// page's visibility are stubbed in this page (a real prompt or sound cannot be observed headless).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import '../../src/components/list/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatClient } from '../../src/core/client.js';
import type { ChatSDK } from '../../src/sdk/index.js';
import type { NewMessage } from '../../src/model/types.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { ME, PEER, message, nextFrame, offlineClient, offlineSdk, providerFor, until } from './fixtures.js';

class FakeNotification {
  static permission: NotificationPermission = 'default';
  /** What the next requestPermission answers. */
  static answer: NotificationPermission = 'granted';
  static requests = 0;
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests++;
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.permission);
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(readonly title: string, readonly options: NotificationOptions = {}) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

class FakeAudio {
  static made = 0;
  static started = 0;
  currentTime = 0;
  destination = {};
  constructor() {
    FakeAudio.made++;
  }
  resume() {
    return Promise.resolve();
  }
  createOscillator() {
    return { frequency: { value: 0 }, connect: (n: unknown) => n, start: () => FakeAudio.started++, stop: () => undefined };
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (n: unknown) => n };
  }
}

const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');
const realAudio = Object.getOwnPropertyDescriptor(window, 'AudioContext');
const realFocus = Object.getOwnPropertyDescriptor(window, 'focus');
let hidden = true;
let focused = 0;

before(() => {
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  Object.defineProperty(window, 'AudioContext', { value: FakeAudio, configurable: true, writable: true });
  Object.defineProperty(document, 'hidden', { get: () => hidden, configurable: true });
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  window.focus = () => void focused++;
});

after(() => {
  if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
  if (realAudio) Object.defineProperty(window, 'AudioContext', realAudio);
  delete (document as { hidden?: boolean }).hidden;
  delete (document as { visibilityState?: string }).visibilityState;
  if (realFocus) Object.defineProperty(window, 'focus', realFocus);
  else delete (window as { focus?: unknown }).focus;
});

let count = 0;
let prefix = 0;

/** A launcher over an offline SDK, with the notifier loaded when the launcher loads it. */
async function launcher(options: { permission?: NotificationPermission; sound?: boolean; title?: boolean; open?: boolean; features?: object } = {}) {
  FakeNotification.permission = options.permission ?? 'granted';
  const sdk = await offlineSdk();
  Object.assign(sdk.core!.features, options.features ?? {});
  const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${`n${++prefix}`} ?open=${!!options.open}
    ?notification-sound=${!!options.sound} ?title-unread=${!!options.title} .sdk=${sdk}></chat-launcher>`);
  await loaded(el);
  return { el, sdk, client: sdk.core! };
}

/** The launcher's notifier, when it loads one. */
async function loaded(el: ChatLauncher): Promise<void> {
  await el.updateComplete;
  await (el as unknown as { notifying?: Promise<void> }).notifying;
  await el.updateComplete;
}

/** A peer's new message arriving as the client announces it (the binding's `message` event). */
async function receive(client: ChatClient, extra: Partial<NewMessage> = {}) {
  count++;
  const result = await client.store!.dispatch([message(1000 + count, { msgId: `n${count}`, stanzaId: `sn${count}`, body: `hello ${count}`, timestamp: Date.now(), ...extra })]);
  for (const m of result.added) client.events.emit('message', m);
  return result.added[0];
}

function mute(client: ChatClient, jid: string): void {
  const store = client.store!;
  client.binding.recentChat = (chatJid) => {
    const row = store.recentChat(chatJid);
    return row && chatJid === jid ? { ...row, isMuted: true } : row;
  };
}

describe('browser notifications of new messages (the launcher)', () => {
  beforeEach(() => {
    localStorage.clear();
    hidden = true;
    focused = 0;
    FakeNotification.shown = [];
    FakeNotification.requests = 0;
    FakeNotification.answer = 'granted';
  });

  it('a hidden page gets one with the sender and the preview (the kind for a file), tagged by chat', async () => {
    const { client } = await launcher();
    await receive(client, { body: 'Are you there?' });
    await receive(client, { msgType: 'image', body: '', media: { url: 'https://up.example/a.png', fileName: 'a.png' } });
    await receive(client, { msgType: 'file', body: '', media: { url: 'https://up.example/r.pdf', fileName: 'report.pdf' } });
    await receive(client, { msgType: 'audio', body: '', media: { url: 'https://up.example/v.ogg', fileName: 'voice.ogg' } });
    expect(FakeNotification.shown.length).to.equal(4);
    expect(FakeNotification.shown[0].title).to.equal('peer');
    expect(FakeNotification.shown[0].options.body).to.equal('Are you there?');
    expect(FakeNotification.shown[0].options.tag).to.equal(PEER);
    expect(FakeNotification.shown.slice(1).map((n) => n.options.body).join(' | ')).to.equal('Photo | Document: report.pdf | Voice message');
  });

  it('a long text is cut to 120 characters', async () => {
    const { client } = await launcher();
    await receive(client, { body: 'x'.repeat(500) });
    expect([...FakeNotification.shown[0].options.body!].length).to.equal(120);
    expect(FakeNotification.shown[0].options.body!.endsWith('…')).to.equal(true);
  });

  it('its click brings the page forward, opens the launcher on that chat and closes it', async () => {
    const { el, client } = await launcher();
    await receive(client, { chatJid: 'carol@localhost', fromJid: 'carol@localhost' });
    const shown = FakeNotification.shown[0];
    expect(shown.options.tag).to.equal('carol@localhost');
    shown.onclick!();
    await el.updateComplete;
    expect(focused).to.equal(1);
    expect(shown.closed).to.equal(true);
    expect(el.open).to.equal(true);
    const thread = await until(() => el.shadowRoot!.querySelector('chat-thread'), 'the thread');
    expect(thread.peer).to.equal('carol@localhost');
  });

  it('none for a muted chat, for our own message, for old catch-up, or for the chat open on a visible page', async () => {
    const { el, client } = await launcher();
    mute(client, 'muted@localhost');
    await receive(client, { chatJid: 'muted@localhost', fromJid: 'muted@localhost' });
    await receive(client, { outgoing: true, fromJid: ME, toJid: PEER, status: 'sent' });
    await receive(client, { timestamp: Date.now() - 60 * 60_000 });
    expect(FakeNotification.shown.length).to.equal(0);

    hidden = false;
    el.show(PEER);
    await el.updateComplete;
    await receive(client);
    expect(FakeNotification.shown.length, 'the open chat on a visible page').to.equal(0);
    // Another chat than the one open does notify; so does the open one once the page is hidden.
    await receive(client, { chatJid: 'carol@localhost', fromJid: 'carol@localhost' });
    expect(FakeNotification.shown.length, 'another chat').to.equal(1);
    hidden = true;
    await receive(client);
    expect(FakeNotification.shown.length, 'the page hidden').to.equal(2);
    hidden = false;
    el.hide();
    await el.updateComplete;
    await receive(client);
    expect(FakeNotification.shown.length, 'the panel closed').to.equal(3);
  });

  it('chat-notify comes first and a host may veto the notification', async () => {
    const { el, client } = await launcher();
    const seen: string[] = [];
    el.addEventListener('chat-notify', (e) => {
      seen.push(e.detail.message.msgId);
      e.preventDefault();
    });
    const m = await receive(client);
    expect(seen.join()).to.equal(m.msgId);
    expect(FakeNotification.shown.length).to.equal(0);
  });

  it('never asks for permission by itself; the bell asks on a click, then messages notify', async () => {
    const { el, client } = await launcher({ permission: 'default', open: true });
    expect((el as unknown as { notifying?: Promise<void> }).notifying === undefined, 'no notifier loaded yet').to.equal(true);
    await receive(client);
    await receive(client);
    expect(FakeNotification.requests).to.equal(0);
    expect(FakeNotification.shown.length).to.equal(0);

    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    const bell = await until(() => list.shadowRoot!.querySelector<HTMLButtonElement>('.bell'), 'the bell');
    expect(bell.textContent!.trim()).to.equal('Notifications off');
    expect(bell.title).to.equal('Turn on notifications of new messages');
    expect(FakeNotification.requests).to.equal(0);
    // The store's changes of the messages above reach the launcher a frame later: let them pass.
    await nextFrame();
    await nextFrame();
    await el.updateComplete;
    bell.click();
    await until(() => list.shadowRoot!.querySelector('.bell')?.getAttribute('data-state') === 'granted', 'the bell on');
    expect(FakeNotification.requests).to.equal(1);
    expect(list.shadowRoot!.querySelector('.bell')!.textContent!.trim()).to.equal('Notifications on');
    // The bell has the launcher start its notifier as soon as permission is granted.
    await el.updateComplete;
    expect((el as unknown as { notifying?: Promise<void> }).notifying !== undefined, 'the notifier loading').to.equal(true);
    await loaded(el);
    el.hide();
    await receive(client);
    expect(FakeNotification.shown.length).to.equal(1);
    expect(FakeNotification.requests).to.equal(1);
  });

  it('the bell says when the browser blocks notifications', async () => {
    const { el } = await launcher({ permission: 'denied', open: true });
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    const bell = await until(() => list.shadowRoot!.querySelector<HTMLButtonElement>('.bell'), 'the bell');
    expect(bell.textContent!.trim()).to.equal('Notifications blocked');
    expect(bell.dataset.state).to.equal('denied');
  });

  it('with the notifications feature off: no bell, no notification, no sound', async () => {
    // title-unread has the notifier loaded (the page title's count is not a notification).
    const { el, client } = await launcher({ open: true, sound: true, title: true, features: { notifications: false } });
    document.dispatchEvent(new Event('pointerdown'));
    el.hide();
    await el.updateComplete;
    const before = FakeAudio.started;
    await receive(client);
    expect(FakeNotification.shown.length).to.equal(0);
    expect(FakeAudio.started).to.equal(before);
    el.show();
    await el.updateComplete;
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    await until(() => list.shadowRoot!.querySelector('.tools'), 'the list header');
    expect(list.shadowRoot!.querySelectorAll('.bell').length).to.equal(0);
  });

  it('notification-sound: silent before a user gesture, then a tone per notifying message, none for a muted chat', async () => {
    const { client } = await launcher({ permission: 'default', sound: true });
    const made = FakeAudio.made;
    await receive(client);
    expect(FakeAudio.made, 'no audio before a gesture').to.equal(made);
    document.dispatchEvent(new Event('pointerdown'));
    const started = FakeAudio.started;
    await receive(client);
    expect(FakeAudio.started).to.equal(started + 1);
    mute(client, PEER);
    await receive(client);
    expect(FakeAudio.started, 'muted').to.equal(started + 1);
    expect(FakeNotification.shown.length, 'no permission: sound only').to.equal(0);
  });

  it('title-unread: "(n) Title" from the unread count, restored at 0 and when the attribute goes', async () => {
    document.title = 'Shop';
    const { el, client } = await launcher({ permission: 'default', title: true });
    await receive(client);
    const last = await receive(client);
    await until(() => document.title === '(2) Shop', 'the count in the title');
    await client.store!.dispatch([{ kind: 'read', chatJid: PEER, peerMsgId: last.msgId }]);
    await until(() => document.title === 'Shop', 'the title restored at 0');
    await receive(client);
    await until(() => document.title === '(1) Shop', 'the count again');
    el.titleUnread = false;
    await el.updateComplete;
    expect(document.title).to.equal('Shop');
    el.titleUnread = true;
    await el.updateComplete;
    expect(document.title).to.equal('(1) Shop');
    el.remove();
    expect(document.title).to.equal('Shop');
  });
});

describe('browser notifications of a <chat-list> on its own (its bell\'s promise)', () => {
  beforeEach(() => {
    localStorage.clear();
    hidden = true;
    focused = 0;
    FakeNotification.shown = [];
    FakeNotification.permission = 'granted';
  });
  let host: HTMLElement | undefined;
  afterEach(() => host?.remove());

  it('a hidden page gets one, whose click sends chat-open; none on a visible page (the row shows it)', async () => {
    const client = await offlineClient();
    const list = document.createElement('chat-list') as ChatList;
    host = providerFor(client);
    host.append(list);
    await until(() => list.shadowRoot?.querySelector('.bell'), 'the bell');
    let opened = '';
    list.addEventListener('chat-open', (e) => (opened = e.detail.jid));
    await receive(client, { chatJid: 'carol@localhost', fromJid: 'carol@localhost', body: 'hi' });
    expect(FakeNotification.shown.map((n) => `${n.title}: ${n.options.body}`).join()).to.equal('carol: hi');
    FakeNotification.shown[0].onclick!();
    expect(`${focused} ${opened}`).to.equal('1 carol@localhost');
    hidden = false;
    await receive(client);
    expect(FakeNotification.shown.length, 'a visible page').to.equal(1);
  });

  it('the list inside a launcher leaves it to the launcher: one notification, not two', async () => {
    const { el, client } = await launcher({ open: true });
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    await until(() => list.shadowRoot!.querySelector('.bell'), 'the bell');
    await receive(client);
    expect(FakeNotification.shown.length).to.equal(1);
  });
});

describe('SDK showChatNotification', () => {
  let sdk: ChatSDK;
  beforeEach(async () => {
    FakeNotification.shown = [];
    FakeNotification.requests = 0;
    sdk = await offlineSdk();
  });

  it('403 when the notifications feature is off', async () => {
    FakeNotification.permission = 'granted';
    sdk.core!.features.notifications = false;
    const result = await sdk.showChatNotification({ title: 'Ann', body: 'hi' });
    expect(result.statusCode).to.equal(403);
    expect(result.message).to.contain('"notifications" feature');
    expect(FakeNotification.shown.length).to.equal(0);
  });

  it('an error without permission, and it never asks for it', async () => {
    FakeNotification.permission = 'default';
    const result = await sdk.showChatNotification({ title: 'Ann', body: 'hi' });
    expect(result.statusCode).to.equal(403);
    expect(result.message).to.contain('permission is not granted');
    expect(FakeNotification.requests).to.equal(0);
    expect(FakeNotification.shown.length).to.equal(0);
  });

  it('503 without a Notification API', async () => {
    Object.defineProperty(window, 'Notification', { value: undefined, configurable: true, writable: true });
    try {
      const result = await sdk.showChatNotification({ title: 'Ann', body: 'hi' });
      expect(result.statusCode).to.equal(503);
      expect(result.message).to.equal('This browser has no Notification API');
    } finally {
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    }
  });

  it('granted: shown as given (short), a click focuses the page, closes it and calls onClick', async () => {
    FakeNotification.permission = 'granted';
    let clicked = 0;
    const before = focused;
    const result = await sdk.showChatNotification({ title: '<b>Ann</b>', body: 'y'.repeat(300), tag: 'ann@localhost', onClick: () => void clicked++ });
    expect(result.statusCode).to.equal(200);
    expect(FakeNotification.shown.length).to.equal(1);
    const shown = FakeNotification.shown[0];
    expect(shown.title).to.equal('<b>Ann</b>');
    expect([...shown.options.body!].length).to.equal(120);
    expect(shown.options.tag).to.equal('ann@localhost');
    shown.onclick!();
    expect(clicked).to.equal(1);
    expect(focused).to.equal(before + 1);
    expect(shown.closed).to.equal(true);
    expect((await sdk.showChatNotification({ title: '' })).statusCode).to.equal(400);
  });
});
