/** This account's settings per chat in the cache (muted, archived, cleared-up-to mark, deleted): the
 * reducer's `chat-settings` case. The server's copy is the account's private PEP node
 * (core/chat-settings.ts); changes made here wait in `pending` until the server has them. */
import type { SettingField, StoreEvent } from '../model/events.js';
import type { ChatSettings } from '../model/types.js';
import { applyClear, settleRow } from './clearing.js';
import type { ChatLog } from './chat-log.js';
import type { RecentChats } from './recent.js';

export interface SettingsState {
  /** By chat JID. */
  items: Record<string, ChatSettings>;
  /** Chats whose settings changed here and are not on the server yet, with the settings changed (`true`
   * from older caches: all of them). */
  pending: Record<string, true | SettingField[]>;
}

/** What of the ChatStore the settings use. */
export interface SettingsStore {
  readonly chatSettings: SettingsState;
  readonly recentRows: RecentChats;
  indexedLog(chatJid: string): Promise<ChatLog>;
  readonly writer: { schedule(key: string, value: () => unknown): void };
  settingsChanged(chats: Iterable<string>): void;
}

export const FIELDS: SettingField[] = ['muted', 'archived', 'deleted', 'cleared'];

/** The reducer's `chat-settings` case (see StoreEvent). */
export async function applySettings(store: SettingsStore, e: Extract<StoreEvent, { kind: 'chat-settings' }>): Promise<void> {
  const state = store.chatSettings;
  for (const next of e.settings) {
    const before = state.items[next.chatJid];
    state.items[next.chatJid] = next;
    if (e.local) {
      const own = state.pending[next.chatJid];
      const changed = e.fields ?? FIELDS.filter((f) => JSON.stringify(before?.[f] ?? false) !== JSON.stringify(next[f] ?? false));
      state.pending[next.chatJid] = own === true ? true : [...new Set([...(own ?? []), ...changed])];
    }
    // Forward: a later time, or the same time naming another archive id (a later message of that second).
    const was = before?.cleared;
    if (next.cleared && (!was || next.cleared.at > was.at || (next.cleared.at === was.at && next.cleared.stanzaId !== was.stanzaId))) await applyClear(store, next);
    await settleRow(store, next);
  }
  store.writer.schedule('chat-settings', () => state);
  store.settingsChanged(e.settings.map((s) => s.chatJid));
}

/** The server has this chat's settings as the cache holds them: they are no longer pending. */
export function published(store: SettingsStore, chatJid: string): void {
  if (!store.chatSettings.pending[chatJid]) return;
  delete store.chatSettings.pending[chatJid];
  store.writer.schedule('chat-settings', () => store.chatSettings);
}
