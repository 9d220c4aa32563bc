/** The data the core hands out: messages, recent-chat rows, and the events listeners receive. */

/** pending: stored locally, not yet accepted by the server; sent: the server acknowledged it;
 * delivered: the peer's client confirmed receipt (XEP-0184); seen: the peer displayed it (XEP-0333).
 * Incoming messages carry `received`; failed: an error came back for it (`error` says why). */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'seen' | 'received' | 'failed';

/** How far along a message is, for ordering and display. */
export const STATUS_ORDER: Record<MessageStatus, number> = {
  pending: 0, sent: 1, delivered: 2, seen: 3, received: 3, failed: 4,
};

/** The status state machine of an outgoing message: each piece of evidence moves it only where it
 * proves something, whatever came before.
 *
 * | evidence                              | from pending | sent      | failed    | delivered | seen |
 * |---------------------------------------|--------------|-----------|-----------|-----------|------|
 * | server ack (ping answer, archive copy)| sent         | sent      | failed    | delivered | seen |
 * | error reply for its id                | failed       | failed    | failed    | delivered | seen |
 * | delivery receipt (XEP-0184)           | delivered    | delivered | delivered | delivered | seen |
 * | displayed marker (XEP-0333)           | seen         | seen      | seen      | seen      | seen |
 *
 * A receipt or marker proves that a client of the peer has the message, so it wins over an error
 * (one of the peer's clients may refuse what another accepts). An error never undoes a proof of
 * delivery, and a server ack does not undo an error (the error may have come from the peer's side
 * after the server took the message). A marker for a later message also marks earlier ones seen,
 * except earlier failed ones: it proves nothing about those. */
export function statusAfter(current: MessageStatus, evidence: 'sent' | 'failed' | 'delivered' | 'seen'): MessageStatus {
  if (current === 'seen' || current === 'received') return current;
  switch (evidence) {
    case 'seen': return 'seen';
    case 'delivered': return 'delivered';
    case 'failed': return current === 'delivered' ? current : 'failed';
    case 'sent': return current === 'pending' ? 'sent' : current;
  }
}

/** The reference's message kinds (`file` is its "document"). */
export type MsgType = 'text' | 'image' | 'audio' | 'video' | 'file';

/** What a media message carries besides its caption (XEP-0066 OOB / XEP-0446 file metadata). */
export interface MediaMeta {
  /** Where the file is: an http(s) URL, or an `aesgcm://` URL for an encrypted file (XEP-0454). */
  url: string;
  fileName?: string;
  mimeType?: string;
  /** Bytes. */
  fileSize?: number;
  /** Pixels, for images and video. */
  width?: number;
  height?: number;
  /** Milliseconds, for audio and video. */
  duration?: number;
  /** A small preview image (data: URL or http(s) URL). */
  thumbnail?: string;
}

/** The message a reply answers (XEP-0461 `<reply id=… to=…/>`). */
export interface ReplyRef {
  /** The id the replied-to message is known by (see XEP-0461 on which id). */
  msgId: string;
  /** Bare JID of the replied-to message's author, when known. */
  fromJid?: string;
}

export interface ChatMessage {
  /** The message's id: the stanza's own `id` attribute as its sender gave it (what receipts, markers,
   * corrections and replies of a 1:1 chat refer to: XEP-0184, XEP-0333, XEP-0308, XEP-0461); else its
   * origin-id, else our archive's stanza-id. Not unique: some clients reuse ids across sessions; the API
   * resolves an id to the newest message with it. */
  msgId: string;
  /** XEP-0359 origin-id the sender gave it (unique per sender; ours always equals `msgId`). */
  originId?: string;
  /** Local, ordered position inside its chat: older messages have smaller row ids. */
  rowId: number;
  /** The peer's bare JID: the chat this message belongs to. */
  chatJid: string;
  fromJid: string;
  toJid: string;
  /** true when the logged-in account sent it (from this device or another one). */
  outgoing: boolean;
  msgType: MsgType;
  /** The text; for media, the caption (may be empty). */
  body: string;
  /** Milliseconds since the epoch: the server's delay stamp when there is one, else arrival time. */
  timestamp: number;
  status: MessageStatus;
  /** XEP-0359 stanza-id given by our own archive, once known. */
  stanzaId?: string;
  /** The file, for every kind but text. */
  media?: MediaMeta;
  replyTo?: ReplyRef;
  /** Forwarded from another chat (shown as "Forwarded"). */
  forwarded?: boolean;
  mentionedUsersIds?: string[];
  /** The sender asked for chat markers (XEP-0333 `<markable/>`): only such a message gets a seen
   * marker. */
  markable?: boolean;
  /** When its sender last corrected it (XEP-0308), in ms since the epoch: the message is "edited". */
  editedAt?: number;
  /** De-duplication keys of the corrections applied to it, so copies of them are recognised.
   * @internal */
  corrections?: string[];
  /** Why the server refused the message, when status is failed. */
  error?: string;
  /** Deleted for everyone by its sender (XEP-0424 retraction): body and media are gone; shown as
   * "This message was deleted". */
  retracted?: boolean;
  /** Starred by this account (the reference's favourites; kept in private server storage, XEP-0223). */
  favourite?: boolean;
  /** XEP-0444 reactions: each sender's bare JID to that sender's current set of emoji (one set per
   * sender; a sender with an empty set is left out). */
  reactions?: Record<string, string[]>;
  /** Deleted for this account only ("delete for me"): kept as a placeholder row in the cache, never
   * returned by reads. @internal */
  hidden?: boolean;
  /** Keys of the reaction stanzas applied to it and `j:`+sender for each sender whose set is known (also
   * an emptied one), so copies and older sets met later in the archive change nothing.
   * @internal */
  reacted?: string[];
}

