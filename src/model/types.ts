/** The data the core hands out: messages, recent-chat rows, and the events listeners receive. */

/** pending: stored locally, not yet accepted by the server; sent: the server acknowledged it;
 * delivered: the peer's client confirmed receipt (XEP-0184); seen: the peer displayed it (XEP-0333).
 * Incoming messages carry `received`; failed: the server bounced it (`error` says why). */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'seen' | 'received' | 'failed';

/** How far along a message is; a status only moves forward (a bounce is the exception, see the store). */
export const STATUS_ORDER: Record<MessageStatus, number> = {
  pending: 0, sent: 1, delivered: 2, seen: 3, received: 3, failed: 4,
};

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
  /** The message's id: the `id` / XEP-0359 origin-id its sender gave it. Used by the API (seen, reply). */
  msgId: string;
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
  /** Why the server refused the message, when status is failed. */
  error?: string;
}

/** A message before the store gives it a row. */
export type NewMessage = Omit<ChatMessage, 'rowId'>;

export interface RecentChat {
  chatJid: string;
  lastMessage: Pick<ChatMessage, 'msgId' | 'body' | 'outgoing' | 'status' | 'timestamp' | 'msgType'> | null;
  /** Time of the last message (ms). */
  timestamp: number;
  unreadCount: number;
  /** Row id of the newest message this account has seen in the chat. */
  lastReadRowId?: number;
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
}

/** Features a deployment can switch off; a call to a switched-off feature fails with 403. */
export interface FeatureFlags {
  typing?: boolean;
  seenStatus?: boolean;
  deliveryReceipts?: boolean;
  history?: boolean;
  registration?: boolean;
}
