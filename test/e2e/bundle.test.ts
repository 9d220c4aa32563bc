import { expect } from '@open-wc/testing';
import { server, waitFor } from './helpers.js';

interface BundleApi {
  SDK: { getJid(id: string): string; initializeSDK(p: unknown): Promise<{ statusCode: number }> };
  createSDK(): {
    initializeSDK(p: unknown): Promise<{ statusCode: number }>;
    register(): Promise<{ statusCode: number; data?: { username: string; password: string; jid: string } }>;
    connect(u: string, p: string): Promise<{ statusCode: number }>;
    sendTextMessage(p: unknown): Promise<{ statusCode: number }>;
    sendDocumentMessage(p: unknown): Promise<{ statusCode: number; message: string }>;
    getChatMessages(p: unknown): Promise<{ statusCode: number; data?: { body: string }[] }>;
    disconnect(): Promise<unknown>;
    core: { openCache(username: string): Promise<unknown> } | null;
  };
  loadThread(): Promise<CustomElementConstructor>;
  loadList(): Promise<CustomElementConstructor>;
}

/** How often an on-demand part (dist/chat-widget.<part>-<hash>.js) was fetched so far. */
const chunks = (part: string) => performance.getEntriesByType('resource').filter((e) => new RegExp(`/dist/chat-widget\\.${part}-[\\w-]+\\.js$`).test(e.name)).length;
const threadChunks = () => chunks('thread');
const shows = (root: ShadowRoot | null | undefined, text: string) =>
  [...(root?.querySelectorAll('lit-virtualizer .row') ?? [])].some((row) => row.textContent?.includes(text));

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
  it('defines the launcher and window.ChatWidget at once, the list and the thread on demand, and loading it twice does no harm', async () => {
    await loadScript('/dist/chat-widget.js');
    const api = (window as unknown as { ChatWidget: BundleApi }).ChatWidget;
    expect(typeof api.SDK?.initializeSDK).to.equal('function');
    expect(typeof api.loadThread).to.equal('function');
    expect(typeof api.loadList).to.equal('function');
    expect(customElements.get('chat-launcher') !== undefined).to.equal(true);
    // The list and the thread are parts of their own, not fetched before the panel opens.
    for (const tag of ['chat-list', 'chat-thread']) expect(customElements.get(tag) === undefined, tag).to.equal(true);
    expect(threadChunks() + chunks('list')).to.equal(0);
    // The pointer on the launcher's button fetches both, once, before the panel opens.
    const launcher = document.createElement('chat-launcher');
    document.body.append(launcher);
    try {
      const button = await waitFor(() => launcher.shadowRoot?.querySelector('button.button'), 'the launcher button');
      button.dispatchEvent(new PointerEvent('pointerenter'));
      await waitFor(() => customElements.get('chat-list') && customElements.get('chat-thread'), 'the list and the thread defined');
      button.dispatchEvent(new PointerEvent('pointerenter'));
      expect((await api.loadList()) === customElements.get('chat-list')).to.equal(true);
      expect(`${chunks('list')} ${threadChunks()}`).to.equal('1 1');
    } finally {
      launcher.remove();
    }
    // Only the public API on window.ChatWidget: the names the on-demand parts import stay internal.
    expect(Object.keys(api).filter((k) => !/^[A-Z]|^(createSDK|escapeNode|unescapeNode|bareJid|loadThread|loadList)$/.test(k)).join()).to.equal('');
    const launcherClass = customElements.get('chat-launcher');
    const sdk = api.SDK;
    // lit counts its copies on the page (the test framework brings one of its own).
    const lits = () => ((window as unknown as { litHtmlVersions?: string[] }).litHtmlVersions ?? []).length;
    const litsBefore = lits();
    await loadScript('/dist/chat-widget.js');
    expect(customElements.get('chat-launcher')).to.equal(launcherClass);
    // The second tag runs nothing again: no second lit or core, and the page keeps the one SDK.
    expect(lits()).to.equal(litsBefore);
    expect((window as unknown as { ChatWidget: BundleApi }).ChatWidget.SDK).to.equal(sdk);
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

    // Sending a file loads its part (upload, type checks) from beside the script on first use.
    const mediaChunks = () => performance.getEntriesByType('resource').filter((e) => /\/dist\/chat-widget\.media-send-[\w-]+\.js$/.test(e.name)).length;
    expect(mediaChunks()).to.equal(0);
    const file = new File(['hello from the bundle\n'], 'note.txt', { type: 'text/plain' });
    const sent = await alice.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file } });
    expect(sent.statusCode, sent.message).to.equal(200);
    expect(mediaChunks()).to.equal(1);
    await waitFor(async () => (await bob.sdk.getChatMessages({ toJid: alice.jid })).data?.some((m) => (m as { msgType?: string }).msgType === 'file'), 'the file at bob');

    // A page with only the script tag opens a chat in a launcher: the thread, loaded from beside the
    // script (by the first test's launcher, when the pointer reached its button), runs on the bundle's lit
    // and core (it shows the message alice's SDK sent), and is not fetched a second time.
    const launcher = document.createElement('chat-launcher') as HTMLElement & { sdk?: unknown; open?: boolean; openChat(jid: string): void };
    launcher.sdk = alice.sdk;
    // Its own prefix: a launcher remembers its open chat in localStorage, which later test files share.
    const prefix = `bundle-launcher-${Date.now()}`;
    launcher.setAttribute('storage-prefix', prefix);
    document.body.append(launcher);
    try {
      expect(threadChunks()).to.equal(1);
      launcher.open = true;
      launcher.openChat(bob.jid);
      await waitFor(() => shows(launcher.shadowRoot?.querySelector('chat-thread')?.shadowRoot, 'via the bundle'), 'the message in the launcher');
      expect(threadChunks()).to.equal(1);
      expect(customElements.get('chat-thread') === (await api.loadThread())).to.equal(true);
    } finally {
      launcher.remove();
      localStorage.removeItem(`${prefix}:launcher`);
    }
    await Promise.all(people.map((p) => p.sdk.disconnect()));

    // The bundle stores into IndexedDB (localforage built from source): a new instance reads it back offline.
    const reload = api.createSDK();
    await reload.initializeSDK({ service, domain, storagePrefix: bob.storagePrefix });
    await reload.core!.openCache(bob.username);
    const cached = await reload.getChatMessages({ toJid: alice.jid });
    expect(cached.data!.map((m) => `${(m as { msgType?: string }).msgType}:${m.body}`)).to.deep.equal(['text:via the bundle', 'file:']);
  });
});
