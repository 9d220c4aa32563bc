/** What the elements get through context: the read side of the store and the actions an element may
 * call, nothing more (no connection, no registration, no store mutation). One per client. */
import type { StoreChange } from '../model/events.js';
import type { ChatMessage, ConnectionState, FeatureFlags, RecentChat, UploadProgressEvent } from '../model/types.js';
import type { HistoryQuery, MediaMessageParams, MediaQuery, TextMessageParams } from '../model/params.js';
import type { MediaKind } from '../model/file-type.js';
import type { Downloaded } from './media-download.js';

export interface BindingEvents {
  /** The store changed (a lone change at once, bursts once per frame). */
  change: StoreChange;
  connection: { state: ConnectionState; reason?: string };
  /** A message new to this account (live, carbon, catch-up). */
  message: ChatMessage;
  /** Bytes of a media message's file sent so far (the XEP-0363 PUT): `loaded` of `total`. */
  upload: UploadProgressEvent;
  /** The starred messages (as `favouriteMessages()` gives them), whenever the list changes, also from
   * another device of the account. */
  favourites: ChatMessage[];
}

export interface ChatBinding {
  /** The signed-in (or cached) account's bare JID; null before one is open. */
  readonly account: string | null;
  readonly connectionState: ConnectionState;
  /** Why the connection is in its state, when an error put it there. */
  readonly connectionReason: string | undefined;
  /** Recent chats, newest first, archived ones included (`isArchived`; the list shows them apart). */
  readonly recentChats: RecentChat[];
  recentChat(chatJid: string): RecentChat | undefined;
  /** Unread messages of chats that are not muted (the launcher's badge, `chat-unread-change`). */
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
  /** What the deployment switched on (a control for a feature that is off is not shown). */
  readonly features: Readonly<Required<FeatureFlags>>;
  /** Sends a file as an image, audio, video or document message (`file` for a document); resolves once
   * it is uploaded and sent (offline: with the pending message). Rejects with an SdkError: 400 wrong
   * type or empty file, 403 kind switched off, 413 over the server's limit, 503 no upload service, 502
   * upload refused. The message appears at once as pending, with its local preview. */
  sendMedia(kind: MediaKind, params: MediaMessageParams): Promise<ChatMessage>;
  /** Stops the upload of a pending file message (it becomes `failed`, retriable). 404 no such upload. */
  cancelUpload(msgId: string): Promise<void>;
  /** Sends a failed message of ours again (its file uploaded again when it never was). 404, 400 not failed. */
  resendMessage(params: { toJid: string; messageId: string }): Promise<ChatMessage>;
  /** The chat's media messages, 3 newest then 10 older per call (the reference's `getMediaMessages`;
   * 403 when `mediaMessages` is off). */
  mediaMessages(q: MediaQuery): Promise<ChatMessage[]>;
  /** Fetches a media file (an `aesgcm://` one decrypted, XEP-0454) as a Blob and its object URL (the
   * reference's `downloadMedia`). Rejects with an SdkError: 400 not an http(s)/aesgcm URL, 502 the
   * download failed or the file does not decrypt. The caller revokes the object URL. */
  downloadMedia(fileToken: string): Promise<Downloaded>;
  /** The message a reply answers (XEP-0461 `replyTo.msgId`) in chat `toJid`: from the cache, else read
   * back from the server archive (a bounded number of pages; then it is cached). null when unknown or
   * deleted for everyone. Rejects with an SdkError: 400 bad params, 403 `reply` off. */
  replyMessage(params: { toJid: string; replyMessageId: string }): Promise<ChatMessage | null>;
  /** Copies messages of chat `fromJid` to every chat in `toJids` (text, or the file as it is: nothing is
   * uploaded again), marked `forwarded`; `isAsync` (default true) one after the other, false all at
   * once. Resolves with the copies (pending while offline). Rejects with an SdkError: 400 bad params or
   * a message whose file is not uploaded yet, 404 unknown or deleted message, 403 `forward` off. */
  forwardMessages(params: { fromJid: string; toJids: string[]; messageIds: string[]; isAsync?: boolean }): Promise<ChatMessage[]>;
  /** Hides messages for this account only, on all its devices (kept in its private server storage).
   * Rejects with an SdkError: 400 bad parameters, 403 `deleteMessage` off, 404 an unknown message. */
  deleteMessagesForMe(params: { toJid: string; messageIds: string[] }): Promise<void>;
  /** Retracts messages this account sent (XEP-0424): shown as deleted on both sides. 400 also for a
   * message this account did not send; 403, 404 as above. Offline: applied here, sent once online. */
  deleteMessagesForEveryone(params: { toJid: string; messageIds: string[] }): Promise<void>;
  /** Replaces the text of one of our text messages (XEP-0308); resolves with it as now shown (edited).
   * Rejects with an SdkError: 400 someone else's, a media or deleted message, a blank text; 404 unknown
   * message; 403 `editMessage` off. Works offline (sent when back online). */
  editMessage(params: { toJid: string; messageId: string; messageText: string }): Promise<ChatMessage>;
  /** Sets this account's whole set of emoji reactions on a message of the chat (XEP-0444; [] removes).
   * Rejects with an SdkError: 400 not one emoji each or too many (20), a deleted message; 404 unknown
   * message; 403 `reactions` off. The message's `reactions` change at once (a store change). */
  sendReaction(params: { toJid: string; messageId: string; emojis: string[] }): Promise<void>;
  /** Stars (`isFavourite` true) or unstars a message; saved here at once, and on the server now or, offline,
   * once online (private PEP storage, XEP-0223), so the account's other devices see it. Rejects with an
   * SdkError: 403 `favouriteMessage` off, 400 bad parameters (or a message deleted for everyone), 404 unknown
   * message. */
  updateFavouriteStatus(params: { toJid: string; messageId: string; isFavourite: boolean }): Promise<void>;
  /** The starred messages across chats, newest first: the cached message where this device has it, else
   * the starred snapshot (then `rowId` is NaN). 403 `favouriteMessage` off. */
  favouriteMessages(): Promise<ChatMessage[]>;
  /** Unstars every message, on every device of the account. 403 `favouriteMessage` off. */
  removeAllFavouriteMessages(): Promise<void>;
  /** Empties this account's copy of a chat up to its message `lastMsgId` (default: all of it), on all its
   * devices (a cleared-up-to mark in private server storage that history honours); the peer keeps
   * everything. Starred messages stay unless `favourites` is true (then they are unstarred and cleared
   * too). Rejects with an SdkError: 400 bad params, 403 `clearChat` off, 404 unknown `lastMsgId`. */
  clearChat(params: { toJid: string; favourites?: boolean; lastMsgId?: string }): Promise<void>;
  /** Clears the chat and takes it out of the recent list until a new message comes (which brings it back
   * with only that message). 400, 403 `deleteChat` off. */
  deleteChat(params: { toJid: string; favourites?: boolean }): Promise<void>;
  /** `clearChat` for every recent chat. 403 `clearChat` off. */
  clearAllChat(): Promise<void>;
  /** `deleteChat` for every recent chat. 403 `deleteChat` off. */
  deleteAllRecentChats(): Promise<void>;
  /** Mutes or unmutes a chat on all devices of the account. 400, 403 `muteChat` off. */
  updateMuteNotification(params: { toJid: string; isMuted: boolean }): Promise<void>;
  /** Archives or unarchives a chat on all devices of the account. 400, 403 `archiveChat` off. */
  updateArchiveChat(params: { toJid: string; isArchived: boolean }): Promise<void>;
  /** Retry the connection now (the browser says the network is back). */
  reconnectNow(): void;
}
