/** The recent-chat rows: one per peer, with the last message, its time and the unread count. */
import type { ChatMessage, RecentChat } from '../model/types.js';
import type { BatchedWriter } from './persistence.js';

/** A message as a chat's preview: a file's name (for "Document: name"); a retracted one says so. */
function preview(m: ChatMessage): RecentChat['lastMessage'] {
  const { msgId, body, outgoing, status, timestamp, msgType } = m;
  return { msgId, body, outgoing, status, timestamp, msgType, ...(m.media?.fileName ? { fileName: m.media.fileName } : {}), ...(m.retracted ? { retracted: true } : {}) };
}

export class RecentChats {
  private readonly rows = new Map<string, RecentChat>();

  constructor(private readonly writer: BatchedWriter, stored: RecentChat[] | null) {
    // A cache written before sender-chosen dates were ignored may hold a chat dated in the future,
    // which would stay on top of the list until then.
    const now = Date.now();
    for (const chat of stored ?? []) this.rows.set(chat.chatJid, chat.timestamp > now ? { ...chat, timestamp: now } : chat);
  }

  /** Newest first. */
  get list(): RecentChat[] {
    return [...this.rows.values()].sort((a, b) => b.timestamp - a.timestamp);
  }

  get(chatJid: string): RecentChat | undefined {
    return this.rows.get(chatJid);
  }

  has(chatJid: string): boolean {
    return this.rows.has(chatJid);
  }

  /** A message became the chat's newest: it leads the row; an unread one counts. */
  touch(message: ChatMessage, unread: boolean): void {
    const chat = this.rows.get(message.chatJid) ?? { chatJid: message.chatJid, lastMessage: null, timestamp: 0, unreadCount: 0 };
    chat.lastMessage = preview(message);
    chat.timestamp = Math.max(chat.timestamp, message.timestamp);
    if (unread) chat.unreadCount += 1;
    if (message.outgoing) {
      // Replying means having read everything before.
      chat.unreadCount = 0;
      chat.lastReadRowId = message.rowId;
    }
    this.rows.set(message.chatJid, chat);
    this.persist();
  }

  /** A chat's last message changed (its status; its text, corrected). */
  changed(message: ChatMessage): boolean {
    const chat = this.rows.get(message.chatJid);
    if (chat?.lastMessage?.msgId !== message.msgId || chat.lastMessage.outgoing !== message.outgoing) return false;
    chat.lastMessage = { ...chat.lastMessage, status: message.status, body: message.body, ...(message.retracted ? { retracted: true, fileName: undefined } : {}) };
    this.persist();
    return true;
  }

  /** The chat's last message was hidden for this account: the newest one still shown leads instead. */
  replaceLast(chatJid: string, message: ChatMessage | null): void {
    const chat = this.rows.get(chatJid);
    if (!chat) return;
    chat.lastMessage = message && preview(message);
    this.persist();
  }

  /** A chat was deleted: its row leaves the list until a message comes (`touch` brings it back). */
  /** A chat back in the list (settings say it has a row): its newest message shown, or empty, dated
   * `at` (ms). */
  restore(chatJid: string, message: ChatMessage | null, at: number): void {
    this.rows.set(chatJid, { chatJid, lastMessage: message && preview(message), timestamp: message?.timestamp ?? at, unreadCount: 0 });
    this.persist();
  }

  remove(chatJid: string): void {
    if (this.rows.delete(chatJid)) this.persist();
  }

  /** Older messages that reached this account unseen (a new device's first catch-up, newest block
   * first): incoming ones after the chat's read point count as unread; one of ours is a read point
   * (replying means having read what came before). */
  addUnread(chatJid: string, messages: readonly ChatMessage[]): void {
    const chat = this.rows.get(chatJid);
    if (!chat) return;
    let readPoint = chat.lastReadRowId ?? -Infinity;
    for (const m of messages) if (m.outgoing) readPoint = Math.max(readPoint, m.rowId);
    if (Number.isFinite(readPoint)) chat.lastReadRowId = readPoint;
    chat.unreadCount += messages.filter((m) => !m.outgoing && m.rowId > readPoint).length;
    this.persist();
  }

  /** A message was deleted for this account: an unread one of the peer's no longer counts. */
  forget(m: ChatMessage): void {
    const chat = this.rows.get(m.chatJid);
    if (!chat || m.outgoing || chat.unreadCount === 0 || m.rowId <= (chat.lastReadRowId ?? -Infinity)) return;
    chat.unreadCount -= 1;
    this.persist();
  }

  /** Read up to `row`; `unreadAfter` is the number of incoming messages after it. */
  markRead(chatJid: string, row: number, unreadAfter: number): boolean {
    const chat = this.rows.get(chatJid);
    if (!chat || (chat.lastReadRowId !== undefined && chat.lastReadRowId >= row)) return false;
    chat.lastReadRowId = row;
    chat.unreadCount = unreadAfter;
    this.persist();
    return true;
  }

  private persist(): void {
    this.writer.schedule('chats', () => [...this.rows.values()]);
  }
}
