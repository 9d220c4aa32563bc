/** Clearing and deleting chats for this account (loaded on first use): `clearChat`, `deleteChat`,
 * `clearAllChat`, `deleteAllRecentChats`. Each sets the chat's cleared-up-to mark (and `deleted`) in its
 * settings through ChatSettingsSync: applied here at once (store/clearing.ts), also offline, and shared
 * with the account's other devices through its private storage (XEP-0223). What stays on servers: the
 * peer keeps everything; our server's archive (XEP-0313) keeps it too, but no device of this account
 * shows it again: archive queries start after the mark and anything at or before it is stored hidden.
 *
 * The mark (`markFor`, `markOf`): `at` is the time of the newest message cleared (up to `lastMsgId`: that
 * message's; everything: now, or later when a message or the previous mark is later), `stanzaId` our
 * archive's id of that message when known, and `ids` our archive's ids of every message cleared within
 * `CLEAR_WINDOW_MS` before `at` (ours that have none yet are looked up in the archive first). Near the
 * mark, those ids decide, not times (store/removals.ts `clearedBy`): the archive stamps messages in whole
 * seconds by the server's clock and live ones carry this device's, so a time alone cannot tell a message
 * cleared from one that came in the same second after it, on another device or from the archive.
 * Limits: a message cleared near the mark whose archive id is still unknown (the archive not reachable,
 * or over 300 such messages) may come back on another device; a starred message older than the mark
 * stays in the thread of the devices that had it cached, the others list it among the favourites (its
 * copy). A message of ours still pending stays (it is sent, so every device shows it). */
import { badRequest, notFound } from '../model/errors.js';
import { favouriteId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { ChatMessage, ChatSettings } from '../model/types.js';
import type { ChatStore } from '../store/chat-store.js';
import { archiveKey } from '../store/dedup.js';
import { CLEAR_WINDOW_MS, clearedBy } from '../store/removals.js';
import type { ArchivedMessage } from '../protocol/mam.js';
import { NS } from '../protocol/ns.js';
import { attr, child } from '../protocol/xml.js';
import type { ChatSettingsSync } from './chat-settings.js';
import type { OnDemand } from './on-demand.js';
import { requireFeature, type Services } from './services.js';

type Mark = NonNullable<ChatSettings['cleared']>;

/** Most archive ids a mark names. */
const MAX_IDS = 300;

/** The cleared-up-to mark's time and id (see the rule above; `ids` come from `markOf`). `named`: the
 * message named by `lastMsgId` (none: clear everything); `newest`: the chat's newest cached messages,
 * oldest first; `previous`: the chat's mark before; `now` in ms. */
export function markFor(q: { named?: ChatMessage; newest: readonly ChatMessage[]; previous?: Mark; now: number }): Mark {
  const { named } = q;
  if (named) return withId(named.timestamp, named.stanzaId);
  const last = q.newest[q.newest.length - 1];
  const stanzaId = [...q.newest].reverse().find((m) => m.stanzaId)?.stanzaId;
  return withId(Math.max(q.now, last?.timestamp ?? 0, (q.previous?.at ?? -Infinity) + 1), stanzaId);
}

const withId = (at: number, stanzaId?: string): Mark => (stanzaId ? { at, stanzaId } : { at });

/** One page of the chat's archive from `start` (ms): History.query. */
export type ArchiveLookup = (q: { with: string; start: number; max: number }) => Promise<{ results: ArchivedMessage[] }>;

export class ChatClearing {
  constructor(private readonly s: Services, private readonly sync: OnDemand<ChatSettingsSync>, private readonly lookup: ArchiveLookup) {}

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
      // A chat with no row and nothing cached (never opened here): nothing to clear, and no row to add.
      if (!store.recentChat(chatJid) && (await store.latest(chatJid, 1)).length === 0 && lastMsgId === undefined) continue;
      const previous = store.chatSettings.items[chatJid];
      const was = previous?.cleared;
      const { mark, upToRow } = await this.markOf(store, chatJid, lastMsgId, favourites, was);
      if (was && (was.at > mark.at || (was.at === mark.at && await this.reached(store, chatJid, was, mark, upToRow)))) continue; // cleared that far already
      settings.push({ ...previous, chatJid, cleared: mark, deleted });
      if (favourites) unstar.push(...await this.starredUpTo(store, chatJid, mark, upToRow));
    }
    if (unstar.length) await this.s.apply([{ kind: 'favourites', unstar, local: true }], false);
    if (settings.length) await (await this.sync()).change(settings);
  }

  /** The chat's new mark, and the newest cached row it clears here. */
  private async markOf(store: ChatStore, chatJid: string, lastMsgId: string | undefined, favourites: boolean, previous?: Mark): Promise<{ mark: Mark; upToRow: number }> {
    const log = await store.indexedLog(chatJid);
    const newest = await log.read(log.meta.lastRow - 49, log.meta.lastRow);
    let named: ChatMessage | undefined;
    if (lastMsgId !== undefined) {
      const account = this.s.account()!;
      const found = await Promise.all([chatJid, account].map((from) => store.findMessage(chatJid, from, lastMsgId)));
      named = found.filter((m): m is ChatMessage => !!m).sort((a, b) => b.rowId - a.rowId)[0];
      if (!named) throw notFound(`No message "${lastMsgId}" in the chat with ${chatJid}`);
    }
    const mark = markFor({ named, newest, previous, now: Date.now() });
    const upToRow = named?.rowId ?? log.meta.lastRow;
    // The messages cleared near the mark (starred ones stay unless they go too; pending ones stay).
    const near: ChatMessage[] = [];
    for (let row = upToRow; row >= log.meta.firstRow && near.length < MAX_IDS; row -= 50) {
      const page = (await log.read(row - 49, Math.min(row, upToRow))).reverse();
      near.push(...page.filter((m) => !m.hidden && m.status !== 'pending' && (favourites || !m.favourite) && m.timestamp >= mark.at - CLEAR_WINDOW_MS));
      if (page.some((m) => m.timestamp < mark.at - CLEAR_WINDOW_MS)) break;
    }
    const ids = new Set(near.map((m) => m.stanzaId).filter((id): id is string => !!id));
    const unknown = near.filter((m) => !m.stanzaId && m.outgoing);
    if (unknown.length && this.s.xmpp.online) {
      // Ours, sent here: their archive ids are read back (one page of the chat's archive).
      try {
        const { results } = await this.lookup({ with: chatJid, start: mark.at - CLEAR_WINDOW_MS - 1000, max: MAX_IDS });
        const wanted = new Set(unknown.map((m) => m.msgId));
        for (const r of results) if (wanted.has(originOf(r.message))) ids.add(r.archiveId);
      } catch (error) {
        console.debug('[chat-widget] could not read the archive ids of the messages cleared:', error);
      }
    }
    // Always a list (maybe empty): near the mark, ids decide even when none was cleared there.
    return { mark: { ...mark, ids: [...ids].slice(0, MAX_IDS) }, upToRow };
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

/** The id we gave a message of ours (its XEP-0359 origin-id, else its id). */
const originOf = (message: Element): string => attr(child(message, 'origin-id', NS.SID), 'id') || attr(message, 'id');
