/** Component-test set-up: an SDK whose cache lives in memory (no server), provided by context. */
import { ContextProvider } from '@lit/context';
import { createSDK, type ChatSDK } from '../../src/sdk/index.js';
import type { ChatClient } from '../../src/core/client.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { FeatureFlags, NewMessage } from '../../src/model/types.js';
import type { MediaMessageParams } from '../../src/model/params.js';
import { chatContext } from '../../src/components/shared/context.js';
// Types only: a test file that mounts a thread imports thread/define.js itself (the launcher's tests
// check that the thread is not loaded before it is needed).
import type { ChatThread } from '../../src/components/thread/chat-thread.js';

// The virtualizer measures items with ResizeObserver; Chromium reports observations it defers to the
// next frame as this window error. It is a notice, not a failure, and mocha would count it as one.
window.addEventListener('error', (e) => {
  if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
}, true);

export const ME = 'me@localhost';
export const PEER = 'peer@localhost';

/** An SDK with `account`'s cache open in memory and a server that never answers. */
export async function offlineSdk(account = ME): Promise<ChatSDK> {
  const sdk = createSDK();
  await sdk.initializeSDK({ service: 'ws://127.0.0.1:9/unused', domain: 'localhost', storage: () => new MemoryStorage() });
  await sdk.core!.openCache(account);
  return sdk;
}

export async function offlineClient(account = ME): Promise<ChatClient> {
  return (await offlineSdk(account)).core!;
}

/** A container that provides `client`'s binding to the elements placed inside it. */
export function providerFor(client: ChatClient): HTMLElement {
  const host = document.createElement('div');
  host.style.height = '600px';
  host.style.display = 'flex';
  host.style.flexDirection = 'column';
  new ContextProvider(host, { context: chatContext, initialValue: client.binding });
  document.body.append(host);
  return host;
}

/** A `<chat-thread>` on `peer` (by default PEER) appended to `host` (a provider from providerFor). */
export function mountThread(host: HTMLElement, props: { peer?: string; lang?: string } = {}): ChatThread {
  const thread = document.createElement('chat-thread') as ChatThread;
  if (props.lang) thread.lang = props.lang;
  thread.peer = props.peer ?? PEER;
  host.append(thread);
  return thread;
}

/** A thread over a fresh offline cache holding `events` (one bubble each), once every bubble is
 * rendered and laid out. `prepare` may change the client (its features) before the thread opens. */
export async function threadWith(events: StoreEvent[], prepare?: (client: ChatClient) => void): Promise<ChatThread> {
  const client = await offlineClient();
  prepare?.(client);
  await client.store!.dispatch(events);
  const thread = mountThread(providerFor(client));
  await until(() => thread.shadowRoot!.querySelectorAll('lit-virtualizer .row').length === events.length, 'the bubbles');
  await nextFrame();
  return thread;
}

export function message(i: number, extra: Partial<NewMessage> = {}): StoreEvent {
  return {
    kind: 'message', fresh: true,
    message: {
      msgId: `m${i}`, chatJid: PEER, fromJid: PEER, toJid: ME, outgoing: false, msgType: 'text',
      body: `message ${i}`, timestamp: Date.UTC(2026, 10, 24, 10, 0, i), status: 'received', stanzaId: `s${i}`, ...extra,
    },
  };
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

export async function until<T>(probe: () => T, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A <chat-thread> with PEER over an offline client whose features are `features` over the defaults,
 * once its composer shows. `sent` collects each `binding.sendMedia` call (stubbed: never settles).
 * The page must have defined the elements (import '../../src/components/thread/define.js'). */
export async function composerThread(features: FeatureFlags = {}) {
  const client = await offlineClient();
  Object.assign(client.features, features);
  const sent: { kind: string; params: MediaMessageParams }[] = [];
  client.binding.sendMedia = (kind, params) => {
    sent.push({ kind, params });
    return new Promise(() => undefined);
  };
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  thread.peer = PEER;
  host.append(thread);
  await until(() => thread.shadowRoot?.querySelector('textarea'), 'the composer');
  return { client, thread, sent };
}
