/** The favourites in the cache (loaded on first use, from the reducer's `favourites` case): the list of
 * starred messages as snapshots, the `favourite` flag of the cached messages they name, and the changes
 * made on this device that the server does not have yet (kept with the cache, so starring offline
 * survives a reload). The server's copy is the account's private PEP node (core/favourites.ts). */
import type { StoreEvent } from '../model/events.js';
import { favouriteId } from '../model/ids.js';
import type { ChatMessage, FavouriteSnapshot } from '../model/types.js';
import type { ChatLog } from './chat-log.js';

export interface FavouriteState {
  /** The starred messages by favourite id (model/ids.ts). */
  items: Record<string, FavouriteSnapshot>;
  /** Changes made here that the server does not have yet: a snapshot to publish, null to retract. */
  pending: Record<string, FavouriteSnapshot | null>;
  /** "Remove all" was done here: the node is purged before the pending changes go. */
  purge?: boolean;
}

/** What of the ChatStore the favourites use. */
export interface ChatStore {
  readonly account: string;
  readonly favourites: FavouriteState;
  findMessage(chatJid: string, fromJid: string, msgId: string): Promise<ChatMessage | undefined>;
  indexedLog(chatJid: string): Promise<ChatLog>;
  readonly writer: { schedule(key: string, value: () => unknown): void };
  favouritesChanged(chats: Iterable<string>): void;
}

export const idOf = (f: Pick<FavouriteSnapshot, 'chatJid' | 'msgId'>): string => favouriteId(f.chatJid, f.msgId);

/** The cached message a snapshot names, if any. */
export async function cachedMessage(store: ChatStore, f: FavouriteSnapshot): Promise<ChatMessage | undefined> {
  return store.findMessage(f.chatJid, f.fromJid, f.msgId);
}

/** The reducer's `favourites` case (see StoreEvent). A change from the server (another device, or the
 * node read at sign-in) never overrides one made here that is still on its way to the server. */
export async function applyFavourites(store: ChatStore, e: Extract<StoreEvent, { kind: 'favourites' }>): Promise<void> {
  const s = store.favourites;
  const before = s.items;
  const items: Record<string, FavouriteSnapshot> = e.all ? {} : { ...before };
  if (e.all && e.local) {
    // Remove all: the node is purged, and what was waiting to be published goes too.
    s.pending = {};
    s.purge = true;
  } else if (e.all) {
    if (!s.purge) for (const f of e.all) items[idOf(f)] = f;
    for (const [id, f] of Object.entries(s.pending)) {
      if (f) items[id] = f;
      else delete items[id];
    }
  }
  for (const f of e.star ?? []) {
    const id = idOf(f);
    if (e.local) s.pending[id] = f;
    else if (id in s.pending || s.purge) continue;
    items[id] = f;
  }
  for (const id of e.unstar ?? []) {
    if (e.local && (id in items || id in s.pending)) s.pending[id] = null;
    else if (e.local || id in s.pending) continue;
    delete items[id];
  }
  s.items = items;
  const chats = new Set<string>();
  const touched = e.all ? new Set([...Object.keys(before), ...Object.keys(items)]) : [...(e.star ?? []).map(idOf), ...(e.unstar ?? [])];
  for (const id of touched) {
    const f = items[id] ?? before[id];
    const message = f && await cachedMessage(store, f);
    if (message?.retracted && items[id]) {
      // Deleted for everyone: it leaves the favourites here and on the server.
      delete items[id];
      s.pending[id] = null;
    }
    if (!message || Boolean(message.favourite) === Boolean(items[id])) continue;
    const log = await store.indexedLog(f.chatJid);
    if (await log.update(message.rowId, { favourite: items[id] ? true : undefined })) chats.add(f.chatJid);
  }
  store.favouritesChanged(chats);
}

/** The server has a change made here: it is no longer pending (unless it was changed again since). */
export function published(store: ChatStore, id: string | null, sent: FavouriteSnapshot | null): void {
  const s = store.favourites;
  if (id === null) delete s.purge;
  else if (s.pending[id] === sent) delete s.pending[id];
  store.writer.schedule('favourites', () => s);
}

/** Whether changes made here wait for the server. */
export const hasPending = (s: FavouriteState): boolean => Boolean(s.purge) || Object.keys(s.pending).length > 0;

/** The starred messages, newest first: the cached copy where there is one (with any later correction),
 * else the snapshot, with `rowId` NaN (a message this device has not cached) and status sent/received. */
export async function favouriteMessages(store: ChatStore): Promise<ChatMessage[]> {
  const list = await Promise.all(Object.values(store.favourites.items).map(async (f) =>
    ({ ...((await cachedMessage(store, f)) ?? { ...f, rowId: Number.NaN, status: f.outgoing ? 'sent' as const : 'received' as const }), favourite: true })));
  return list.sort((a, b) => b.timestamp - a.timestamp);
}
