/** This account's settings per chat (muted, archived, cleared-up-to mark, deleted), shared by all its
 * devices through the private PEP node `urn:xmpp:chat-widget:chats:0` (XEP-0223 over XEP-0163; one item
 * per chat, see protocol/chat-settings.ts). Loaded on first use, and at each new session (`catchUp`,
 * which client.ts awaits before the archive catch-up, so that clear marks are known before the archive
 * brings the messages). Notifications of our other devices' changes come in through incoming.ts (after
 * its trust check: only our own account publishes to the node). A change made here is applied at once,
 * kept with the cache (`store.chatSettings.pending`) and published now or, offline, once online.
 *
 * Concurrent changes (two devices changing one chat at once) end in the same state everywhere:
 * - muted, archived, deleted: the last publish the server accepted wins. Every device applies the
 *   notifications in the order the server sends them, its own included, so all end where the server's
 *   item is.
 * - the cleared-up-to mark only moves forward: the later `at` wins. A device notified of an older mark
 *   than its own (or of none) keeps its own and publishes the chat again with it, so the server ends at
 *   the newest mark.
 * - a change made here and still pending (not yet accepted by the server) is not overridden by a
 *   notification: the settings it changed stay, the others are taken from the server (a device that
 *   muted offline keeps its mute and takes the other device's delete), and it is published after, so it
 *   is the last accepted (a newer cleared mark is still taken into it). It stops being pending when the
 *   server answers its publish.
 * - an item retracted, or the node purged (by another client): the chat has the default settings
 *   (not muted, not archived, not deleted, no mark).
 * Decisions, notifications and publish results are taken one at a time, in arrival order. */
import { badRequest } from '../model/errors.js';
import { requireJid } from '../model/jid.js';
import type { ChatSettings, RecentChat } from '../model/types.js';
import { chatSettingsPayload, readAllChatSettings } from '../protocol/chat-settings.js';
import { NS } from '../protocol/ns.js';
import type { PepEvent } from '../protocol/private-pep.js';
import type { ChatStore } from '../store/chat-store.js';
import { FIELDS, published } from '../store/chat-settings.js';
import type { StoreEvent } from '../model/events.js';
import type { PrivateStorage } from './private-storage.js';
import { requireFeature, type Services } from './services.js';

const FLAGS = ['muted', 'archived', 'deleted'] as const;

/** A chat's settings as the cache and the node keep them: false flags and an absent mark left out. */
export function normal(s: ChatSettings): ChatSettings {
  const out: ChatSettings = { chatJid: s.chatJid };
  for (const flag of FLAGS) if (s[flag]) out[flag] = true;
  if (s.cleared) out.cleared = { at: s.cleared.at, ...(s.cleared.stanzaId ? { stanzaId: s.cleared.stanzaId } : {}), ...(s.cleared.ids ? { ids: s.cleared.ids } : {}) };
  return out;
}

const key = (s: ChatSettings) => JSON.stringify(normal(s));
/** Whether two settings of a chat say the same (absent: the defaults). */
const same = (a: ChatSettings, b: ChatSettings) => key(a) === key(b);
const markAt = (s: ChatSettings | undefined) => s?.cleared?.at ?? -Infinity;

export class ChatSettingsSync {
  /** Decisions (local changes, notifications, the sign-in read, publish results), one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly s: Services, private readonly storage: PrivateStorage) {}

  /** The chats' whole new settings: applied here at once, published now or, offline, once online.
   * Resolves once published (or kept for later: a failure is logged, never thrown). */
  async change(settings: ChatSettings[]): Promise<void> {
    await this.serial(() => this.s.apply([{ kind: 'chat-settings', settings: settings.map(normal), local: true }], false));
    await this.sendUnsent();
  }

  /** `updateMuteNotification({toJid, isMuted})` (`muted`) and `updateArchiveChat({toJid, isArchived})`
   * (`archived`): sets one flag of a chat, keeping its other settings. 403 when the feature is off, 400 a
   * bad JID or a value that is not a boolean, 401 no account open. */
  async setFlag(flag: 'muted' | 'archived', params: { toJid: string; isMuted?: boolean; isArchived?: boolean }): Promise<void> {
    const muting = flag === 'muted';
    requireFeature(this.s.features, muting ? 'muteChat' : 'archiveChat', muting ? 'Muting chats' : 'Archiving chats');
    const chatJid = requireJid(params?.toJid, 'toJid');
    const value = muting ? params.isMuted : params.isArchived;
    if (typeof value !== 'boolean') throw badRequest(`${muting ? 'isMuted' : 'isArchived'} must be true or false`);
    await this.serial(async () => {
      const store = await this.s.store();
      const current = store.chatSettings.items[chatJid] ?? { chatJid };
      if (Boolean(current[flag]) === value) return;
      await this.s.apply([{ kind: 'chat-settings', settings: [normal({ ...current, [flag]: value })], local: true }], false);
    });
    await this.sendUnsent();
  }

