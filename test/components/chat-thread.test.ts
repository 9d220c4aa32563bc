import { expect, oneEvent } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { StoreEvent } from '../../src/model/events.js';
import { createSDK } from '../../src/sdk/index.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import { offlineClient, providerFor, message, until, nextFrame, PEER, ME } from './fixtures.js';

async function threadWith(events: StoreEvent[]) {
  const client = await offlineClient();
  if (events.length) await client.store!.dispatch(events);
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  thread.peer = PEER;
  host.append(thread);
  return { client, thread, host };
}

const rows = (thread: ChatThread) => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')];

describe('<chat-thread>', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('shows the conversation with day separators, sides and statuses, and is accessible', async () => {
    const { thread } = await threadWith([
      message(1, { timestamp: Date.UTC(2026, 0, 1, 12) }),
      message(2, { msgId: 'o2', fromJid: ME, toJid: PEER, outgoing: true, status: 'delivered', body: 'mine', stanzaId: undefined }),
    ]);
    await until(() => rows(thread).length === 2, 'two bubbles');
    expect(thread.shadowRoot!.querySelectorAll('.day').length).to.equal(2);
    const [first, second] = rows(thread);
    expect(first.classList.contains('in')).to.equal(true);
    expect(second.classList.contains('out')).to.equal(true);
    expect(second.querySelector('.tick')!.getAttribute('aria-label')).to.equal('delivered');
    expect(thread.shadowRoot!.querySelector('header strong')!.textContent).to.equal('peer');
    await expect(thread).to.be.accessible();
  });

  it('a message holding <img onerror> shows as text and creates no element', async () => {
    const body = '<img src=x onerror="window.__threadPwned=1"><script>window.__threadPwned=2</script>';
    const { thread } = await threadWith([message(1, { body })]);
    await until(() => rows(thread).length === 1, 'the bubble');
    const bubble = rows(thread)[0].querySelector('.bubble')!;
    expect(bubble.querySelectorAll('img, script').length).to.equal(0);
    expect(bubble.textContent).to.contain(body);
    await nextFrame();
    expect((window as unknown as { __threadPwned?: number }).__threadPwned).to.equal(undefined);
  });

  it('a thread with 10,000 cached messages keeps about a hundred bubbles in the DOM and opens at the latest', async function () {
    this.timeout(30000);
    const events = Array.from({ length: 10000 }, (_, i) => message(i, { timestamp: Date.UTC(2026, 10, 24, 0, 0, 0) + i * 1000 }));
    const { thread } = await threadWith(events);
    const scroller = thread.shadowRoot!.querySelector('lit-virtualizer')!;
    // Opening settles on the newest bubble sitting at the bottom of the view.
    const latest = await until(() => {
      const last = rows(thread).find((r) => r.textContent!.includes('message 9999'));
      if (!last) return undefined;
      const gap = scroller.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom;
      return gap > -2 && gap < 40 ? last : undefined;
    }, 'the latest message at the bottom of the view');
    expect(latest.classList.contains('in')).to.equal(true);
    expect(rows(thread).length).to.be.within(1, 110);
    expect(thread.shadowRoot!.querySelectorAll('.bubble').length).to.be.at.most(110);
  });

  it('scrolling to the top loads older messages without moving the view', async function () {
    this.timeout(20000);
    const events = Array.from({ length: 300 }, (_, i) => message(i, { timestamp: Date.UTC(2026, 10, 24, 0, 0, 0) + i * 1000 }));
    const { thread } = await threadWith(events);
    await until(() => rows(thread).some((r) => r.textContent!.includes('message 299')), 'the latest');
    const scroller = thread.shadowRoot!.querySelector('lit-virtualizer')!;
    const messages = () => (thread as unknown as { messages: unknown[] }).messages.length;
    await until(() => (thread as unknown as { settledAtOpen: boolean }).settledAtOpen, 'the thread to settle');
    // Scroll up the way a person does, a screen at a time, until older messages come in.
    for (let i = 0; i < 40 && messages() < 100; i++) {
      scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -scroller.clientHeight, bubbles: true }));
      scroller.scrollTop = Math.max(0, scroller.scrollTop - scroller.clientHeight);
      await nextFrame();
    }
    expect(messages()).to.equal(100);
    await nextFrame();
    await nextFrame();
    const view = scroller.getBoundingClientRect();
    const visible = rows(thread).filter((r) => {
      const box = r.getBoundingClientRect();
      return box.bottom > view.top + 1 && box.top < view.bottom;
    });
    // data-key is m-<rowId>; the first page held rows 250..299, the older page 200..249. The view stays
    // on what the reader was looking at instead of jumping to the oldest loaded message.
    const first = Number(visible[0].dataset.key!.slice(2));
    expect(first).to.be.within(250, 270);
  });

  it('a thread showing the latest message keeps following it through a long burst', async function () {
    this.timeout(30000);
    // A new conversation: the thread opens empty, then a busy peer writes.
    const { client, thread } = await threadWith([]);
    await nextFrame();
    // About the pace of a busy server: one message every few milliseconds, each in its own task, of
    // varied lengths (their heights are estimates until measured).
    for (let i = 20; i < 620; i++) {
      const body = `message ${i} ${'and more words '.repeat(i % 7 === 0 ? 12 : i % 3)}`;
      await client.store!.dispatch([message(i, { body, timestamp: Date.UTC(2026, 10, 24, 10, 0, 0) + i * 1000 })]);
      await new Promise((r) => setTimeout(r, 4));
    }
    const scroller = thread.shadowRoot!.querySelector('lit-virtualizer')!;
    const latest = await until(() => {
      const last = rows(thread).find((r) => r.textContent!.includes('message 619'));
      if (!last) return undefined;
      const gap = scroller.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom;
      return gap > -2 && gap < 40 ? last : undefined;
    }, 'the newest message at the bottom of the view', 3000);
    expect(latest.isConnected).to.equal(true);
    expect(thread.shadowRoot!.querySelectorAll('.jump').length).to.equal(0);
  });

  it('new messages while reading older ones show on a jump-to-latest button with their count', async () => {
    const { client, thread } = await threadWith(Array.from({ length: 120 }, (_, i) => message(i, { timestamp: Date.UTC(2026, 10, 24) + i * 1000 })));
    await until(() => (thread as unknown as { settledAtOpen: boolean }).settledAtOpen, 'the thread to settle');
    const scroller = thread.shadowRoot!.querySelector('lit-virtualizer')!;
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -800, bubbles: true }));
    scroller.scrollTop -= 800;
    const jump = await until(() => thread.shadowRoot!.querySelector<HTMLButtonElement>('.jump'), 'the jump button');
    await client.store!.dispatch([message(500, { timestamp: Date.UTC(2026, 10, 24, 1) }), message(501, { timestamp: Date.UTC(2026, 10, 24, 1) })]);
    await until(() => jump.querySelector('b')?.textContent === '2', 'a count of 2');
    jump.click();
    await until(() => !thread.shadowRoot!.querySelector('.jump'), 'the button to go once at the latest');
    const last = rows(thread).find((r) => r.textContent!.includes('message 501'))!;
    expect(last.getBoundingClientRect().bottom).to.be.at.most(scroller.getBoundingClientRect().bottom + 1);
  });

  it('sends seen status only for messages shown while the page is visible', async () => {
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    let state: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    try {
      const client = await offlineClient();
      await client.store!.dispatch([message(1), message(2)]);
      const seen: string[] = [];
      client.markRead = async (_jid: string, id: string) => {
        seen.push(id);
      };
      const host = providerFor(client);
      const thread = document.createElement('chat-thread') as ChatThread;
      thread.peer = PEER;
      host.append(thread);
      await until(() => (thread as unknown as { settledAtOpen: boolean }).settledAtOpen, 'the thread to settle');
      expect(rows(thread).length).to.equal(2);
      await new Promise((r) => setTimeout(r, 400)); // longer than the marker throttle
      expect(seen).to.deep.equal([]);
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => seen.length > 0, 'a seen marker');
      expect(seen).to.deep.equal(['m2']); // the newest message on screen
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
  });

  it('with seen status switched off, what the reader sees still stops counting as unread', async () => {
    const sdk = createSDK();
    await sdk.initializeSDK({ service: 'ws://127.0.0.1:9/unused', domain: 'localhost', storage: () => new MemoryStorage(), features: { seenStatus: false } });
    const client = sdk.core!;
    await client.openCache(ME);
    await client.store!.dispatch([message(1), message(2)]);
    expect(client.store!.recentChat(PEER)!.unreadCount).to.equal(2);
    const host = providerFor(client);
    const thread = document.createElement('chat-thread') as ChatThread;
    thread.peer = PEER;
    host.append(thread);
    await until(() => client.store!.recentChat(PEER)!.unreadCount === 0, 'the chat to be read');
    expect((await sdk.sendSeenStatus(PEER, 'm2')).statusCode).to.equal(403); // the API call stays switched off
  });

  it('Enter sends, Shift+Enter does not, and a failure is explained in the composer', async () => {
    const { thread } = await threadWith([message(1)]);
    const textarea = await until(() => thread.shadowRoot!.querySelector('textarea'), 'composer');
    textarea.value = 'hello';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    await thread.updateComplete;
    expect(thread.shadowRoot!.querySelectorAll('[role=alert]').length).to.equal(0);
    const sending = oneEvent(thread, 'chat-send');
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect((await sending).detail).to.deep.equal({ toJid: PEER, text: 'hello' });
    // This client never connected: the send is refused with a reason the user can read.
    const alert = await until(() => thread.shadowRoot!.querySelector('[role=alert]'), 'an error');
    expect(alert.textContent).to.match(/Not connected/);
  });

  it('a host page can veto a send by cancelling chat-send', async () => {
    const { thread } = await threadWith([message(1)]);
    thread.addEventListener('chat-send', (e) => e.preventDefault());
    const textarea = await until(() => thread.shadowRoot!.querySelector('textarea'), 'composer');
    textarea.value = 'blocked';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await thread.updateComplete;
    expect(textarea.value).to.equal('blocked');
    expect(thread.shadowRoot!.querySelectorAll('[role=alert]').length).to.equal(0);
  });
});
