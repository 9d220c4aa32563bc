/** This account's own messages on their way: each outgoing message with its outbox entry, its status as
 * the evidence moves it (see `statusAfter` in model/types), its file's upload and its retry, and our
 * edits and reactions, which wait in the outbox without a message of their own. Part of the store's
 * reducer: chat-store.ts calls it from `dispatch`. */
import type { ApplyResult, OutboxEntry, StoreEvent } from '../model/events.js';
import type { ChatMessage } from '../model/types.js';
import { statusAfter } from '../model/types.js';
import type { ChatLog } from './chat-log.js';
import { idKey } from './dedup.js';
import type { ChangeNotifier } from './notifier.js';
import type { Outbox } from './outbox.js';
import type { RecentChats } from './recent.js';
import type { SyncState } from './sync-state.js';

type Of<K extends StoreEvent['kind']> = Extract<StoreEvent, { kind: K }>;

export class OwnMessages {
  constructor(
    private readonly account: string,
    private readonly outbox: Outbox,
    private readonly sync: SyncState,
    private readonly recent: RecentChats,
    private readonly notifier: ChangeNotifier,
  ) {}

  outgoing(log: ChatLog, e: Of<'outgoing'>, result: ApplyResult): void {
    const stored = log.append({ ...e.message, originId: e.message.originId ?? e.message.msgId });
    this.queue(e.entry);
    result.added.push(stored);
    result.statuses.push({ chatJid: stored.chatJid, msgId: stored.msgId, status: stored.status });
    this.recent.touch(stored, false);
    this.notifier.note({ chat: stored.chatJid, recent: true });
  }

  /** Our own edit or reaction (not a message of its own) goes into the outbox; an archived copy of one
   * still there proves the server has it. */
  control(entry: OutboxEntry | undefined, outgoing: boolean, msgId: string): void {
    if (entry) this.queue(entry);
    else if (outgoing && this.outbox.pending.some((p) => p.msgId === msgId)) this.outbox.drop([msgId]);
  }

  /** Into the outbox, with the newest archive id known (where a catch-up looks for its archived copy). */
  private queue(entry: OutboxEntry): void {
    this.outbox.add(this.sync.lastArchiveId && !entry.after ? { ...entry, after: this.sync.lastArchiveId } : entry);
    this.save();
  }

  private save(): void {
    this.outbox.write().catch((error) => console.warn('[chat-widget] could not save the outbox:', error));
  }

  /** Moves an outgoing message's status by what the evidence proves (see `statusAfter` in model/types). */
  async status(log: ChatLog, e: Of<'status'>, result: ApplyResult): Promise<void> {
    // An edit or a reaction of ours the server took (or refused) leaves the outbox.
    const control = this.outbox.pending.some((p) => p.msgId === e.msgId && (p.replaceId || p.reaction));
    if (control && (e.status === 'sent' || e.status === 'failed')) this.outbox.drop([e.msgId]);
    const row = log.find([idKey(e.fromJid, e.msgId)]);
    if (row === undefined) return;
    const message = await log.get(row);
    if (!message || !message.outgoing) return;
    // A bounced correction (found by its key on the message it corrects) does not fail the original.
    if (e.status === 'failed' && message.msgId !== e.msgId) return;
    if (e.status === 'seen') {
      for (const changed of await log.markSeenUpTo(row)) this.statusChanged(changed, result);
      return;
    }
    const next = statusAfter(message.status, e.status);
    if (next === message.status) return;
    const patch: Partial<ChatMessage> = { status: next };
    if (next === 'failed' && e.error) patch.error = e.error;
    const updated = await log.update(row, patch);
    if (updated) this.statusChanged(updated, result, message.status);
  }

  statusChanged(message: ChatMessage, result: ApplyResult, previous?: ChatMessage['status']): void {
    // A receipt can overtake the server's acknowledgement: listeners still see every step.
    if (previous === 'pending' && (message.status === 'delivered' || message.status === 'seen')) {
      result.statuses.push({ chatJid: message.chatJid, msgId: message.msgId, status: 'sent' });
    }
    result.statuses.push({ chatJid: message.chatJid, msgId: message.msgId, status: message.status });
    const recent = this.recent.changed(message);
    if (message.status !== 'pending') this.outbox.drop([message.msgId]);
    this.notifier.note({ chat: message.chatJid, recent });
  }

  /** A file is uploaded: the message shows the real URL, the outbox entry sends it without uploading. */
  async uploaded(log: ChatLog, e: Of<'uploaded'>): Promise<void> {
    const row = log.find([idKey(this.account, e.msgId)]);
    if (row !== undefined && await log.update(row, { media: e.media })) this.notifier.note({ chat: e.chatJid });
    this.outbox.replace(e.msgId, ({ upload: _upload, ...rest }) => ({ ...rest, media: e.media }));
  }

  /** A failed message of ours goes back to pending and into the outbox. */
  async retry(log: ChatLog, entry: OutboxEntry, result: ApplyResult): Promise<void> {
    const row = log.find([idKey(this.account, entry.msgId)]);
    const message = row === undefined ? undefined : await log.get(row);
    if (row === undefined || !message || message.status !== 'failed') return;
    const updated = await log.update(row, { status: 'pending', error: undefined });
    if (!updated) return;
    if (!this.outbox.replace(entry.msgId, () => entry)) {
      this.outbox.add(entry);
      this.save();
    }
    result.statuses.push({ chatJid: updated.chatJid, msgId: updated.msgId, status: 'pending' });
    this.notifier.note({ chat: updated.chatJid, recent: this.recent.changed(updated) });
  }

  /** Puts back into the chats any outbox entry the cache lost (a reload before a flush). */
  async restore(indexedLog: (chatJid: string) => Promise<ChatLog>): Promise<void> {
    for (const entry of this.outbox.pending) {
      if (entry.replaceId || entry.reaction) continue; // an edit or a reaction: no message of its own
      const log = await indexedLog(entry.chatJid);
      if (log.find([idKey(this.account, entry.msgId)]) !== undefined) continue;
      await log.prepareEnds();
      const { upload: _upload, replyQuote: _quote, ...fields } = entry;
      const stored = log.append({ ...fields, originId: entry.msgId, fromJid: this.account, toJid: entry.chatJid, outgoing: true, status: 'pending' });
      this.recent.touch(stored, false);
    }
  }
}