  /** The archived recent chats, newest first. 403 `archiveChat` off. */
  async archived(): Promise<RecentChat[]> {
    requireFeature(this.s.features, 'archiveChat', 'Archiving chats');
    return (await this.s.store()).recentChats.filter((chat) => chat.isArchived);
  }

  /** A new session (not a resumed one): the server's settings replace the cached ones, by the rule above
   * (a chat the node has no item for has the defaults). A failed read changes nothing. */
  catchUp(): Promise<void> {
    return this.serial(async () => {
      let items;
      try {
        items = await this.storage.items(NS.CHAT_SETTINGS);
      } catch (error) {
        console.debug('[chat-widget] reading the chat settings failed:', error);
        return;
      }
      const store = await this.s.store();
      const server = new Map(readAllChatSettings(items).map((s) => [s.chatJid, s]));
      // An item this client cannot read (another client's shape) is left alone, as it is live.
      const unreadable = new Set(items.map((i) => i.id.toLowerCase()).filter((id) => !server.has(id)));
      const chats = new Set([...server.keys(), ...Object.keys(store.chatSettings.items).filter((jid) => !unreadable.has(jid))]);
      await this.take(store, [...chats].map((chatJid) => [chatJid, server.get(chatJid)]));
    });
  }

  /** Another device of this account (or this one) changed settings: a notification incoming.ts has
   * trusted, applied in the order the server sent them. */
  async notified(event: PepEvent): Promise<void> {
    await this.serial(async () => {
      const store = await this.s.store();
      // A retracted item, or all of them (a purge): the defaults; a malformed item is ignored.
      const gone = event.purged ? Object.keys(store.chatSettings.items) : event.retracted;
      await this.take(store, [
        ...gone.map((chatJid): [string, undefined] => [chatJid, undefined]),
        ...readAllChatSettings(event.items).map((s): [string, ChatSettings] => [s.chatJid, s]),
      ]);
    });
    await this.sendUnsent();
  }

  /** Sends what waits, one chat at a time, when online. */
  sendUnsent(): Promise<void> {
    this.sending = this.sending.then(() => this.publishWaiting()).catch((error) => {
      console.warn('[chat-widget] could not save the chat settings on the server (kept for the next session):', error);
    });
    return this.sending;
  }

  /** Takes the server's settings of these chats into the cache by the rule above (undefined: the server
   * has no item for the chat, so it has the defaults). */
  private async take(store: ChatStore, server: [string, ChatSettings | undefined][]): Promise<void> {
    const state = store.chatSettings;
    const taken: ChatSettings[] = [];
    const events: StoreEvent[] = [];
    for (const [chatJid, item] of server) {
      const remote = item ?? { chatJid };
      const local = state.items[chatJid] ?? { chatJid };
      const own = state.pending[chatJid];
      if (own) {
        // Ours is on its way and will be the last accepted: the settings changed here stay, the others
        // are the server's, and a newer mark is taken into it.
        const merged: ChatSettings = { ...remote };
        for (const f of own === true ? FIELDS : own) merged[f] = local[f] as never;
        if (markAt(remote) > markAt(merged)) merged.cleared = remote.cleared;
        if (!same(merged, local)) events.push({ kind: 'chat-settings', settings: [normal(merged)], local: true, fields: own === true ? FIELDS : own });
      } else if (item && markAt(local) > markAt(remote)) {
        // An older mark than ours: ours stays, and goes to the server again.
        events.push({ kind: 'chat-settings', settings: [normal({ ...remote, cleared: local.cleared })], local: true, fields: ['cleared'] });
      } else if (!same(local, remote)) {
        taken.push(remote);
      }
    }
    if (taken.length) events.unshift({ kind: 'chat-settings', settings: taken.map(normal) });
    if (events.length) await this.s.apply(events, false);
  }

  private async publishWaiting(): Promise<void> {
    const store = await this.s.store();
    const state = store.chatSettings;
    for (const chatJid of Object.keys(state.pending)) {
      if (!this.s.xmpp.online) return;
      if (!state.pending[chatJid]) continue;
      const sent = normal(state.items[chatJid] ?? { chatJid });
      await this.storage.publish(NS.CHAT_SETTINGS, chatJid, chatSettingsPayload(sent));
      // Accepted: no longer pending, unless changed again meanwhile (then it goes next).
      await this.serial(async () => {
        if (same(state.items[chatJid] ?? { chatJid }, sent)) published(store, chatJid);
      });
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
