import { expect } from '@open-wc/testing';
import { server, waitFor } from './helpers.js';

// A page with only the script tag and a <chat-thread> of its own (the demo pages' way): the thread's
// class is not in dist/chat-widget.js; the element is made and given its SDK and peer before the class
// exists, and is upgraded once the thread part has loaded from beside the script.

interface PageSdk {
  initializeSDK(p: unknown): Promise<{ statusCode: number }>;
  register(): Promise<{ statusCode: number; data?: { username: string; password: string; jid: string } }>;
  connect(u: string, p: string): Promise<{ statusCode: number }>;
  sendTextMessage(p: unknown): Promise<{ statusCode: number }>;
  getChatMessages(p: unknown): Promise<{ statusCode: number; data?: { body: string }[] }>;
  disconnect(): Promise<unknown>;
}

const threadChunks = () => performance.getEntriesByType('resource').filter((e) => /\/dist\/chat-widget\.thread-[\w-]+\.js$/.test(e.name)).length;

describe('a page with the script tag and its own <chat-thread>', () => {
  it('loads the thread from beside the script when the element is added, and it shows the chat', async function () {
    this.timeout(30000);
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/dist/chat-widget.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('could not load /dist/chat-widget.js: run the build (npm test does)'));
      document.head.append(script);
    });
    const api = (window as unknown as { ChatWidget: { createSDK(): PageSdk } }).ChatWidget;
    const { service, domain } = await server();
    const [alice, bob] = await Promise.all([0, 1].map(async (i) => {
      const sdk = api.createSDK();
      await sdk.initializeSDK({ service, domain, storagePrefix: `bundle-page-${i}-${Date.now()}` });
      const reg = await sdk.register();
      expect((await sdk.connect(reg.data!.username, reg.data!.password)).statusCode).to.equal(200);
      return { sdk, jid: reg.data!.jid };
    }));
    expect((await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'from the page' })).statusCode).to.equal(200);
    await waitFor(async () => (await bob.sdk.getChatMessages({ toJid: alice.jid })).data?.[0]?.body === 'from the page', 'the message at bob');

    expect(customElements.get('chat-thread') === undefined).to.equal(true);
    expect(threadChunks()).to.equal(0);
    // lit counts its copies on the page: the thread part brings none, it runs on the script's.
    const lits = () => ((window as unknown as { litHtmlVersions?: string[] }).litHtmlVersions ?? []).length;
    const litsBefore = lits();
    const thread = document.createElement('chat-thread') as HTMLElement & { sdk?: unknown };
    thread.sdk = bob.sdk;
    thread.setAttribute('peer', alice.jid);
    thread.style.cssText = 'display: block; height: 300px';
    const slot = document.createElement('div');
    document.body.append(slot);
    slot.append(thread);
    try {
      await waitFor(() => [...(thread.shadowRoot?.querySelectorAll('lit-virtualizer .row') ?? [])].some((r) => r.textContent?.includes('from the page')), 'the message in the thread');
      expect(threadChunks()).to.equal(1);
      expect(lits()).to.equal(litsBefore);
    } finally {
      slot.remove();
      await Promise.all([alice, bob].map((p) => p.sdk.disconnect()));
    }
  });
});
