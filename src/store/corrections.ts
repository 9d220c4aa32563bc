/** XEP-0308 corrections in the cache. A correction replaces the text of a message only when it comes
 * from that message's sender (the lookup is by sender and id), is not a copy of one applied before,
 * and is not older than the correction already shown. One whose original is not cached yet (history
 * read backwards meets the correction first) waits in the chat's meta until the original arrives. */
import type { ChatMessage, NewMessage } from '../model/types.js';
import type { ChatLog, PendingCorrection } from './chat-log.js';
import { dedupKeys, idKey } from './dedup.js';

/** Corrections waiting for their original, per chat; the oldest are dropped beyond this. */
const MAX_PENDING = 200;

/** Applies a correction; resolves with the corrected message, or undefined when nothing shown changed. */
export async function applyCorrection(
  log: ChatLog, e: { replaceId: string; correction: NewMessage; older: boolean },
): Promise<ChatMessage | undefined> {
  const c = e.correction;
  const own = dedupKeys(c);
  if (log.find(own) !== undefined) return undefined; // a copy of one applied before
  const correction: PendingCorrection = {
    target: idKey(c.fromJid, e.replaceId), keys: [...own, idKey(c.fromJid, c.msgId)], body: c.body, at: c.timestamp,
  };
  const row = log.find([correction.target]);
  if (row === undefined) {
    const pending = log.meta.pendingCorrections ?? [];
    if (!pending.some((p) => p.keys[0] === correction.keys[0])) log.setPendingCorrections([...pending, correction].slice(-MAX_PENDING));
    return undefined;
  }
  return correct(log, row, correction, e.older);
}

async function correct(log: ChatLog, row: number, c: PendingCorrection, older: boolean): Promise<ChatMessage | undefined> {
  const target = await log.get(row);
  if (!target) return undefined;
  const shown = target.editedAt;
  const newer = shown === undefined || (older ? c.at > shown : c.at >= shown);
  const corrections = [...(target.corrections ?? []), ...c.keys];
  const next = await log.update(row, newer ? { body: c.body, editedAt: c.at, corrections } : { corrections });
  return newer ? next : undefined;
}

/** Messages just cached: applies the corrections that were waiting for them; returns what changed. */
export async function settleCorrections(log: ChatLog, added: readonly ChatMessage[]): Promise<ChatMessage[]> {
  const pending = log.meta.pendingCorrections;
  if (!pending?.length || added.length === 0) return [];
  const changed: ChatMessage[] = [];
  let left = pending;
  for (const m of added) {
    const target = idKey(m.fromJid, m.msgId);
    const waiting = left.filter((p) => p.target === target);
    if (waiting.length === 0) continue;
    left = left.filter((p) => p.target !== target);
    let last: ChatMessage | undefined;
    for (const c of [...waiting].sort((a, b) => a.at - b.at)) last = (await correct(log, m.rowId, c, false)) ?? last;
    if (last) changed.push(last);
  }
  if (left !== pending) log.setPendingCorrections(left);
  return changed;
}
