// A peer's message over the real server notifies the launcher's page while it is hidden (issue 10).
// The Notification API and the page's visibility are stubbed in this page (headless Chromium shows no
// notification and is never hidden); everything else is real: Prosody, the SDKs, the launcher.
import { expect } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { ignoreResizeObserverNotice, peoplePerTest, unique, waitFor, type Person } from './helpers.js';

ignoreResizeObserverNotice();

class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static requests = 0;
  static shown: RecordingNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    RecordingNotification.requests++;
    return Promise.resolve(RecordingNotification.permission);
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(readonly title: string, readonly options: NotificationOptions = {}) {
    RecordingNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

describe('notifications on the real server', () => {
  const person = peoplePerTest();
  const real = Object.getOwnPropertyDescriptor(window, 'Notification');
  let launcher: ChatLauncher | undefined;
  before(() => {
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
    Object.defineProperty(document, 'hidden', { get: () => true, configurable: true });
  });
  after(() => {
    if (real) Object.defineProperty(window, 'Notification', real);
    delete (document as { hidden?: boolean }).hidden;
  });
  afterEach(() => launcher?.remove());

  /** A launcher showing `p`'s SDK, its notifier loaded (permission is granted: it loads at once). */
  async function launcherOn(p: Person): Promise<ChatLauncher> {
    const el = document.createElement('chat-launcher') as ChatLauncher;
    el.storagePrefix = unique('n');
    el.sdk = p.sdk;
    document.body.append(el);
    await waitFor(() => !!el.binding, 'the launcher on its account');
    await el.updateComplete;
    const notifying = (el as unknown as { notifying?: Promise<void> }).notifying;
    expect(notifying !== undefined, 'the notifier loading').to.equal(true);
    await notifying;
    return el;
  }

  it('a peer sends while the page is hidden: one notification with sender and text; its click opens the chat', async function () {
    this.timeout(30000);
    const bob = await person(null);
    const alice = await person(null);
    launcher = await launcherOn(bob);

    const sent = await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'Hello <b>bob</b>, lunch?' });
    expect(sent.statusCode).to.equal(200);
    const shown = await waitFor(() => RecordingNotification.shown[0], 'the notification');
    expect(RecordingNotification.shown.length).to.equal(1);
    expect(shown.title).to.equal(alice.username);
    expect(shown.options.body).to.equal('Hello <b>bob</b>, lunch?');
    expect(shown.options.tag).to.equal(alice.jid);
    expect(RecordingNotification.requests).to.equal(0);

    shown.onclick!();
    await launcher.updateComplete;
    expect(launcher.open).to.equal(true);
    expect(shown.closed).to.equal(true);
    const thread = await waitFor(() => launcher!.shadowRoot!.querySelector('chat-thread'), 'the thread');
    expect(thread.peer).to.equal(alice.jid);
  });

  it('a chat muted on another device of the account gives no notification, no tone and no badge; unmuted, it notifies again', async function () {
    this.timeout(30000);
    RecordingNotification.shown = [];
    const bob = await person(null);
    const phone = await person({ username: bob.username, password: bob.password });
    const alice = await person(null);
    const carol = await person(null);
    launcher = await launcherOn(bob);
    const badge = () => launcher!.shadowRoot!.querySelector('[part~="badge"]')?.textContent?.trim() ?? '';

    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'first' });
    await waitFor(() => RecordingNotification.shown.length === 1, 'the first notification');
    // Muted on bob's phone: the setting reaches this page through the account's server storage.
    expect((await phone.sdk.updateMuteNotification({ toJid: alice.jid, isMuted: true })).statusCode).to.equal(200);
    await waitFor(() => launcher!.binding!.recentChat(alice.jid)?.isMuted === true, 'the mute on this device');
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'second, muted' });
    // carol's message after alice's: once it notifies, alice's was handled (and gave nothing).
    await carol.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'from carol' });
    await waitFor(() => RecordingNotification.shown.length === 2, "carol's notification");
    expect(RecordingNotification.shown.map((n) => n.options.body).join('|')).to.equal('first|from carol');
    await waitFor(() => launcher!.binding!.recentChat(alice.jid)?.unreadCount === 2, "alice's row counting both");
    await launcher.updateComplete;
    expect(`${launcher.binding!.totalUnread} ${badge()}`).to.equal('1 1');

    expect((await phone.sdk.updateMuteNotification({ toJid: alice.jid, isMuted: false })).statusCode).to.equal(200);
    await waitFor(() => launcher!.binding!.recentChat(alice.jid)?.isMuted === false, 'the unmute on this device');
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'third' });
    await waitFor(() => RecordingNotification.shown.length === 3, 'the notification after unmuting');
    expect(RecordingNotification.shown[2].options.body).to.equal('third');
  });
});
