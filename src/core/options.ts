/** What a client is configured with, its defaults, and the checks a host's options go through. */
import { badRequest } from '../model/errors.js';
import type { FeatureFlags } from '../model/types.js';
import type { KeyValueStore } from '../store/persistence.js';

export interface ClientOptions {
  /** Websocket (`ws://`, `wss://`) or BOSH (`http(s)://`) endpoint of the XMPP server. */
  service: string;
  /** The XMPP domain user ids live on. */
  domain: string;
  features?: FeatureFlags;
  /** Prefix of the IndexedDB databases (one per account). Default `chat-widget`. */
  storagePrefix?: string;
  /** Replaces the browser storage, e.g. with `() => new MemoryStorage()` outside browsers. */
  storage?: (account: string) => KeyValueStore;
  /** How long after the last keystroke a "gone" typing state is sent, in ms (default 5,000). */
  typingQuietMs?: number;
  /** How long a peer's "typing..." is shown without news from them, in ms (default 30,000). */
  typingExpiryMs?: number;
  /** Waits between reconnection attempts in ms; the last one repeats (default 1 s, 2, 4, 8, 15, 30 s). */
  reconnectDelaysMs?: number[];
  /** How long `connect()` waits for the first connection before answering 408, in ms (it keeps trying). */
  connectTimeoutMs?: number;
  /** Timeout of one request to the server, in ms (default 20,000). */
  requestTimeoutMs?: number;
  /** How long the server may stay silent before the client asks whether the connection is alive (an
   * XEP-0198 `<r/>`, or an XEP-0199 ping without stream management), in ms (default 10,000). */
  livenessCheckMs?: number;
  /** How long that question may go unanswered before the connection counts as dead and is replaced
   * (state "reconnecting", then a resumed or fresh session), in ms (default 5,000). A connection that
   * stops answering is noticed within `livenessCheckMs + livenessTimeoutMs` (15 s by default). */
  livenessTimeoutMs?: number;
  /** How many of the newest archive entries (messages, receipts, markers of every chat) a new device
   * reads to rebuild its recent chats (default 750); older history comes when a chat is scrolled. */
  initialSyncMessages?: number;
  /** Encrypt files before upload (AES-256-GCM) and send the `aesgcm://` URL with the key in its
   * fragment, as OMEMO clients do (XEP-0454). The key travels in the message, so this protects the file
   * on the upload server, not from the chat server (default false). */
  encryptMedia?: boolean;
}

export type ResolvedOptions = Required<Omit<ClientOptions, 'storage' | 'features'>> & Pick<ClientOptions, 'storage'>;

export const DEFAULT_FEATURES: Required<FeatureFlags> = {
  typing: true, seenStatus: true, deliveryReceipts: true, history: true, registration: true, mediaMessages: true,
  imageAttachment: true, audioAttachment: true, videoAttachment: true, documentAttachment: true,
  reply: true, forward: true, favouriteMessage: true, deleteMessage: true, editMessage: true, reactions: true,
  clearChat: true, deleteChat: true, muteChat: true, archiveChat: true, notifications: true,
};

/** Checks and completes a host's options; 400 when the service or domain is unusable. */
export function resolveOptions(options: ClientOptions): { options: ResolvedOptions; features: Required<FeatureFlags> } {
  if (typeof options?.service !== 'string' || !/^(wss?|https?):\/\//i.test(options.service)) {
    throw badRequest('service must be a ws://, wss://, http:// or https:// URL of the XMPP server');
  }
  if (typeof options.domain !== 'string' || !/^[a-z0-9.-]+$/i.test(options.domain)) {
    throw badRequest('domain must be the XMPP domain, e.g. "example.com"');
  }
  return {
    features: { ...DEFAULT_FEATURES, ...(options.features ?? {}) },
    options: {
      service: options.service,
      domain: options.domain.toLowerCase(),
      storagePrefix: options.storagePrefix ?? 'chat-widget',
      storage: options.storage,
      typingQuietMs: options.typingQuietMs ?? 5000,
      typingExpiryMs: options.typingExpiryMs ?? 30000,
      reconnectDelaysMs: options.reconnectDelaysMs ?? [1000, 2000, 4000, 8000, 15000, 30000],
      connectTimeoutMs: options.connectTimeoutMs ?? 20000,
      requestTimeoutMs: options.requestTimeoutMs ?? 20000,
      livenessCheckMs: positive(options.livenessCheckMs, 10000),
      livenessTimeoutMs: positive(options.livenessTimeoutMs, 5000),
      initialSyncMessages: Math.max(1, options.initialSyncMessages ?? 750),
      encryptMedia: options.encryptMedia === true,
    },
  };
}

/** A duration option: the default unless a positive number of ms was given. */
function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