/** A message before the store gives it a row. */
export type NewMessage = Omit<ChatMessage, 'rowId'>;

/** What is kept of a starred message (on the server and in the cache), so that the favourites can be
 * listed on a device that never cached the message itself. */
export type FavouriteSnapshot = Pick<ChatMessage, 'chatJid' | 'msgId' | 'fromJid' | 'toJid' | 'outgoing' | 'msgType' | 'body' | 'timestamp'>
  & Partial<Pick<ChatMessage, 'stanzaId' | 'media'>>;

export interface RecentChat {
  chatJid: string;
  /** The newest message; for a file, `body` is its caption and `fileName` its name (for "Document: name"). */
  lastMessage: (Pick<ChatMessage, 'msgId' | 'body' | 'outgoing' | 'status' | 'timestamp' | 'msgType'> & { fileName?: string; retracted?: boolean }) | null;
  /** Time of the last message (ms). */
  timestamp: number;
  unreadCount: number;
  /** Row id of the newest message this account has seen in the chat. */
  lastReadRowId?: number;
  /** Muted (`updateMuteNotification`): no notification, sound or contribution to the total unread count;
   * `unreadCount` still counts. */
  isMuted?: boolean;
  /** Archived (`updateArchiveChat`): listed apart from the main list; a new message keeps it archived. */
  isArchived?: boolean;
}

/** This account's own settings for one chat, kept in its private server storage (XEP-0223) so that every
 * device of the account has them (see core/chat-settings.ts). */
export interface ChatSettings {
  chatJid: string;
  muted?: boolean;
  archived?: boolean;
  /** Messages up to this point are cleared for this account (`clearChat`): `at` is a time (ms),
   * `stanzaId` our archive's id of the newest cleared message, when known, and `ids` our archive's ids of
   * the cleared messages near `at` (store/removals.ts `clearedBy` says how they decide). The mark only
   * moves forward. */
  cleared?: { at: number; stanzaId?: string; ids?: string[] };
  /** Deleted (`deleteChat`): out of the recent list until a message newer than `cleared` comes. */
  deleted?: boolean;
}

export type ConnectionState =
  | 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'authfailed';

export type TypingState = 'composing' | 'paused' | 'gone';

export interface TypingEvent {
  fromJid: string;
  state: TypingState;
}

export interface MessageStatusEvent {
  chatJid: string;
  msgId: string;
  status: MessageStatus;
}

export interface ConnectionEvent {
  state: ConnectionState;
  /** Why, when the state is the result of an error. */
  reason?: string;
}

/** Listeners a host passes to `initializeSDK`. All optional. */
export interface SdkListeners {
  connectionListener?: (event: ConnectionEvent) => void;
  messageListener?: (message: ChatMessage) => void;
  messageStatusListener?: (event: MessageStatusEvent) => void;
  typingStatusListener?: (event: TypingEvent) => void;
  recentChatsListener?: (chats: RecentChat[]) => void;
  /** Progress of a file upload (XEP-0363 PUT) of one of our media messages. */
  uploadProgressListener?: (event: UploadProgressEvent) => void;
  /** The starred messages, newest first: the answer of `getAllFavouriteMessages`, and again whenever the
   * list changes (here or on another device of the account). */
  favouriteMessageListener?: (messages: ChatMessage[]) => void;
}

/** How far the upload of a media message is: `loaded` of `total` bytes sent. */
export interface UploadProgressEvent {
  chatJid: string;
  msgId: string;
  loaded: number;
  total: number;
}

/** Features a deployment can switch off; a call to a switched-off feature fails with 403. */
export interface FeatureFlags {
  typing?: boolean;
  seenStatus?: boolean;
  deliveryReceipts?: boolean;
  history?: boolean;
  registration?: boolean;
  /** `getMediaMessages` and the chat's media gallery. */
  mediaMessages?: boolean;
  /** Sending image, audio, video and document messages (`send…Message`). */
  imageAttachment?: boolean;
  audioAttachment?: boolean;
  videoAttachment?: boolean;
  documentAttachment?: boolean;
  /** Replying to a message (`replyMessageId`, XEP-0461) and `getReplyMessage`. */
  reply?: boolean;
  /** `forwardMessagesToMultipleUsers` and forwarding to one chat. */
  forward?: boolean;
  /** `updateFavouriteStatus`, `getAllFavouriteMessages`, `removeAllFavouriteMessages`. */
  favouriteMessage?: boolean;
  /** `deleteMessagesForMe` and `deleteMessagesForEveryone` (XEP-0424). */
  deleteMessage?: boolean;
  /** Editing a message of ours (XEP-0308), beyond the reference. */
  editMessage?: boolean;
  /** Reacting with emoji (XEP-0444), beyond the reference. */
  reactions?: boolean;
  /** `clearChat` and `clearAllChat`. */
  clearChat?: boolean;
  /** `deleteChat` and `deleteAllRecentChats`. */
  deleteChat?: boolean;
  /** `updateMuteNotification`. */
  muteChat?: boolean;
  /** `updateArchiveChat` and `getAllArchivedChats`. */
  archiveChat?: boolean;
  /** Browser notifications (`showChatNotification` and the automatic ones). */
  notifications?: boolean;
}
