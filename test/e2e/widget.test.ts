import { expect } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { SDK } from '../../src/sdk/index.js';
import { makePerson, server, waitFor, unique, startServer, stopServer, ignoreResizeObserverNotice } from './helpers.js';

ignoreResizeObserverNotice();

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? null;

describe('the widget on the real server', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const undo of cleanup.splice(0)) await undo();
  });

  it('alice types and sends; bob sees typing, the unread badge and preview, opens the chat; alice sees it seen', async function () {
    this.timeout(45000);
    const { service, domain } = await server();
    // Two accounts, made through the SDK's in-band registration.
    const alice = await makePerson(null, { connect: false });
    const bob = await makePerson(null, { connect: false });

    // Alice: a thread placed alone on the page, configured by attributes.
    const aliceBox = document.createElement('div');
    aliceBox.style.cssText = 'height:500px;display:flex;flex-direction:column';
    const thread = document.createElement('chat-thread') as ChatThread;
    Object.assign(thread, { service, domain, username: alice.username, password: alice.password, storagePrefix: unique('a'), peer: bob.jid });
    aliceBox.append(thread);
    document.body.append(aliceBox);
    cleanup.push(async () => {
      await SDK.disconnect(); // a thread configured by attributes signs in the page's SDK
      aliceBox.remove();
    });

    // Bob: the launcher, connected from JavaScript.
    const launcher = document.createElement('chat-launcher') as ChatLauncher;
    launcher.storagePrefix = unique('b');
    document.body.append(launcher);
    cleanup.push(async () => {
      await launcher.disconnect();
      launcher.remove();
    });
    await launcher.connect({ service, domain, username: bob.username, password: bob.password });
    await waitFor(() => thread.binding?.connectionState === 'connected', 'alice online');
    launcher.show();
    await launcher.updateComplete;

    const textarea = await waitFor(() => shadow(thread)?.querySelector('textarea'), 'alice composer');
    const type = (text: string) => {
      textarea.value = text;
      textarea.dispatchEvent(new InputEvent('input'));
    };
    const enter = () => textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const list = await waitFor(() => shadow(launcher)?.querySelector('chat-list') as ChatList | null, 'bob list');
    type('Hello from the widget');
    enter();
    await waitFor(() => shadow(list)?.querySelector('.unread')?.textContent === '1', 'unread badge 1');
    expect(shadow(list)!.querySelector('.preview')!.textContent).to.equal('Hello from the widget');
    expect(shadow(launcher)!.querySelector('.badge')!.textContent).to.equal('1');
    // The sender's own bubble went from pending to delivered.
    await waitFor(() => shadow(thread)?.querySelector('.row.out .tick.delivered, .row.out .tick.seen'), 'delivered tick at alice');

    type('Are you th');
    await waitFor(() => shadow(list)?.querySelector('.preview.typing'), 'typing… in bob list');
    type('Are you there?');
    enter();
    await waitFor(() => shadow(list)?.querySelector('.unread')?.textContent === '2', 'unread badge 2');
    expect(shadow(list)!.querySelectorAll('.preview.typing').length).to.equal(0);
    expect(shadow(list)!.querySelector('.preview')!.textContent).to.equal('Are you there?');

    shadow(list)!.querySelector<HTMLButtonElement>('li button')!.click();
    const bobThread = await waitFor(() => shadow(launcher)?.querySelector('chat-thread') as ChatThread | null, 'bob thread');
    await waitFor(() => [...(shadow(bobThread)?.querySelectorAll('.row.in') ?? [])].some((r) => r.textContent!.includes('Hello from the widget')), 'message in bob thread');
    await waitFor(() => shadow(thread)?.querySelector('.row.out .tick.seen'), 'seen tick at alice');
    await waitFor(() => !shadow(launcher)?.querySelector('.badge'), 'badge cleared');
  });

  it('a message holding <img src=x onerror=...> shows as text and creates no element', async function () {
    this.timeout(30000);
    const alice = await makePerson(null);
    const bob = await makePerson(null);
    cleanup.push(() => alice.sdk.disconnect(), () => bob.sdk.disconnect());
    const box = document.createElement('div');
    box.style.cssText = 'height:400px;display:flex;flex-direction:column';
    const { ContextProvider } = await import('@lit/context');
    const { chatContext } = await import('../../src/components/shared/context.js');
    new ContextProvider(box, { context: chatContext, initialValue: bob.sdk.binding! });
    const thread = document.createElement('chat-thread') as ChatThread;
    thread.peer = alice.jid;
    box.append(thread);
    document.body.append(box);
    cleanup.push(() => box.remove());
    const evil = '<img src=x onerror="window.__widgetPwned=1"><b>bold</b>';
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: evil });
    const row = await waitFor(() => [...(shadow(thread)?.querySelectorAll('.row.in') ?? [])].find((r) => r.textContent!.includes('onerror')), 'the message');
    expect(row.querySelectorAll('img, b').length).to.equal(0);
    expect(row.querySelector('.bubble')!.textContent).to.contain(evil);
    expect((window as unknown as { __widgetPwned?: number }).__widgetPwned).to.equal(undefined);
  });

  it('when the browser says the network is back, the widget reconnects without waiting out the backoff', async function () {
    this.timeout(30000);
    const alice = await makePerson(null, { reconnectDelaysMs: [60000] });
    cleanup.push(() => alice.sdk.disconnect());
    const box = document.createElement('div');
    const { ContextProvider } = await import('@lit/context');
    const { chatContext } = await import('../../src/components/shared/context.js');
    new ContextProvider(box, { context: chatContext, initialValue: alice.sdk.binding! });
    box.append(document.createElement('chat-list'));
    document.body.append(box);
    cleanup.push(() => box.remove());
    await stopServer();
    try {
      await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
    } finally {
      await startServer();
    }
    window.dispatchEvent(new Event('online'));
    await waitFor(() => alice.sdk.core!.connectionState === 'connected', 'alice back well before the 60 s backoff', 10000);
  });
});
