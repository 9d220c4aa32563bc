/** XEP-0308 corrections in the cache. A correction replaces the text of a message only when it comes
 * from that message's sender (the lookup is by sender and id), is not a copy of one applied before,
 * and is not older than the correction already shown (by the order they come in, not by their dates). One whose original is not cached yet (history
 * read backwards meets the correction first) waits in the chat's meta until the original arrives. */
import type { ChatMessage, NewMessage } from '../model/types.js';
import type { ChatLog, PendingCorrection } from './chat-log.js';
import { dedupKeys, idKey } from './dedup.js';

/** Corrections waiting for their original, per chat; the oldest are dropped beyond this. */
const MAX_PENDING = 200;

/** Applies a correction; resolves with the corrected message, or undefined when nothing shown changed.
 * `batch` holds the rows (and awaited originals) corrected by the same batch of events: within one
 * archive page, entries are in time order, so a later correction of the same message wins even when
 * `older` is set. */
export async function applyCorrection(
  log: ChatLog, e: { replaceId: string; correction: NewMessage; older: boolean }, batch: Set<number | string>,
): Promise<ChatMessage | undefined> {
  const c = e.correction;
  const own = dedupKeys(c);
  if (log.find(own) !== undefined) return undefined; // a copy of one applied before
  const correction: PendingCorrection = {
    target: idKey(c.fromJid, e.replaceId), keys: [...own, idKey(c.fromJid, c.msgId)], body: c.body, at: c.timestamp,
  };
  const row = log.find([correction.target]);
  if (row === undefined) {
    // Waiting corrections are kept in time order: read going back, one from another batch is older
    // than those already waiting for the same message.
    const pending = log.meta.pendingCorrections ?? [];
    const first = e.older && !batch.has(correction.target);
    batch.add(correction.target);
    if (!pending.some((p) => p.keys[0] === correction.keys[0])) {
      log.setPendingCorrections((first ? [correction, ...pending] : [...pending, correction]).slice(0, MAX_PENDING));
    }
    return undefined;
  }
  const older = e.older && !batch.has(row);
  batch.add(row);
  return correct(log, row, correction, older);
}

async function correct(log: ChatLog, row: number, c: PendingCorrection, older: boolean): Promise<ChatMessage | undefined> {
  const target = await log.get(row);
  if (!target || target.retracted || target.hidden) return undefined; // a retracted text stays gone
  // Order, not clocks: a live correction is dated by this browser, an archived one by the server
  // (whole seconds). What comes going forward (live, carbon, catch-up) is the newest; what comes
  // going back (older archive pages) only fills in a message no correction has reached yet.
  const newer = !older || target.editedAt === undefined;
  const corrections = [...(target.corrections ?? []), ...c.keys];
  const next = await log.update(row, newer ? { body: c.body, editedAt: c.at, corrections } : { corrections });
  // Some clients name the previous correction instead of the original: those waiting for this one
  // apply to the same message now.
  const chained = await applyWaiting(log, row, new Set(c.keys));
  return chained ?? (newer ? next : undefined);
}

/** Applies to the message at `row` the waiting corrections that name one of `targets`. */
async function applyWaiting(log: ChatLog, row: number, targets: ReadonlySet<string>): Promise<ChatMessage | undefined> {
  const pending = log.meta.pendingCorrections;
  const waiting = pending?.filter((p) => targets.has(p.target)) ?? [];
  if (waiting.length === 0) return undefined;
  log.setPendingCorrections(pending!.filter((p) => !targets.has(p.target)));
  let last: ChatMessage | undefined;
  for (const c of waiting) last = (await correct(log, row, c, false)) ?? last;
  return last;
}

/** Messages just cached: applies the corrections that were waiting for them; returns what changed. */
export async function settleCorrections(log: ChatLog, added: readonly ChatMessage[]): Promise<ChatMessage[]> {
  if (!log.meta.pendingCorrections?.length) return [];
  const changed: ChatMessage[] = [];
  for (const m of added) {
    const corrected = await applyWaiting(log, m.rowId, new Set([idKey(m.fromJid, m.msgId)]));
    if (corrected) changed.push(corrected);
  }
  return changed;
}
