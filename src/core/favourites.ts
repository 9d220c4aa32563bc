/** The reference's favourite messages (loaded on first use): starring and unstarring, listing, removing
 * all. Kept on the server in the account's private PEP node (XEP-0223; protocol/favourites.ts), one item
 * per starred message holding a snapshot of it, so that the list survives a reload and reaches the
 * account's other devices live (PEP notifications, routed here by incoming.ts after its trust check) and
 * a fresh device at sign-in (`catchUp`), even for messages that device never cached. Mirrored in the
 * cache (store/favourites.ts). A change made offline is kept with the cache and published once online. */
import { badRequest, notFound } from '../model/errors.js';
import { favouriteId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import { isSafeMediaUrl } from '../model/media.js';
import type { ChatMessage, FavouriteSnapshot } from '../model/types.js';
import { favouritePayload, readFavourite } from '../protocol/favourites.js';
import { NS } from '../protocol/ns.js';
import type { PepEvent, PepItem } from '../protocol/private-pep.js';
import { favouriteMessages, hasPending, published } from '../store/favourites.js';
import { readFile } from './files.js';
import type { PrivateStorage } from './private-storage.js';
import { requireFeature, type Services } from './services.js';

/** The binding's and the SDK's `updateFavouriteStatus` parameters. */
export interface FavouriteParams {
  /** The chat's JID. */
  toJid: string;
  /** The message's `msgId`. */
  messageId: string;
  /** true stars the message, false unstars it. */
  isFavourite: boolean;
}

export class Favourites {
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly s: Services, private readonly storage: PrivateStorage) {}

  /** Stars or unstars a cached message (unstarring also takes a favourite this device never cached).
   * Resolves once it is saved here and, when online, on the server (a change the server could not take
   * is kept and sent again at the next session). 403 `favouriteMessage` off, 400 bad parameters or a
   * message deleted for everyone or still uploading, 404 no such message. */
  async update(params: FavouriteParams): Promise<void> {
    this.allowed();
    const chatJid = requireJid(params?.toJid, 'toJid');
    const { messageId, isFavourite } = params;
    if (typeof messageId !== 'string' || messageId === '') throw badRequest('messageId is required');
    if (typeof isFavourite !== 'boolean') throw badRequest('isFavourite must be true or false');
    const store = await this.s.store();
    const message = (await store.findMessage(chatJid, chatJid, messageId)) ?? (await store.findMessage(chatJid, store.account, messageId));
    const id = favouriteId(chatJid, messageId);
    if (!message && !(id in store.favourites.items)) throw notFound(`No message "${messageId}" in the chat with ${chatJid}`);
    if (isFavourite) {
      if (!message) throw notFound(`Message "${messageId}" is not cached on this device: open the chat first`);
      if (message.retracted) throw badRequest('A message deleted for everyone cannot be starred');
      if (message.media && !isSafeMediaUrl(message.media.url)) throw badRequest('A file still uploading cannot be starred yet');
    }
    await this.s.apply([{ kind: 'favourites', local: true, ...(isFavourite ? { star: [snapshotOf(message!, store.account)] } : { unstar: [id] }) }], false);
    await this.sendUnsent();
  }

  /** A starred message was corrected (XEP-0308): its snapshot takes the new text, here and on the server
   * (so a device that never cached the message shows the text as it is now). */
  async refresh(chatJid: string, msgId: string): Promise<void> {
    const store = await this.s.store();
    const id = favouriteId(chatJid, msgId);
    const kept = store.favourites.items[id];
    if (!kept) return;
    const message = await store.findMessage(chatJid, kept.fromJid, kept.msgId);
    if (!message || message.retracted || message.body === kept.body) return;
    await this.s.apply([{ kind: 'favourites', local: true, star: [snapshotOf(message, store.account)] }], false);
    await this.sendUnsent();
  }

  /** The starred messages across chats, newest first (see store/favourites.ts). 403 `favouriteMessage` off. */
  async list(): Promise<ChatMessage[]> {
    this.allowed();
    return favouriteMessages(await this.s.store());
  }

  /** Unstars every message, here and on the server (the node is purged). 403 `favouriteMessage` off. */
  async removeAll(): Promise<void> {
    this.allowed();
    await this.s.apply([{ kind: 'favourites', all: [], local: true }], false);
    await this.sendUnsent();
  }

  /** A new session: the server's list replaces the cached one (changes made here and not yet sent stay,
   * and go out through `changed`, which the store's change calls). */
  async catchUp(): Promise<void> {
    const account = this.s.account();
    if (!account) return;
    try {
      const items = await this.storage.items(NS.FAVOURITES);
      await this.s.apply([{ kind: 'favourites', all: snapshots(items, account) }], false);
    } catch (error) {
      console.debug('[chat-widget] reading the favourites failed:', error);
    }
  }

  /** Another device of this account changed the favourites (a notification incoming.ts has trusted). */
  async notified(event: PepEvent): Promise<void> {
    const account = this.s.account();
    if (!account) return;
    await this.s.apply([event.purged ? { kind: 'favourites', all: [] }
      : { kind: 'favourites', star: snapshots(event.items, account), unstar: event.retracted }], false);
  }

  /** The list changed (here, on another device, or a message left it): listeners get the whole list, and
   * what waits for the server goes. */
  async changed(): Promise<void> {
    const store = await this.s.store();
    this.s.events.emit('favourites', await favouriteMessages(store));
    if (hasPending(store.favourites)) await this.sendUnsent();
  }

  /** Sends what waits (a purge first, then each star and unstar), one at a time, when online. */
  sendUnsent(): Promise<void> {
    this.sending = this.sending.then(() => this.publishWaiting()).catch((error) => {
      console.warn('[chat-widget] could not save the favourites on the server (kept for the next session):', error);
    });
    return this.sending;
  }

  private async publishWaiting(): Promise<void> {
    const store = await this.s.store();
    const state = store.favourites;
    if (!this.s.xmpp.online) return;
    if (state.purge) {
      await this.storage.purge(NS.FAVOURITES);
      published(store, null, null);
    }
    for (const [id, f] of Object.entries(state.pending)) {
      if (f) await this.storage.publish(NS.FAVOURITES, id, favouritePayload(f));
      else await this.storage.retract(NS.FAVOURITES, id);
      published(store, id, f);
    }
  }

  private allowed(): void {
    requireFeature(this.s.features, 'favouriteMessage', 'Favourites');
  }
}

/** What is kept of a starred message: who wrote it to whom, when, its text or file. */
function snapshotOf(m: ChatMessage, account: string): FavouriteSnapshot {
  const { chatJid, msgId, outgoing, msgType, body, timestamp, stanzaId, media } = m;
  return {
    chatJid, msgId, outgoing, msgType, body, timestamp, fromJid: outgoing ? account : chatJid, toJid: outgoing ? chatJid : account,
    ...(stanzaId ? { stanzaId } : {}), ...(media ? { media } : {}),
  };
}

/** The well-formed snapshots among a node's items; a file is judged like a received one (core/files.ts:
 * http(s) or aesgcm URLs only, bounded names, sizes and thumbnails). */
function snapshots(items: PepItem[], account: string): FavouriteSnapshot[] {
  const out: FavouriteSnapshot[] = [];
  for (const item of items) {
    const read = readFavourite(item, account);
    if (!read) continue;
    const { payload, ...f } = read;
    const file = readFile(payload, f.body);
    out.push(file ? { ...f, msgType: file.msgType, media: file.media, body: file.caption } : { ...f, msgType: 'text' });
  }
  return out;
}
