/** One client per page: the SDK a host page calls and the chat the elements show are the same. */
import { expect } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
// The launcher loads <chat-thread> on demand (thread/lazy.ts); these tests look into its thread at once.
import '../../src/components/thread/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { SDK, createSDK } from '../../src/sdk/index.js';
import type { ChatMessage } from '../../src/model/types.js';
import { makePerson, server, unique, waitFor, ignoreResizeObserverNotice, type Person } from './helpers.js';

ignoreResizeObserverNotice();

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? null;
const bubbles = (thread: Element | null | undefined) => [...(shadow(thread)?.querySelectorAll('.bubble') ?? [])].map((b) => b.textContent ?? '');

describe('one client per page, shared by the host and the elements', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  async function people(): Promise<[Person, Person]> {
    const alice = await makePerson(null, { connect: false });
    const bob = await makePerson(null);
    cleanup.push(() => bob.sdk.disconnect());
    return [alice, bob];
  }

  it('a launcher configured by attributes signs in the page SDK: its calls, listeners and sends are the widget\'s', async function () {
    this.timeout(30000);
    const { service, domain } = await server();
    const [alice, bob] = await people();
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'before the page opened' });

    const launcher = document.createElement('chat-launcher') as ChatLauncher;
    Object.assign(launcher, { service, domain, username: alice.username, password: alice.password, storagePrefix: unique('attr') });
    document.body.append(launcher);
    cleanup.push(async () => {
      await launcher.disconnect();
      launcher.remove();
    });
    await waitFor(() => SDK.core?.connectionState === 'connected', 'the page SDK to be signed in by the launcher');
    expect(SDK.core!.account).to.equal(alice.jid);

    // The host's calls answer for the widget's account (today's bug: 401 "Call initializeSDK first").
    const history = await SDK.getChatMessages({ toJid: bob.jid });
    expect(history.statusCode).to.equal(200);
    expect(history.data!.map((m) => m.body)).to.deep.equal(['before the page opened']);

    // A host adding its listeners later (as the README shows: no storage prefix) keeps the session and
    // hears the widget's messages.
    const heard: ChatMessage[] = [];
    const again = await SDK.initializeSDK({ service, domain, listeners: { messageListener: (m) => heard.push(m) } });
    expect(again.statusCode).to.equal(200);
    expect(again.message).to.match(/session is kept/);
    expect(SDK.core!.connectionState).to.equal('connected');
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'live after the listener' });
    await waitFor(() => heard.some((m) => m.body === 'live after the listener'), 'the host listener to hear it');

    // A message the host sends shows in the open thread at once (pending, before the server answers).
    launcher.show(bob.jid);
    await launcher.updateComplete;
    const thread = await waitFor(() => shadow(launcher)?.querySelector('chat-thread') as ChatThread | null, 'the thread');
    await waitFor(() => bubbles(thread).some((t) => t.includes('live after the listener')), 'the thread to show the history');
    const sent = SDK.sendTextMessage({ toJid: bob.jid, messageText: 'sent by the host page' });
    await waitFor(() => bubbles(thread).some((t) => t.includes('sent by the host page')), 'the host\'s message in the thread', 2000);
    expect((await sent).statusCode).to.equal(200);
    await waitFor(() => bob.messages.some((m) => m.body === 'sent by the host page'), 'bob to receive it');
  });

  it('after a mistyped username, the launcher\'s next sign-in is still the page SDK', async function () {
    this.timeout(30000);
    const { service, domain } = await server();
    const [alice, bob] = await people();
    const launcher = document.createElement('chat-launcher') as ChatLauncher;
    launcher.storagePrefix = unique('typo');
    document.body.append(launcher);
    cleanup.push(async () => {
      await launcher.disconnect();
      launcher.remove();
    });
    const typo = await launcher.connect({ service, domain, username: `${alice.username}x`, password: alice.password }).then(() => 'signed in', (e: Error) => e.message);
    expect(typo).to.match(/wrong username or password/i);
    await launcher.connect({ username: alice.username, password: alice.password });
    expect(SDK.core!.account).to.equal(alice.jid);
    expect(SDK.core!.connectionState).to.equal('connected');
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'to the right account' });
    await waitFor(async () => (await SDK.getChatMessages({ toJid: bob.jid })).data?.some((m) => m.body === 'to the right account'), 'the page SDK to answer for alice');
  });

  it('a host that signs in the page SDK itself gets launcher, list and thread without any attributes', async function () {
    this.timeout(30000);
    const { service, domain } = await server();
    const [alice, bob] = await people();
    expect((await SDK.initializeSDK({ service, domain, storagePrefix: unique('host') })).statusCode).to.equal(200);
    expect((await SDK.connect(alice.username, alice.password)).statusCode).to.equal(200);
    cleanup.push(() => SDK.disconnect());
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'hello host session' });
    await waitFor(async () => (await SDK.getRecentChats()).data?.length === 1, 'the chat at alice');

    // A launcher without a storage prefix remembers its open chat under the default one, which test files
    // run earlier in this browser may have used.
    localStorage.removeItem('chat-widget:launcher');
    const box = document.createElement('div');
    box.style.cssText = 'height:500px;display:flex;flex-direction:column';
    box.innerHTML = `<chat-list></chat-list><chat-thread peer="${bob.jid}"></chat-thread><chat-launcher open></chat-launcher>`;
    document.body.append(box);
    cleanup.push(() => box.remove());
    const [list, thread, launcher] = [box.querySelector('chat-list') as ChatList, box.querySelector('chat-thread') as ChatThread, box.querySelector('chat-launcher') as ChatLauncher];

    await waitFor(() => shadow(list)?.querySelector('.preview')?.textContent === 'hello host session', 'the list to show the host session\'s chat');
    await waitFor(() => bubbles(thread).some((t) => t.includes('hello host session')), 'the thread to show it');
    const launcherList = await waitFor(() => shadow(launcher)?.querySelector('chat-list'), "the launcher's list").catch((error: Error) => {
      // Say what the panel shows instead.
      throw new Error(`${error.message}; the launcher shows: ${[...shadow(launcher)?.querySelectorAll('[part]') ?? []].map((e) => `${e.localName}[${e.getAttribute('part')}]`).join(' ')}`);
    });
    await waitFor(() => shadow(launcherList)?.querySelector('.preview')?.textContent === 'hello host session', 'the launcher\'s list to show it');

    // Sending from the element goes out on the host's session.
    const textarea = shadow(thread)!.querySelector('textarea')!;
    textarea.value = 'typed in the thread';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(() => bob.messages.some((m) => m.body === 'typed in the thread' && m.fromJid === alice.jid), 'bob to receive it');
  });

  it('two accounts on one page: SDKs from createSDK() given to elements through .sdk', async function () {
    this.timeout(30000);
    const [alice, bob] = await people();
    await alice.sdk.connect(alice.username, alice.password);
    cleanup.push(() => alice.sdk.disconnect());
    const pageSdkBefore = SDK.core;

    const box = document.createElement('div');
    box.style.cssText = 'height:500px;display:flex';
    const aliceThread = document.createElement('chat-thread') as ChatThread;
    const bobThread = document.createElement('chat-thread') as ChatThread;
    Object.assign(aliceThread, { sdk: alice.sdk, peer: bob.jid });
    Object.assign(bobThread, { sdk: bob.sdk, peer: alice.jid });
    box.append(aliceThread, bobThread);
    document.body.append(box);
    cleanup.push(() => box.remove());
    await waitFor(() => aliceThread.binding === alice.sdk.binding && bobThread.binding === bob.sdk.binding, 'each thread to follow its SDK');

    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'from alice' });
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'from bob' });
    for (const thread of [aliceThread, bobThread]) {
      await waitFor(() => ['from alice', 'from bob'].every((t) => bubbles(thread).some((b) => b.includes(t))), 'both messages in each thread');
    }
    const side = (thread: ChatThread, text: string) => shadow(thread)!.querySelector(`.row:has(.bubble)`) && [...shadow(thread)!.querySelectorAll('.row')].find((r) => r.textContent!.includes(text))!.classList.contains('out');
    expect(side(aliceThread, 'from alice')).to.equal(true);
    expect(side(bobThread, 'from alice')).to.equal(false);
    // Neither touched the page's default SDK.
    expect(SDK.core === pageSdkBefore, 'the page SDK\'s client unchanged').to.equal(true);

    // An SDK set later replaces the one an element shows.
    const carol = createSDK();
    aliceThread.sdk = carol;
    await waitFor(() => aliceThread.binding === undefined, 'the thread to follow the new, uninitialized SDK');
  });
});
