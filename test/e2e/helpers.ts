/** Shared set-up for end-to-end tests: the real Prosody the test runner started, fresh accounts, SDKs. */
import { executeServerCommand } from '@web/test-runner-commands';
import { createSDK, type ChatSDK, type InitializeParams } from '../../src/sdk/index.js';
import type { ChatMessage, ConnectionEvent, MessageStatusEvent, TypingEvent } from '../../src/model/types.js';
// Types only: a test file that shows the elements imports their define.js itself.
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';

export interface ServerInfo {
  service: string;
  bosh: string;
  domain: string;
  httpPort: number;
}

let info: ServerInfo | undefined;
export async function server(): Promise<ServerInfo> {
  info ??= (await executeServerCommand('xmpp-server-info')) as ServerInfo;
  return info;
}

export const stopServer = () => executeServerCommand('xmpp-server-stop');
export const startServer = () => executeServerCommand('xmpp-server-start');

let counter = 0;
export const unique = (name: string) => `${name}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A person in a test: an SDK instance and everything its listeners heard. */
export interface Person {
  sdk: ChatSDK;
  jid: string;
  username: string;
  password: string;
  storagePrefix: string;
  messages: ChatMessage[];
  statuses: MessageStatusEvent[];
  typing: TypingEvent[];
  connection: ConnectionEvent[];
}

export async function makePerson(
  creds: { username: string; password: string; jid?: string } | null,
  options: Partial<InitializeParams> & { connect?: boolean } = {},
): Promise<Person> {
  const { service, domain } = await server();
  const sdk = createSDK();
  const person = {
    sdk, messages: [], statuses: [], typing: [], connection: [],
    storagePrefix: options.storagePrefix ?? unique('store'),
  } as unknown as Person;
  const init = await sdk.initializeSDK({
    service, domain, reconnectDelaysMs: [300, 600, 1000], ...options,
    storagePrefix: person.storagePrefix,
    listeners: {
      messageListener: (m) => person.messages.push(m),
      messageStatusListener: (s) => person.statuses.push(s),
      typingStatusListener: (t) => person.typing.push(t),
      connectionListener: (c) => person.connection.push(c),
    },
  });
  if (init.statusCode !== 200) throw new Error(init.message);
  if (!creds) {
    const reg = await sdk.register();
    if (reg.statusCode !== 200) throw new Error(`registration failed: ${reg.message}`);
    creds = reg.data!;
  }
  person.username = creds.username;
  person.password = creds.password;
  person.jid = creds.jid ?? sdk.getJid(creds.username);
  if (options.connect !== false) {
    const res = await sdk.connect(creds.username, creds.password);
    if (res.statusCode !== 200) throw new Error(`connect failed: ${res.message}`);
  }
  return person;
}

/** The virtualizer's ResizeObserver notice is not a failure (see test/components/fixtures.ts). */
export function ignoreResizeObserverNotice(): void {
  window.addEventListener('error', (e) => {
    if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
  }, true);
}

/** For a test file that looks at the widget: `show(sdk, peer)` puts `sdk`'s `<chat-list>` and a
 * `<chat-thread>` with `peer`, in English, in a 420×400 box on a page that aligns its text left;
 * each box is removed after its test. Also ignores the virtualizer's ResizeObserver notice. */
export function widgetsPerTest(): (sdk: ChatSDK, peer: string) => { thread: ChatThread; list: ChatList } {
  ignoreResizeObserverNotice();
  const boxes: HTMLElement[] = [];
  afterEach(() => boxes.splice(0).forEach((b) => b.remove()));
  return (sdk, peer) => {
    const box = document.createElement('div');
    box.style.cssText = 'height:400px;width:420px;display:flex;flex-direction:column;text-align:left';
    const thread = Object.assign(document.createElement('chat-thread') as ChatThread, { sdk, peer, lang: 'en' });
    const list = Object.assign(document.createElement('chat-list') as ChatList, { sdk, lang: 'en' });
    box.append(list, thread);
    document.body.append(box);
    boxes.push(box);
    return { thread, list };
  };
}

/** For a test file that uses a thread's composer: `open(sdk, peer)` puts `sdk`'s `<chat-thread>` with
 * `peer` (500 px high) on the page and resolves once its composer is there, with the thread's shadow
 * root; each thread is removed after its test. Also ignores the virtualizer's ResizeObserver notice. */
export function threadsPerTest(): (sdk: ChatSDK, peer: string) => Promise<{ thread: ChatThread; root: ShadowRoot }> {
  ignoreResizeObserverNotice();
  const threads: ChatThread[] = [];
  afterEach(() => threads.splice(0).forEach((t) => t.remove()));
  return async (sdk, peer) => {
    const thread = Object.assign(document.createElement('chat-thread') as ChatThread, { sdk, peer });
    thread.style.height = '500px';
    document.body.append(thread);
    threads.push(thread);
    const root = await waitFor(() => thread.shadowRoot?.querySelector('textarea') && thread.shadowRoot, 'the composer');
    return { thread, root };
  };
}

/** `makePerson` for a test file whose people live for one test: each is disconnected after it. */
export function peoplePerTest(): (...args: Parameters<typeof makePerson>) => Promise<Person> {
  const made: Person[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((p) => p.sdk.disconnect()));
  });
  return async (...args) => {
    const p = await makePerson(...args);
    made.push(p);
    return p;
  };
}

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every message of a chat, walking the history API upwards page by page. */
export async function wholeHistory(person: Person, chatJid: string, limit = 25): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let lastRowId: number | undefined;
  for (let i = 0; i < 1000; i++) {
    const res = await person.sdk.getChatMessages({ toJid: chatJid, position: 'up', limit, ...(lastRowId !== undefined ? { lastRowId } : {}) });
    if (res.statusCode !== 200) throw new Error(res.message);
    if (res.data!.length === 0) break;
    all.unshift(...res.data!);
    lastRowId = res.data![0].rowId;
  }
  return all;
}
