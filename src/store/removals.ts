/** Messages removed from view. A XEP-0424 retraction empties the message its sender names (it keeps its
 * place, `retracted`); a message deleted for this account only is `hidden` (a placeholder row the
 * reads skip). Both also reach a message that comes after them: history read back meets a retraction
 * before its original, and a hidden message comes again when the archive is read again. Their keys
 * wait in the chat's meta, and `settle` applies them before such a message is stored, so its content
 * is never shown. Only the original's sender may retract it: the keys hold the sender's bare JID. */
import type { HiddenRef } from '../model/events.js';
import type { ChatMessage, ChatSettings, NewMessage } from '../model/types.js';
import type { ChatLog } from './chat-log.js';
import { archiveKey, idKey, originKey } from './dedup.js';

/** Retractions waiting for their original, per chat; the oldest are dropped beyond this. */
const MAX_PENDING = 400;

const RETRACTED = { body: '', media: undefined, reactions: undefined, favourite: false, retracted: true } as const;
export const HIDDEN = { body: '', media: undefined, reactions: undefined, favourite: false, hidden: true } as const;

/** Around a clear mark, times do not decide (ms).
 * @internal */
export const CLEAR_WINDOW_MS = 5000;

/** Whether a chat's cleared-up-to mark covers a message. Far from the mark its time decides (at or
 * before `at`). Within `CLEAR_WINDOW_MS` of it, times cannot be told apart (archive copies are stamped by
 * the server's clock in whole seconds, live ones by this device's in ms), so a message with an archive
 * id is covered only when the mark names that id (`ids`, `stanzaId`); one without (ours, not read back
 * from the archive yet) goes by its time. Marks without `ids` (older ones) go by time everywhere. */
export function clearedBy(mark: ChatSettings['cleared'], m: Pick<NewMessage, 'timestamp' | 'stanzaId'>): boolean {
  if (!mark) return false;
  if (m.stanzaId && (m.stanzaId === mark.stanzaId || mark.ids?.includes(m.stanzaId))) return true;
  if (m.stanzaId && mark.ids && m.timestamp >= mark.at - CLEAR_WINDOW_MS) return false;
  return m.timestamp <= mark.at;
}

type Keyed = Pick<NewMessage, 'fromJid' | 'msgId' | 'originId' | 'stanzaId'>;

/** The keys a retraction or a hidden mark can name a message by. */
function keysOf(m: Keyed): string[] {
  const keys = [idKey(m.fromJid, m.msgId)];
  if (m.originId) keys.push(originKey(m.fromJid, m.originId));
  if (m.stanzaId) keys.push(archiveKey(m.stanzaId));
  return keys;
}

/** A message about to be stored, emptied when a hidden mark or (for an `older` one, from history read
 * back: a retraction is newer than its original) a retraction waits for it. */
export function settle(log: ChatLog, m: NewMessage, older = false): NewMessage {
  const { hidden } = log.meta;
  const pending = older ? log.meta.pendingRetractions : undefined;
  if (!pending?.length && !hidden?.length) return m;
  const keys = keysOf(m);
  if (hidden?.length && keys.some((k) => hidden.includes(k))) return { ...m, ...HIDDEN };
  if (pending?.length && keys.some((k) => pending.includes(k))) {
    log.setRemovals({ pendingRetractions: pending.filter((k) => !keys.includes(k)) });
    return { ...m, ...RETRACTED };
  }
  return m;
}

/** Applies a retraction by `fromJid` of its message `targetId`; resolves with the emptied message,
 * undefined when nothing shown changed (it then waits, when the original is not cached). */
export async function applyRetraction(log: ChatLog, fromJid: string, targetId: string): Promise<ChatMessage | undefined> {
  const keys = [idKey(fromJid, targetId), originKey(fromJid, targetId)];
  const row = log.find(keys);
  if (row === undefined) {
    const pending = log.meta.pendingRetractions ?? [];
    if (!pending.includes(keys[0])) log.setRemovals({ pendingRetractions: [...pending, ...keys].slice(-MAX_PENDING) });
    return undefined;
  }
  // Read again with its original (an archive page re-read): no longer waiting, so it can never empty a
  // later message that reuses the id.
  const pending = log.meta.pendingRetractions;
  if (pending?.some((k) => keys.includes(k))) log.setRemovals({ pendingRetractions: pending.filter((k) => !keys.includes(k)) });
  const target = await log.get(row);
  if (!target || target.retracted || target.hidden) return undefined;
  return log.update(row, RETRACTED);
}

/** Hides messages for this account, now and whenever they come again; resolves with those hidden now. */
export async function applyHide(log: ChatLog, refs: readonly HiddenRef[]): Promise<ChatMessage[]> {
  const hidden = new Set(log.meta.hidden);
  const size = hidden.size;
  const changed: ChatMessage[] = [];
  for (const ref of refs) {
    const keys = [idKey(ref.fromJid, ref.msgId), ...(ref.stanzaId ? [archiveKey(ref.stanzaId)] : [])];
    for (const k of keys) hidden.add(k);
    const row = log.find(keys);
    const target = row === undefined ? undefined : await log.get(row);
    if (row === undefined || !target || target.hidden) continue;
    const next = await log.update(row, HIDDEN);
    if (next) changed.push(next);
  }
  if (hidden.size !== size) log.setRemovals({ hidden: [...hidden] });
  return changed;
}

/** The newest message still shown in a chat, for its recent preview (null when none is cached). */
export async function newestShown(log: ChatLog): Promise<ChatMessage | null> {
  for (let to = log.meta.lastRow; to >= log.meta.firstRow; to -= 50) {
    const shown = (await log.read(to - 49, to)).filter((m) => !m.hidden);
    if (shown.length) return shown[shown.length - 1];
  }
  return null;
}
