/** XEP-0444 reactions in the cache: each sender (the peer or this account) has one set per message; a
 * new set replaces that sender's old one, an empty set removes it. Ordered as corrections are (by the
 * order they come in, not by their dates): what comes going forward (live, carbon, catch-up, our own) is
 * the newest; what comes going back (older archive pages) only fills in a sender whose set was not
 * known before that page; within one page (in time order), later entries win. A reaction met before its message (history read
 * backwards) waits in the chat's meta until the message arrives. Copies (live and archived) are
 * recognised by the reaction stanza's keys. */
import type { StoreEvent } from '../model/events.js';
import type { ChatMessage } from '../model/types.js';
import type { ChatLog, PendingReaction } from './chat-log.js';
import { idKey, originKey } from './dedup.js';

/** Reactions waiting for their message, per chat; the oldest are dropped beyond this. */
const MAX_PENDING = 200;
/** Keys of applied reaction stanzas kept per message (the newest). */
const MAX_KEYS = 40;

type Reaction = Extract<StoreEvent, { kind: 'reaction' }>;

/** The row of the message `id` names in this chat: the peer's or ours, by id or origin-id. */
function targetRow(log: ChatLog, account: string, id: string): number | undefined {
  return log.find([idKey(log.chatJid, id), idKey(account, id), originKey(log.chatJid, id), originKey(account, id)]);
}

/** Applies a reaction; resolves with the message when what is shown changed. `batch`: as in
 * corrections.ts (what this batch of events touched already). */
export async function applyReaction(log: ChatLog, account: string, e: Reaction, batch: Set<number | string>): Promise<ChatMessage | undefined> {
  const r: PendingReaction = { targetId: e.targetId, fromJid: e.fromJid, emojis: e.emojis, keys: e.keys };
  const row = targetRow(log, account, e.targetId);
  if (row !== undefined) {
    // Going back, a sender whose set was known before this batch keeps it; within the batch (one archive
    // page, in time order) the later set wins.
    const slot = `${row}|${e.fromJid}`;
    if (e.older && !batch.has(slot)) {
      batch.add(slot);
      if ((await log.get(row))?.reacted?.includes(`j:${e.fromJid}`)) batch.add(`${slot}|k`);
    }
    return react(log, row, r, e.older && batch.has(`${slot}|k`));
  }
  const pending = [...log.meta.pendingReactions ?? []];
  if (pending.some((p) => p.keys.some((k) => r.keys.includes(k)))) return undefined;
  // Waiting ones are kept in time order. Read going back, one from another batch is older than those
  // already waiting for the same message from the same sender, and newer than the ones of its own batch.
  const at = e.older
    ? pending.findIndex((p) => p.targetId === r.targetId && p.fromJid === r.fromJid && !batch.has(`k:${p.keys[0]}`))
    : -1;
  pending.splice(at < 0 ? pending.length : at, 0, r);
  batch.add(`k:${r.keys[0]}`);
  log.setPendingReactions(pending.slice(-MAX_PENDING));
  return undefined;
}

/** `stale`: older than the set already known for this sender (only the keys are recorded). */
async function react(log: ChatLog, row: number, r: PendingReaction, stale: boolean): Promise<ChatMessage | undefined> {
  const target = await log.get(row);
  // A message deleted (for everyone, or for this account) keeps no reactions, also late or replayed ones.
  if (!target || target.retracted || target.hidden) return undefined;
  const seen = target.reacted ?? [];
  if (r.keys.some((k) => seen.includes(k))) return undefined; // a copy of one applied before
  const sender = `j:${r.fromJid}`;
  const known = seen.includes(sender);
  const reacted = [
    ...seen.filter((k) => k.startsWith('j:')), ...(known ? [] : [sender]),
    ...[...seen.filter((k) => !k.startsWith('j:')), ...r.keys].slice(-MAX_KEYS),
  ];
  if (stale) {
    await log.update(row, { reacted });
    return undefined;
  }
  const reactions = { ...target.reactions };
  if (r.emojis.length > 0) reactions[r.fromJid] = r.emojis;
  else delete reactions[r.fromJid];
  return log.update(row, { reactions: Object.keys(reactions).length > 0 ? reactions : undefined, reacted });
}

/** Messages just cached: applies the reactions that were waiting for them; returns what changed. */
export async function settleReactions(log: ChatLog, added: readonly ChatMessage[]): Promise<ChatMessage[]> {
  const pending = log.meta.pendingReactions;
  if (!pending?.length) return [];
  const changed = new Map<number, ChatMessage>();
  let left = pending;
  for (const m of added) {
    const names = (p: PendingReaction) => p.targetId === m.msgId || p.targetId === m.originId;
    const waiting = left.filter(names);
    if (waiting.length === 0) continue;
    left = left.filter((p) => !names(p));
    for (const r of waiting) {
      const next = await react(log, m.rowId, r, false);
      if (next) changed.set(m.rowId, next);
    }
  }
  if (left !== pending) log.setPendingReactions(left);
  return [...changed.values()];
}
