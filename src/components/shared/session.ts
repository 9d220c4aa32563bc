/** Clients made from element attributes (or `connect()`), shared by every element on the page that
 * names the same account; guest mode registers once and remembers the account for the next visit. */
import { ChatClient } from '../../core/client.js';
import { SdkError } from '../../core/result.js';
import type { FeatureFlags } from '../../core/types.js';

export interface SessionOptions {
  service: string;
  domain: string;
  username?: string;
  password?: string;
  /** Register an account in-band on the first visit and reuse it afterwards. */
  guest?: boolean;
  storagePrefix?: string;
  features?: FeatureFlags;
}

const sessions = new Map<string, ChatClient>();

function keyOf(o: SessionOptions): string {
  return [o.service, o.domain, o.username ?? (o.guest ? '(guest)' : ''), o.storagePrefix ?? ''].join('|');
}

const starting = new WeakMap<ChatClient, Promise<void>>();

/** The page's client for these options, created (and connecting) on first use, and signed in again
 * when an element asks for it after it was signed out (a launcher removed and added back). */
export function pageSession(options: SessionOptions, onError?: (error: SdkError) => void): ChatClient {
  const key = keyOf(options);
  let client = sessions.get(key);
  if (!client) {
    client = new ChatClient({ service: options.service, domain: options.domain, storagePrefix: options.storagePrefix, features: options.features });
    sessions.set(key, client);
  }
  if (client.signedOut && !starting.has(client)) {
    const started = startSession(client, options)
      .catch((error) => onError?.(asSdkError(error)))
      .finally(() => starting.delete(client!));
    starting.set(client, started);
  }
  return client;
}

/** Looks up the only client on the page, for elements placed without attributes. */
export function onlyPageSession(): ChatClient | undefined {
  return sessions.size === 1 ? sessions.values().next().value : undefined;
}

function asSdkError(error: unknown): SdkError {
  return error instanceof SdkError ? error : new SdkError(500, error instanceof Error ? error.message : String(error));
}

function guestKey(o: SessionOptions): string {
  return `${o.storagePrefix ?? 'chat-widget'}:guest:${o.service}:${o.domain}`;
}

function readGuest(o: SessionOptions): { username: string; password: string } | null {
  try {
    const saved = JSON.parse(localStorage.getItem(guestKey(o)) ?? 'null');
    return saved && typeof saved.username === 'string' && typeof saved.password === 'string' ? saved : null;
  } catch {
    return null;
  }
}

/** Connects a client with the given credentials, or as the remembered (or a new) guest. */
export async function startSession(client: ChatClient, o: SessionOptions): Promise<void> {
  if (o.username && o.password) {
    await client.connect(o.username, o.password);
    return;
  }
  if (!o.guest) return;
  const saved = readGuest(o);
  if (saved) {
    try {
      await client.connect(saved.username, saved.password);
      return;
    } catch (error) {
      // The remembered account is gone (server reset): start over with a new one.
      if (!(error instanceof SdkError) || error.statusCode !== 401) throw error;
    }
  }
  const created = await client.register();
  localStorage.setItem(guestKey(o), JSON.stringify({ username: created.username, password: created.password }));
  await client.connect(created.username, created.password);
}
