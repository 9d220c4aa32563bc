/** Clearing a chat for this account (`clearChat`, `deleteChat`): the messages up to the chat's
 * cleared-up-to mark leave the cache and its recent row, and never come back from the archive.
 *
 * The mark (`ChatSettings.cleared`, chosen by core/clear-chat.ts) covers the messages removals.ts
 * `clearedBy` says, and every row before the one its `stanzaId` names. Covered messages become hidden
 * rows, like messages deleted for this account: they stay as rows with their keys, so a copy from the
 * archive, a carbon or the catch-up is a known duplicate, and a message that comes later and is covered
 * is stored hidden too (chat-store.ts `starred`). Starred messages stay shown (`favourite`; a clear that
 * removes them unstars them first), and so do our messages still on their way (`pending`): the outbox
 * sends them, so every device shows them. */
import type { ChatSettings } from '../model/types.js';
import type { SettingsStore } from './chat-settings.js';
import { SEGMENT_SIZE } from './chat-log.js';
import { archiveKey } from './dedup.js';
import { clearedBy, HIDDEN, newestShown } from './removals.js';

/** The chat's cleared-up-to mark moved forward (here or on another device): the cached messages it
 * covers are hidden; the recent row shows the newest message left (none: an empty row that keeps its
 * place) and counts only unread messages left. When the cache's oldest message is covered, the chat's
 * history is complete: nothing older is asked of the archive. */
export async function applyClear(store: SettingsStore, settings: ChatSettings): Promise<void> {
  const { chatJid, cleared: mark } = settings;
  const log = await store.indexedLog(chatJid);
  const upTo = (mark?.stanzaId ? log.find([archiveKey(mark.stanzaId)]) : undefined) ?? -Infinity;
  const { firstRow, lastRow } = log.meta;
  for (let from = firstRow; from <= lastRow; from += SEGMENT_SIZE) {
    for (const m of await log.read(from, from + SEGMENT_SIZE - 1)) {
      if (m.rowId > upTo && !clearedBy(mark, m)) continue;
      if (m.rowId === firstRow) log.setComplete();
      if (!m.hidden && !m.favourite && m.status !== 'pending') await log.update(m.rowId, HIDDEN);
    }
  }
  const chat = store.recentRows.get(chatJid);
  if (chat) {
    const after = await log.read((chat.lastReadRowId ?? -Infinity) + 1, lastRow);
    // The row itself (RecentChats hands it out): its count is set, then replaceLast saves it.
    chat.unreadCount = after.filter((m) => !m.hidden && !m.outgoing).length;
    const newest = await newestShown(log);
    store.recentRows.replaceLast(chatJid, newest);
    // Emptied: dated at the mark, as a device that never had its messages dates it.
    if (!newest && mark) chat.timestamp = mark.at;
  }
}

/** Whether a chat has a row in the recent list follows from its settings (applied for every change, so
 * all devices agree whatever order the changes came in): a deleted chat has none while nothing is shown
 * after its mark (a starred message kept from before the mark does not count); a cleared one that is not
 * deleted has one, empty when nothing is left (also on a device that never had the chat's messages),
 * dated at the mark. */
export async function settleRow(store: SettingsStore, settings: ChatSettings): Promise<void> {
  const { chatJid, cleared, deleted } = settings;
  if (!cleared) return;
  const rows = store.recentRows;
  const shown = await newestShown(await store.indexedLog(chatJid));
  // A starred message older than the mark is still shown, but it does not bring a deleted chat back.
  if (deleted && (!shown || clearedBy(cleared, shown))) rows.remove(chatJid);
  else if (!rows.has(chatJid)) rows.restore(chatJid, shown, cleared.at);
}
