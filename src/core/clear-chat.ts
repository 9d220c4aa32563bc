/** Clearing and deleting chats for this account (loaded on first use): `clearChat`, `deleteChat`,
 * `clearAllChat`, `deleteAllRecentChats`. Each sets the chat's cleared-up-to mark (and `deleted`) in its
 * settings through ChatSettingsSync: applied here at once (store/clearing.ts), also offline, and shared
 * with the account's other devices through its private storage (XEP-0223). What stays on servers: the
 * peer keeps everything; our server's archive (XEP-0313) keeps it too, but no device of this account
 * shows it again: archive queries start after the mark and anything at or before it is stored hidden.
 *
 * The mark (`markFor`): timestamps of live messages are this device's clock, of archived ones the
 * server's (whole seconds on Prosody), so the mark is chosen to hold on a device whose clock differs a
 * little from the server's:
 * - up to `lastMsgId`: `stanzaId` = our archive's id of the message named, when known, so it goes
 *   whatever its stamp says; `at` = just before the second of the first message kept after it (so its
 *   archived copy, stamped in whole seconds, stays shown everywhere), or, when that would not cover the
 *   message named and it has no archive id, 1 ms before the first message kept; with nothing kept, as
 *   for everything.
 * - everything: `at` = max(now, the newest message's timestamp, the previous mark + 1 ms); `stanzaId` =
 *   the newest message's archive id, when known.
 * Limits: on another device, a cleared message stamped by the server after `at` comes back (a device
 * clock behind the server's by more than the time between that message and the clear; or cleared
 * messages in the same second as the first message kept), except the one `stanzaId` names; a device
 * clock ahead of the server's hides there the messages that came within that lead after the clear.
 * A starred message older than the mark stays in the thread of the devices that had it cached; the
 * others, which read the archive only after the mark, list it among the favourites (its copy). */
