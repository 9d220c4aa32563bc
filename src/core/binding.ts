/** What the elements get through context: the read side of the store and the actions an element may
 * call, nothing more (no connection, no registration, no store mutation). One per client. */
import type { StoreChange } from '../model/events.js';
import type { ChatMessage, ConnectionState, RecentChat } from '../model/types.js';
import type { HistoryQuery, TextMessageParams } from '../model/params.js';

export interface BindingEvents {
  /** The store changed (a lone change at once, bursts once per frame). */
  change: StoreChange;
  connection: { state: ConnectionState; reason?: string };
  /** A message new to this account (live, carbon, catch-up). */
  message: ChatMessage;
}

export interface ChatBinding {
  /** The signed-in (or cached) account's bare JID; null before one is open. */
  readonly account: string | null;
  readonly connectionState: ConnectionState;
  /** Why the connection is in its state, when an error put it there. */
  readonly connectionReason: string | undefined;
  /** Recent chats, newest first. */
  readonly recentChats: RecentChat[];
  recentChat(chatJid: string): RecentChat | undefined;
  readonly totalUnread: number;
  /** Whether the peer of this chat is typing now. */
  isTyping(chatJid: string): boolean;
  /** The newest `limit` cached messages, oldest first; never asks the server (for the first paint). */
  cachedMessages(chatJid: string, limit: number): Promise<ChatMessage[]>;
  /** Cached messages from row `fromRow` to the newest (what an open thread re-reads on change). */
  messagesFrom(chatJid: string, fromRow: number): Promise<ChatMessage[]>;
  /** History from the cache, then the archive (the reference's `getChatMessages`). */
  messages(query: HistoryQuery): Promise<ChatMessage[]>;
  on<K extends keyof BindingEvents>(type: K, listener: (data: BindingEvents[K]) => void): () => void;

  /** A user id on this deployment's domain as a JID (XEP-0106 escaping). 400 for an empty id. */
  getJid(userId: string): string;
  /** Rejects with an SdkError (400 bad input, 401 signed out). */
  sendText(params: TextMessageParams): Promise<ChatMessage>;
  /** The user saw this message of the peer's (and every earlier one): the chat is read up to it, and the
   * peer is told (XEP-0333) unless the deployment switched seen status off. */
  markRead(chatJid: string, msgId: string): Promise<void>;
  sendTyping(chatJid: string): Promise<void>;
  sendTypingGone(chatJid: string): Promise<void>;
  /** Retry the connection now (the browser says the network is back). */
  reconnectNow(): void;
}
