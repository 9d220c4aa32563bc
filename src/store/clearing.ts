/** Clearing a chat for this account (`clearChat`, `deleteChat`): the messages up to the chat's
 * cleared-up-to mark leave the cache and its recent row, and never come back from the archive.
 *
 * The mark (`ChatSettings.cleared`, chosen by core/clear-chat.ts) covers a message whose timestamp is at
 * or before `at`, or whose archive id is `stanzaId` (removals.ts `clearedBy`; every row before that one
 * too, here). Covered messages become hidden rows, like messages deleted for this account: they stay
 * as rows with their keys, so a copy from the archive, a carbon or the catch-up is a known duplicate,
 * and a message that comes later at or before the mark is stored hidden too (chat-store.ts `starred`).
 * Starred messages stay shown (`favourite`); a clear that removes them unstars them first. */
import type { ChatSettings } from '../model/types.js';
import type { SettingsStore } from './chat-settings.js';
import { SEGMENT_SIZE } from './chat-log.js';
import { archiveKey } from './dedup.js';
import { clearedBy, HIDDEN, newestShown } from './removals.js';

/** The chat's cleared-up-to mark moved forward (here or on another device): the cached messages it
 * covers are hidden (starred ones stay); the recent row shows the newest message left (none: an empty
 * row that keeps its place) and counts only unread messages left, or, `deleted`, leaves the list until
 * a message newer than the mark comes. When the cache's oldest message is covered, the chat's history
 * is complete: nothing older is asked of the archive. */
export async function applyClear(store: SettingsStore, settings: ChatSettings): Promise<void> {
  const { chatJid, cleared: mark } = settings;
  const log = await store.indexedLog(chatJid);
  const upTo = (mark?.stanzaId ? log.find([archiveKey(mark.stanzaId)]) : undefined) ?? -Infinity;
  const { firstRow, lastRow } = log.meta;
  for (let from = firstRow; from <= lastRow; from += SEGMENT_SIZE) {
    for (const m of await log.read(from, from + SEGMENT_SIZE - 1)) {
      if (m.rowId > upTo && !clearedBy(mark, m)) continue;
      if (m.rowId === firstRow) log.setComplete();
      if (!m.hidden && !m.favourite) await log.update(m.rowId, HIDDEN);
    }
  }
  const rows = store.recentRows;
  const chat = rows.get(chatJid);
  if (settings.deleted) rows.remove(chatJid);
  else if (chat) {
    const after = await log.read((chat.lastReadRowId ?? -Infinity) + 1, lastRow);
    // The row itself (RecentChats hands it out): its count is set, then replaceLast saves it.
    chat.unreadCount = after.filter((m) => !m.hidden && !m.outgoing).length;
    rows.replaceLast(chatJid, await newestShown(log));
  }
}
