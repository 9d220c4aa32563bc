import { expect } from '@open-wc/testing';
import { server, waitFor } from './helpers.js';

interface BundleApi {
  SDK: { getJid(id: string): string; initializeSDK(p: unknown): Promise<{ statusCode: number }> };
  createSDK(): {
    initializeSDK(p: unknown): Promise<{ statusCode: number }>;
    register(): Promise<{ statusCode: number; data?: { username: string; password: string; jid: string } }>;
    connect(u: string, p: string): Promise<{ statusCode: number }>;
    sendTextMessage(p: unknown): Promise<{ statusCode: number }>;
    getChatMessages(p: unknown): Promise<{ statusCode: number; data?: { body: string }[] }>;
    disconnect(): Promise<unknown>;
    core: { openCache(username: string): Promise<unknown> } | null;
  };
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}: run the build (npm test does)`));
    document.head.append(script);
  });
}

describe('the script-tag bundle (dist/chat-widget.js)', () => {
  it('defines the elements and window.ChatWidget, and loading it twice does no harm', async () => {
    await loadScript('/dist/chat-widget.js');
    const api = (window as unknown as { ChatWidget: BundleApi }).ChatWidget;
    expect(typeof api.SDK?.initializeSDK).to.equal('function');
    for (const tag of ['chat-launcher', 'chat-list', 'chat-thread']) expect(customElements.get(tag) !== undefined, tag).to.equal(true);
    const launcherClass = customElements.get('chat-launcher');
    await loadScript('/dist/chat-widget.js');
    expect(customElements.get('chat-launcher')).to.equal(launcherClass);
  });

  it('carries English only: another language is fetched from next to the script when an element asks for it', async () => {
    const fetched = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/dist/locales/ar.js'));
    expect(fetched().length).to.equal(0);
    const list = document.createElement('chat-list');
    list.setAttribute('lang', 'ar');
    document.body.append(list);
    try {
      await waitFor(() => list.shadowRoot?.querySelector('.empty')?.textContent === 'لا توجد محادثات بعد. ابدأ واحدة من الأعلى.', 'the Arabic list');
      expect(fetched().length).to.equal(1);
      expect(list.getAttribute('dir')).to.equal('rtl');
    } finally {
      list.remove();
    }
  });

  it('its SDK carries a conversation on the real server', async function () {
    this.timeout(30000);
    const api = (window as unknown as { ChatWidget: BundleApi }).ChatWidget;
    const { service, domain } = await server();
    const people = await Promise.all([0, 1].map(async (i) => {
      const sdk = api.createSDK();
      const storagePrefix = `bundle-${i}-${Date.now()}`;
      await sdk.initializeSDK({ service, domain, storagePrefix });
      const reg = await sdk.register();
      expect((await sdk.connect(reg.data!.username, reg.data!.password)).statusCode).to.equal(200);
      return { sdk, jid: reg.data!.jid, username: reg.data!.username, storagePrefix };
    }));
    const [alice, bob] = people;
    expect((await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'via the bundle' })).statusCode).to.equal(200);
    await waitFor(async () => (await bob.sdk.getChatMessages({ toJid: alice.jid })).data?.[0]?.body === 'via the bundle', 'the message at bob');
    await Promise.all(people.map((p) => p.sdk.disconnect()));

    // The bundle stores into IndexedDB (localforage built from source): a new instance reads it back offline.
    const reload = api.createSDK();
    await reload.initializeSDK({ service, domain, storagePrefix: bob.storagePrefix });
    await reload.core!.openCache(bob.username);
    const cached = await reload.getChatMessages({ toJid: alice.jid });
    expect(cached.data!.map((m) => m.body)).to.deep.equal(['via the bundle']);
  });
});