import { badRequest, notFound } from '../model/errors.js';
import { favouriteId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { ChatMessage, ChatSettings } from '../model/types.js';
import type { ChatStore } from '../store/chat-store.js';
import { archiveKey } from '../store/dedup.js';
import { clearedBy } from '../store/removals.js';
import type { ChatSettingsSync } from './chat-settings.js';
import type { OnDemand } from './on-demand.js';
import { requireFeature, type Services } from './services.js';

type Mark = NonNullable<ChatSettings['cleared']>;

/** The cleared-up-to mark (see the rule above). `named`: the message named by `lastMsgId` (none: clear
 * everything); `kept`: the first message shown after it; `newest`: the chat's newest cached messages,
 * oldest first; `previous`: the chat's mark before; `now` in ms. */
export function markFor(q: { named?: ChatMessage; kept?: ChatMessage; newest: readonly ChatMessage[]; previous?: Mark; now: number }): Mark {
  const { named, kept } = q;
  if (named && kept) {
    const second = Math.floor(kept.timestamp / 1000) * 1000 - 1;
    return withId(second >= named.timestamp || named.stanzaId ? second : kept.timestamp - 1, named.stanzaId);
  }
  const last = named ?? q.newest[q.newest.length - 1];
  const stanzaId = named ? named.stanzaId : [...q.newest].reverse().find((m) => m.stanzaId)?.stanzaId;
  return withId(Math.max(q.now, last?.timestamp ?? 0, (q.previous?.at ?? -Infinity) + 1), stanzaId);
}

const withId = (at: number, stanzaId?: string): Mark => (stanzaId ? { at, stanzaId } : { at });

export class ChatClearing {
  constructor(private readonly s: Services, private readonly sync: OnDemand<ChatSettingsSync>) {}

  /** Empties this account's copy of the chat up to `lastMsgId` (default: everything); starred messages
   * stay unless `favourites` (then they are unstarred, on every device). 400 bad params, 403
   * `clearChat` off, 404 `lastMsgId` not a message of the chat. */
  async clear(params: { toJid: string; favourites?: boolean; lastMsgId?: string }): Promise<void> {
    requireFeature(this.s.features, 'clearChat', 'Clearing chats');
    const { chatJid, favourites } = this.check(params);
    const last = params.lastMsgId;
    if (last !== undefined && last !== null && (typeof last !== 'string' || last === '')) throw badRequest('lastMsgId must be the msgId of a message of the chat');
    await this.apply([chatJid], favourites, false, last ?? undefined);
  }

  /** Clears the chat and takes it off the recent list until a message comes. 400, 403 `deleteChat` off. */
  async delete(params: { toJid: string; favourites?: boolean }): Promise<void> {
    requireFeature(this.s.features, 'deleteChat', 'Deleting chats');
    const { chatJid, favourites } = this.check(params);
    await this.apply([chatJid], favourites, true);
  }

  /** `clear` (everything, starred messages kept) or `delete` for every recent chat. 403 when off. */
  async all(deleted: boolean): Promise<void> {
    requireFeature(this.s.features, deleted ? 'deleteChat' : 'clearChat', deleted ? 'Deleting chats' : 'Clearing chats');
    await this.apply((await this.s.store()).recentChats.map((c) => c.chatJid), false, deleted);
  }

  private check(params: { toJid: string; favourites?: boolean }): { chatJid: string; favourites: boolean } {
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJid, favourites?}');
    const chatJid = requireJid(params.toJid, 'toJid');
    if (params.favourites !== undefined && typeof params.favourites !== 'boolean') throw badRequest('favourites must be true or false');
    return { chatJid, favourites: params.favourites === true };
  }

  private async apply(chats: string[], favourites: boolean, deleted: boolean, lastMsgId?: string): Promise<void> {
    const store = await this.s.store();
    const settings: ChatSettings[] = [];
    const unstar: string[] = [];
    for (const chatJid of chats) {
      const previous = store.chatSettings.items[chatJid];
      const was = previous?.cleared;
      const { mark, upToRow } = await this.markOf(store, chatJid, lastMsgId, was);
      if (was && (was.at > mark.at || (was.at === mark.at && await this.reached(store, chatJid, was, mark, upToRow)))) continue; // cleared that far already
      settings.push({ ...previous, chatJid, cleared: mark, deleted });
      if (favourites) unstar.push(...await this.starredUpTo(store, chatJid, mark, upToRow));
    }
    if (unstar.length) await this.s.apply([{ kind: 'favourites', unstar, local: true }], false);
    if (settings.length) await (await this.sync()).change(settings);
  }

  /** The chat's new mark, and the newest cached row it clears here. */
  private async markOf(store: ChatStore, chatJid: string, lastMsgId: string | undefined, previous?: Mark): Promise<{ mark: Mark; upToRow: number }> {
    const log = await store.indexedLog(chatJid);
    const newest = await log.read(log.meta.lastRow - 49, log.meta.lastRow);
    if (lastMsgId === undefined) return { mark: markFor({ newest, previous, now: Date.now() }), upToRow: log.meta.lastRow };
    const account = this.s.account()!;
    const found = await Promise.all([chatJid, account].map((from) => store.findMessage(chatJid, from, lastMsgId)));
    const named = found.filter((m): m is ChatMessage => !!m).sort((a, b) => b.rowId - a.rowId)[0];
    if (!named) throw notFound(`No message "${lastMsgId}" in the chat with ${chatJid}`);
    const kept = (await store.after(chatJid, named.rowId, 50))[0];
    return { mark: markFor({ named, kept, newest, previous, now: Date.now() }), upToRow: named.rowId };
  }

  /** Whether a mark of the same time as the new one already clears up to `upToRow` here. */
  private async reached(store: ChatStore, chatJid: string, was: Mark, mark: Mark, upToRow: number): Promise<boolean> {
    if (was.stanzaId === mark.stanzaId) return true;
    const row = was.stanzaId ? (await store.indexedLog(chatJid)).find([archiveKey(was.stanzaId)]) : undefined;
    return row !== undefined && row >= upToRow;
  }

  /** The favourite ids of the chat's starred messages the clear covers (cached or not). */
  private async starredUpTo(store: ChatStore, chatJid: string, mark: Mark, upToRow: number): Promise<string[]> {
    const out: string[] = [];
    for (const f of Object.values(store.favourites.items)) {
      if (f.chatJid !== chatJid) continue;
      const cached = await store.findMessage(chatJid, f.fromJid, f.msgId);
      if (cached ? cached.rowId <= upToRow : clearedBy(mark, f)) out.push(favouriteId(chatJid, f.msgId));
    }
    return out;
  }
}
