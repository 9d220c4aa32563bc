/** Which SDK an element uses, and signing it in from the element's attributes. The page's default SDK
 * (`window.ChatWidget.SDK`) is used whenever it is free or already holds the account the attributes
 * name, so the host page and the elements share one client; another account gets an SDK of its own,
 * shared by every element naming it. Guest mode registers once and remembers the account. */
import { SDK, createSDK, type ChatSDK } from '../../sdk/index.js';
import { asSdkError, SdkError } from '../../model/errors.js';
import type { FeatureFlags } from '../../model/types.js';

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

const others = new Map<string, ChatSDK>();
const starting = new WeakMap<ChatSDK, Promise<void>>();
/** Whom a session being started is for: elements that join the page together must not both take the
 * page's SDK for two different accounts before either has signed in. */
const claims = new WeakMap<ChatSDK, string>();

function claimOf(o: SessionOptions): string | undefined {
  if (o.username) return o.username.toLowerCase();
  return o.guest ? '(guest)' : undefined;
}

function guestKey(o: SessionOptions): string {
  return `${o.storagePrefix ?? 'chat-widget'}:guest:${o.service}:${o.domain}`;
}

function readGuest(o: SessionOptions): { username: string; password: string } | null {
  try {
    const saved = JSON.parse(localStorage.getItem(guestKey(o)) ?? 'null') as { username?: unknown; password?: unknown } | null;
    const { username, password } = saved ?? {};
    return typeof username === 'string' && typeof password === 'string' ? { username, password } : null;
  } catch {
    return null;
  }
}

/** Whether the SDK was set up for these server and storage options. */
function setUpFor(sdk: ChatSDK, o: SessionOptions): boolean {
  const opts = sdk.core?.options;
  return !!opts && opts.service === o.service && opts.domain === o.domain.toLowerCase() && opts.storagePrefix === (o.storagePrefix ?? 'chat-widget');
}

/** Whether `sdk` can serve these options: free (never set up, signed out, or refused, and no session
 * starting), or set up for the same server and storage and starting or signed in as the same account. */
function fits(sdk: ChatSDK, o: SessionOptions): boolean {
  const core = sdk.core;
  const busy = starting.has(sdk) || (core !== null && !core.signedOut);
  if (!busy) return true;
  // Claimed by a session for someone else that is starting or running.
  const claim = claims.get(sdk);
  if (claim && claimOf(o) && claim !== claimOf(o)) return false;
  if (!core) return true;
  if (!setUpFor(sdk, o)) return false;
  if (!core.account) return true;
  const username = o.username ?? (o.guest ? readGuest(o)?.username : undefined);
  if (!username) return true;
  try {
    return (username.includes('@') ? username.toLowerCase() : core.getJid(username)) === core.account;
  } catch {
    return false;
  }
}

/** The SDK for these options: the page's default one when it fits, else one per account. */
export function sdkFor(o: SessionOptions): ChatSDK {
  if (fits(SDK, o)) {
    const claim = claimOf(o);
    if (claim) claims.set(SDK, claim);
    return SDK;
  }
  const key = [o.service, o.domain, o.username ?? (o.guest ? '(guest)' : ''), o.storagePrefix ?? ''].join('|');
  let sdk = others.get(key);
  if (!sdk) others.set(key, (sdk = createSDK()));
  return sdk;
}

/** Initializes `sdk` for these options when needed and signs it in (with the credentials, or as the
 * remembered or a new guest; without either it is only set up). An SDK already signed in as that account is left as it is. Rejects with
 * an SdkError (401 wrong credentials, 403 registration off, 408 unreachable). */
export function startSession(sdk: ChatSDK, o: SessionOptions): Promise<void> {
  let started = starting.get(sdk);
  if (!started) {
    started = signIn(sdk, o).finally(() => starting.delete(sdk));
    starting.set(sdk, started);
  }
  return started;
}

async function signIn(sdk: ChatSDK, o: SessionOptions): Promise<void> {
  // Not set up, or signed out and set up for another server or storage: (re)initialized for these.
  if (!sdk.core || (sdk.core.signedOut && !setUpFor(sdk, o))) {
    const init = await sdk.initializeSDK({ service: o.service, domain: o.domain, storagePrefix: o.storagePrefix ?? 'chat-widget', features: o.features });
    if (init.statusCode !== 200) throw new SdkError(init.statusCode, init.message);
  }
  const client = sdk.core!;
  if (!client.signedOut && client.account) return;
  try {
    if (o.username && o.password) {
      await client.connect(o.username, o.password);
      return;
    }
    // Server attributes alone set the SDK up; signing in is then the host's (`SDK.connect()`).
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
  } catch (error) {
    throw asSdkError(error);
  }
}
