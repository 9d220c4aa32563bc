/** What enters the store: every change to what is shown is one of these typed events, applied by the
 * store's one reducer (`ChatStore.dispatch`), whoever produced it (live delivery, carbons, archive
 * pages, the user's own sends, receipts, markers, acknowledgements, typing, connection). */
import type {
  ChatMessage, ChatSettings, ConnectionState, FavouriteSnapshot, MediaMeta, MessageStatusEvent, MsgType, NewMessage, TypingState,
} from './types.js';

/** A message the user wrote, kept until the server has it: enough to send it again after a reload,
 * for any kind of message. A file still to upload is referred to by `upload.blobKey` (the Blob is
 * stored beside the outbox). */
export interface OutboxEntry extends Pick<ChatMessage,
  'chatJid' | 'msgId' | 'timestamp' | 'body' | 'media' | 'replyTo' | 'forwarded' | 'mentionedUsersIds'> {
  msgType: MsgType;
  /** XEP-0428 fallback quote of the replied-to message, put before the text on the wire only (the
   * stored message keeps the user's text). */
  replyQuote?: string;
  upload?: { blobKey: string; fileName: string; mimeType: string; fileSize: number };
  /** The newest archive id the cache knew when the message was written: while it is pending, the
   * catch-up of a fresh session reads from there, so an archived copy (the server had it) is found. */
  after?: string;
  /** XEP-0308: this entry corrects our message with this id (`body` is the new text). */
  replaceId?: string;
  /** XEP-0444: this entry is our whole set of reactions to message `id` (no body). */
  reaction?: { id: string; emojis: string[] };
}

export type StoreEvent =
  /** A message new to this account's view (live, carbon, offline delivery, catch-up after being away):
   * `fresh` ones count as unread and are announced. */
  | { kind: 'message'; message: NewMessage; fresh: boolean }
  /** A page of older archive results for one chat (oldest first), to go in front of its cache.
   * `unread`: they reached this account while no device of it was looking (a new device's first
   * catch-up): incoming ones count as unread unless a read mark covers them (a later message of ours
   * here; `read` events after). Pages come newest first. */
  | { kind: 'history'; chatJid: string; messages: NewMessage[]; complete: boolean; unread?: boolean;
    /** The archive's newest page, asked for when nothing cached had an archive id: messages after one
     * that is cached meanwhile are newer than the cache (live delivery brings them), not older. */
    newest?: boolean }
  /** The user wrote a message: stored as pending and put in the outbox in one step. */
  | { kind: 'outgoing'; message: NewMessage; entry: OutboxEntry }
  /** Evidence about one of our messages: acknowledged, delivered, seen, bounced. */
  | { kind: 'status'; chatJid: string; fromJid: string; msgId: string; status: 'sent' | 'failed' | 'delivered' | 'seen'; error?: string }
  /** XEP-0308: `correction` (a message as read from the stanza) replaces the text of the message its
   * sender sent with id `replaceId`. `older`: read from history pages going back in time (a newer
   * correction may already be applied). */
  | { kind: 'correction'; chatJid: string; replaceId: string; correction: NewMessage; older: boolean;
    /** Our own edit (API `editMessage`): also goes into the outbox. */
    entry?: OutboxEntry }
  /** XEP-0444: `fromJid` (the peer or this account) now reacts to message `targetId` of the chat with
   * `emojis` (its whole set; empty: none). `keys`: the reaction stanza's de-duplication keys (as a
   * message's: archive id, origin-id, else id and content), so copies of it are recognised; `msgId`: its
   * id. `older`: as for corrections. */
  | { kind: 'reaction'; chatJid: string; fromJid: string; targetId: string; emojis: string[]; msgId: string; keys: string[]; older: boolean;
    /** Our own reaction (API `sendReaction`): also goes into the outbox. */
    entry?: OutboxEntry }
  /** This account displayed a peer's message on some device: the chat is read up to it. */
  | { kind: 'read'; chatJid: string; peerMsgId: string }
  /** The same, by our archive's stanza-id of the message (XEP-0490, from any device of this account). */
  | { kind: 'read'; chatJid: string; stanzaId: string }
  | { kind: 'typing'; chatJid: string; state: TypingState }
  | { kind: 'connection'; state: ConnectionState; reason?: string }
  /** A media message's file is uploaded: the message and its outbox entry get the real URL (and lose
   * their `upload`), so a retry after a reload does not upload it again. */
  | { kind: 'uploaded'; chatJid: string; msgId: string; media: MediaMeta }
  /** The user retries a failed message: it is pending again and back in the outbox. */
  | { kind: 'retry'; entry: OutboxEntry }
  /** The newest archive id this cache has caught up to. */
  | { kind: 'archive-position'; archiveId: string }
  /** XEP-0424: `fromJid` retracts the message it sent with id (or origin-id) `targetId`; a message of
   * anyone else is left alone. One met before its original (history read back) waits for it. */
  | { kind: 'retraction'; chatJid: string; fromJid: string; targetId: string }
  /** Messages deleted for this account only (from this device, another one, or the private storage
   * read at sign-in): hidden now and whenever they come again (the archive read later). */
  | { kind: 'hide'; chatJid: string; refs: HiddenRef[] }
  /** Favourites (store/favourites.ts): `star` adds or replaces messages, `unstar` removes them by
   * favourite id (model/ids.ts), `all` replaces the whole list (the server's node; with `local`, the
   * user's "remove all"). `local`: done on this device, held until the server has it. A message deleted
   * for everyone (XEP-0424) leaves them with `{kind: 'favourites', unstar: [favouriteId(chatJid, msgId)],
   * local: true}` after the event that retracts it (nothing happens when it was not starred). */
  | { kind: 'favourites'; star?: FavouriteSnapshot[]; unstar?: string[]; all?: FavouriteSnapshot[]; local?: boolean }
  /** This account's settings of chats (store/chat-settings.ts): each replaces the chat's settings.
   * `local`: changed on this device, held until the server has it; `fields`: which settings this device
   * changed (default: those that differ from the cache). */
  | { kind: 'chat-settings'; settings: ChatSettings[]; local?: boolean; fields?: SettingField[] };

/** One of a chat's settings (ChatSettings): what a change made on this device owns until published. */
export type SettingField = 'muted' | 'archived' | 'deleted' | 'cleared';

/** A message hidden for this account: its sender, id and, when known, our archive's id for it. */
export interface HiddenRef {
  fromJid: string;
  msgId: string;
  stanzaId?: string;
}

export interface ApplyResult {
  /** Messages that were new (not duplicates), in the order they were stored. */
  added: ChatMessage[];
  /** How many older messages `history` events put in front of their chats. */
  prepended: number;
  statuses: MessageStatusEvent[];
  /** Messages retracted (XEP-0424) or hidden for this account by these events: gone from favourites,
   * the media list and the recent preview (the client emits `removed` for each). */
  removed?: ChatMessage[];
}

/** What changed since subscribers last heard (coalesced per frame during bursts). */
export interface StoreChange {
  /** Chats whose messages changed. */
  chats: Set<string>;
  recent: boolean;
  typing: boolean;
  connection: boolean;
  /** The favourites list changed. */
  favourites?: boolean;
  /** Everything may have changed (another account's store was opened). */
  reset?: boolean;
}
