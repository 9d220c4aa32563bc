/** The reference API ("single chat"): a thin facade over the core that shapes every answer as
 * `{statusCode, message, data}` and never throws. `SDK` is the page's default client: the one the
 * host page calls and the one the elements use unless they are given another (`.sdk`). */
import type { ChatBinding } from '../core/binding.js';
import { ChatClient } from '../core/client.js';
import type { ClientOptions } from '../core/options.js';
import type { HistoryQuery, MediaMessageParams, MediaQuery, TextMessageParams } from '../model/params.js';
import type { Downloaded } from '../core/media-download.js';
import type { ChatNotification } from './notification.js';
import { badRequest, notFound, unauthorized } from '../model/errors.js';
import type { ChatMessage, FeatureFlags, RecentChat, SdkListeners } from '../model/types.js';
import { asResult, toResult, type SdkResult } from './result.js';

export interface InitializeParams extends Omit<ClientOptions, 'features'> {
  features?: FeatureFlags;
  listeners?: SdkListeners;
}

/** One SDK instance: one account at a time. `createSDK()` makes more (e.g. two people on one page). */
export class ChatSDK {
  private client: ChatClient | null = null;
  private listeners: SdkListeners = {};
  private readonly watchers = new Set<(binding: ChatBinding | null) => void>();

  /** The core client (for hosts that want the store), null before `initializeSDK`. */
  get core(): ChatClient | null {
    return this.client;
  }

  /** What elements get through context (the store's read side and their actions), null before `initializeSDK`. */
  get binding(): ChatBinding | null {
    return this.client?.binding ?? null;
  }

  /** Calls `watcher` now and whenever `initializeSDK` gives this SDK a new client; returns the unsubscribe. */
  watch(watcher: (binding: ChatBinding | null) => void): () => void {
    this.watchers.add(watcher);
    watcher(this.binding);
    return () => this.watchers.delete(watcher);
  }

  /** Sets the server, options and listeners. Called again for the same service and domain (and the
   * same storage prefix, when one is given) while a session is set up, it keeps that session (a
   * launcher's, say) and only replaces the listeners (listeners are kept when none are given), so a host
   * page can add its listeners whenever it likes; the answer's message then says so, and which other options it left as they were (sign out
   * with `disconnect()` first to change them). 400 for an unusable service or domain. */
  initializeSDK(params: InitializeParams): Promise<SdkResult<{ domain: string }>> {
    let kept: string | undefined;
    return asResult(async () => {
      if (!params || typeof params !== 'object') throw badRequest('initializeSDK needs {service, domain}');
      const current = this.client?.options;
      if (current && sameServer(current, params) && (params.storagePrefix === undefined || params.storagePrefix === current.storagePrefix)) {
        if (params.listeners) this.listeners = params.listeners;
        const ignored = (Object.keys(params) as (keyof InitializeParams)[])
          .filter((k) => !['service', 'domain', 'storagePrefix', 'listeners'].includes(k) && params[k] !== undefined);
        kept = `SDK already initialized for this server: the session is kept and the listeners replaced${
          ignored.length ? `; ${ignored.join(', ')} left as they were (call disconnect() first to change them)` : ''}`;
        return { domain: current.domain };
      }
      const client = new ChatClient(params);
      // Listeners stay unless new ones are given (an element re-initializing the page SDK keeps the host's).
      if (params.listeners) this.listeners = params.listeners;
      const old = this.client;
      this.client = client;
      const l = () => this.listeners;
      client.events.on('connection', (e) => l().connectionListener?.(e));
      client.events.on('message', (m) => l().messageListener?.(m));
      client.events.on('status', (s) => l().messageStatusListener?.(s));
      client.events.on('typing', (t) => l().typingStatusListener?.(t));
      client.events.on('recent', (r) => l().recentChatsListener?.(r));
      client.events.on('upload', (u) => l().uploadProgressListener?.(u));
      client.events.on('favourites', (f) => l().favouriteMessageListener?.(f));
      if (old) await old.disconnect();
      for (const watcher of this.watchers) watcher(client.binding);
      return { domain: client.options.domain };
    }).then((result) => ({ ...result, ...(result.statusCode === 200 ? { message: kept ?? 'SDK initialized' } : {}) }));
  }

  /** A call whose answer carries no data (`data: null`). */
  private act(work: (client: ChatClient) => Promise<unknown>, message?: string): Promise<SdkResult<null>> {
    return this.use(async (c) => {
      await work(c);
      return null;
    }, message);
  }

  private use<T>(work: (client: ChatClient) => Promise<T> | T, message?: string): Promise<SdkResult<T>> {
    return asResult(() => {
      if (!this.client) throw unauthorized('Call initializeSDK({service, domain}) first');
      return work(this.client);
    }, message);
  }

  register(username?: string, password?: string): Promise<SdkResult<{ username: string; password: string; jid: string }>> {
    return this.use((c) => c.register(username, password), 'Registered');
  }

  connect(username: string, password: string): Promise<SdkResult<{ jid: string }>> {
    return this.use((c) => c.connect(username, password), 'Connected');
  }

  disconnect(): Promise<SdkResult<null>> {
    return this.act((c) => c.disconnect(), 'Disconnected');
  }

  /** `getJid(userId)` answers synchronously with the JID string, as in the reference; it throws the
   * `{statusCode, message}` result for an empty id or an uninitialized SDK. */
  getJid(userId: string): string {
    try {
      if (!this.client) throw unauthorized('Call initializeSDK({service, domain}) first');
      return this.client.getJid(userId);
    } catch (error) {
      const result = toResult(error);
      throw Object.assign(new Error(result.message), result);
    }
  }

  /** Newest first, archived chats included; rows carry `isMuted` and `isArchived` (see updateMuteNotification). */
  getRecentChats(): Promise<SdkResult<RecentChat[]>> {
    return this.use((c) => c.recentChats());
  }

  getChatMessages(params: HistoryQuery): Promise<SdkResult<ChatMessage[]>> {
    return this.use((c) => c.messages(params));
  }

  /** The chat's media messages (image, audio, video, document), newest first: the 3 newest, then with
   * `lastMessageId` (the last `msgId` of the previous answer) the 10 older ones per call; from the cache,
   * then the archive. 400 for bad parameters, 404 for an unknown `lastMessageId`, 403 when the
   * `mediaMessages` feature is off. */
  getMediaMessages(params: MediaQuery): Promise<SdkResult<ChatMessage[]>> {
    return this.use((c) => c.mediaMessages(params));
  }

  sendTextMessage(params: TextMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendText(params), 'Message queued for sending');
  }

  /** An image (png, jpg, jpeg, svg, gif), uploaded by XEP-0363 and sent with OOB and XEP-0446 metadata.
   * Answers once it is uploaded and sent (200, the message), or queued while offline (200, pending);
   * 400 wrong type or empty, 413 over the server's limit, 502 upload refused, 503 no upload service,
   * 403 `imageAttachment` off, 499 cancelled. See core/media-send.ts. */
  sendImageMessage(params: MediaMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendMedia('image', params), 'Image message sent');
  }

  /** Audio (mp3, mpeg, wav, and the webm/ogg a recorder makes); as `sendImageMessage`, `audioAttachment`. */
  sendAudioMessage(params: MediaMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendMedia('audio', params), 'Audio message sent');
  }

  /** Video (mp4); as `sendImageMessage`, `videoAttachment`. */
  sendVideoMessage(params: MediaMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendMedia('video', params), 'Video message sent');
  }

  /** A document (pdf, doc, xls, csv, ppt, txt, docx, xlsx, pptx); as `sendImageMessage`, `documentAttachment`. */
  sendDocumentMessage(params: MediaMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendMedia('file', params), 'Document message sent');
  }

  /** Beyond the reference: replaces the text of one of our text messages (XEP-0308 last message
   * correction); answers the message as now shown (new `body`, `editedAt` in ms). The peer, our other
   * devices and the archive get the correction; offline it waits in the outbox. 400 someone else's
   * message, a media or deleted one, a blank text; 404 unknown message; 403 `editMessage` off. */
  editMessage(params: { toJid: string; messageId: string; messageText: string }): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.editMessage(params), 'Message edited');
  }

  /** Beyond the reference: sets this account's whole set of emoji reactions on a message (the peer's or
   * ours) of a 1:1 chat (XEP-0444); `emojis: []` removes them. Each must be one emoji, at most 20. The
   * message's `reactions` ({senderBareJid: emoji[]}) change at once. 400 bad emoji or too many, a deleted
   * message; 404 unknown message; 403 `reactions` off. */
  sendReaction(params: { toJid: string; messageId: string; emojis: string[] }): Promise<SdkResult<null>> {
    return this.act((c) => c.sendReaction(params), 'Reactions sent');
  }

  /** Stops a pending upload: the message becomes failed ("cancelled"). 404 when none is pending. */
  cancelUpload(messageId: string): Promise<SdkResult<null>> {
    return this.act((c) => c.cancelUpload(messageId), 'Upload cancelled');
  }

  /** Sends a failed message of ours again (a file is uploaded first if it never was). */
  resendMessage(params: { toJid: string; messageId: string }): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.resendMessage(params), 'Message sent again');
  }

  /** A media file as `{objectUrl, blob}`; with `fileKey` or an `aesgcm://` URL, decrypted (XEP-0454). */
  downloadMedia(fileToken: string, fileKey?: string): Promise<SdkResult<Downloaded>> {
    return this.use((c) => c.downloadMedia(fileToken, fileKey), 'Media downloaded');
  }

  /** The message a reply answers (its `replyTo.msgId`), from the cache of any chat, else the server
   * archive (XEP-0313, bounded), so it is found on a fresh device too. 404 unknown or deleted, 400 bad
   * params (`chatType` other than "chat"), 403 `reply` off. */
  getReplyMessage(params: { replyMessageId: string; chatType?: string }): Promise<SdkResult<ChatMessage>> {
    return this.use(async (c) => (await c.replyMessage({ ...params, toJid: undefined })) ?? Promise.reject(notFound('No such message')));
  }

  /** Forwards cached messages to one chat: copies (files not uploaded again) marked forwarded.
   * `isAsync` (default true): one by one; false: all at once. 400, 404 unknown or deleted, 403 `forward` off. */
  forwardMessagesToUser(params: { toJid: string; messageIds: string[]; isAsync?: boolean }): Promise<SdkResult<ChatMessage[]>> {
    return this.use((c) => c.forwardMessages({ ...params, toJids: [params?.toJid] }), 'Messages forwarded');
  }

  /** As `forwardMessagesToUser`, to every chat in `toJids`. */
  forwardMessagesToMultipleUsers(params: { toJids: string[]; messageIds: string[]; isAsync?: boolean }): Promise<SdkResult<ChatMessage[]>> {
    return this.use((c) => c.forwardMessages(params), 'Messages forwarded');
  }

  /** Deletes messages for this account only (`{toJid, messageIds}`): hidden here, after a reload and on
   * its other devices (XEP-0223 private storage). 400 bad parameters, 403 `deleteMessage` off, 404 an id
   * not in the chat, 503 the server cannot keep private data (hidden on this device only). */
  deleteMessagesForMe(params: { toJid: string; messageIds: string[] }): Promise<SdkResult<null>> {
    return this.act((c) => c.deleteMessagesForMe(params), 'Messages deleted');
  }

  /** Deletes messages this account sent for everyone (XEP-0424 retraction): both sides show them as
   * deleted. 400 also when one was not sent by this account (nothing is deleted then); 403, 404 as
   * above. Offline: deleted here at once, the retraction sent once online. */
  deleteMessagesForEveryone(params: { toJid: string; messageIds: string[] }): Promise<SdkResult<null>> {
    return this.act((c) => c.deleteMessagesForEveryone(params), 'Messages deleted');
  }

  /** Stars (`isFavourite` true) or unstars a message of a chat; kept in the account's private server
   * storage (XEP-0223), so it shows on its other devices; offline, published once online. 403 when the
   * `favouriteMessage` feature is off, 400 bad parameters, 404 an unknown message. */
  updateFavouriteStatus(params: { toJid: string; messageId: string; isFavourite: boolean }): Promise<SdkResult<null>> {
    return this.act((c) => c.updateFavouriteStatus(params), 'Favourite status updated');
  }

  /** The starred messages across chats, newest first (a message this device has not cached comes as its
   * starred copy, `rowId` NaN); also given to `favouriteMessageListener`. 403 `favouriteMessage` off. */
  getAllFavouriteMessages(): Promise<SdkResult<ChatMessage[]>> {
    return this.use(async (c) => {
      const list = await c.favouriteMessages();
      this.listeners.favouriteMessageListener?.(list);
      return list;
    });
  }

  /** Unstars every message, on all the account's devices. 403 `favouriteMessage` off. */
  removeAllFavouriteMessages(): Promise<SdkResult<null>> {
    return this.act((c) => c.removeAllFavouriteMessages(), 'Favourites removed');
  }

  /** Mutes (`isMuted` true) or unmutes a chat on all the account's devices (private server storage,
   * XEP-0223; offline, published once online): no notification, sound or contribution to the total
   * unread count; its row keeps its `unreadCount`. 403 `muteChat` off, 400 bad parameters. */
  updateMuteNotification(params: { toJid: string; isMuted: boolean }): Promise<SdkResult<null>> {
    return this.act((c) => c.updateMuteNotification(params), 'Mute status updated');
  }

  /** Archives (`isArchived` true) or unarchives a chat on all the account's devices. An archived chat
   * stays in `getRecentChats` (flagged `isArchived`) and is listed apart; a new message keeps it
   * archived. 403 `archiveChat` off, 400 bad parameters. */
  updateArchiveChat(params: { toJid: string; isArchived: boolean }): Promise<SdkResult<null>> {
    return this.act((c) => c.updateArchiveChat(params), 'Archive status updated');
  }

  /** The archived recent chats, newest first. 403 `archiveChat` off. */
  getAllArchivedChats(): Promise<SdkResult<RecentChat[]>> {
    return this.use((c) => c.archivedChats());
  }

  /** Clears this account's copy of a chat (`{toJid, favourites?, lastMsgId?}`) up to `lastMsgId`
   * (default: everything): gone here, after a reload and on its other devices, and never read back from
   * the archive; starred messages stay unless `favourites` is true (then unstarred too); the row stays.
   * The peer keeps everything. 400 bad parameters, 403 `clearChat` off, 404 `lastMsgId` unknown. */
  clearChat(params: { toJid: string; favourites?: boolean; lastMsgId?: string }): Promise<SdkResult<null>> {
    return this.act((c) => c.clearChat(params), 'Chat cleared');
  }

  /** Deletes a chat (`{toJid, favourites?}`): cleared as above and off the recent list until a new
   * message brings it back with only that message. 400, 403 `deleteChat` off. */
  deleteChat(params: { toJid: string; favourites?: boolean }): Promise<SdkResult<null>> {
    return this.act((c) => c.deleteChat(params), 'Chat deleted');
  }

  /** Clears every recent chat (starred messages stay). 403 `clearChat` off. */
  clearAllChat(): Promise<SdkResult<null>> {
    return this.act((c) => c.clearAllChat(), 'All chats cleared');
  }

  /** Deletes every recent chat. 403 `deleteChat` off. */
  deleteAllRecentChats(): Promise<SdkResult<null>> {
    return this.act((c) => c.deleteAllRecentChats(), 'All recent chats deleted');
  }

  sendSeenStatus(toUserJid: string, messageId: string): Promise<SdkResult<null>> {
    return this.act((c) => c.sendSeen(toUserJid, messageId), 'Seen status sent');
  }

  sendTypingStatus(toJid: string): Promise<SdkResult<null>> {
    return this.act((c) => c.sendTyping(toJid), 'Typing status sent');
  }

  sendTypingGoneStatus(toJid: string): Promise<SdkResult<null>> {
    return this.act((c) => c.sendTypingGone(toJid), 'Typing gone status sent');
  }

  /** Shows a browser notification (the Notification API) of `{title, body?, icon?, tag?, onClick?}`: plain
   * text, the title cut to 64 characters and the body to 120; one per `tag` (the same tag replaces it);
   * a click brings the page forward, closes it and calls `onClick`. Never asks for permission (the
   * list's bell does, on a click). 403 the `notifications` feature is off, or permission is not granted
   * (the message says which); 503 no Notification API in this browser; 400 no title. */
  showChatNotification(notification: ChatNotification): Promise<SdkResult<null>> {
    return this.act(async (c) => (await import('./notification.js')).showNotification(c.features, notification), 'Notification shown');
  }
}

/** The same server: the same domain (any case) and service URL (a trailing slash aside). */
function sameServer(current: { service: string; domain: string }, params: { service?: unknown; domain?: unknown }): boolean {
  const url = (u: unknown) => String(u).replace(/\/+$/, '');
  return url(current.service) === url(params.service) && current.domain === String(params.domain).toLowerCase();
}

export function createSDK(): ChatSDK {
  return new ChatSDK();
}

/** The page's default instance: `window.ChatWidget.SDK` in the script-tag bundle, `SDK` in the ESM build.
 * Two copies of the widget on one page (a bundle and an ESM import) share it. */
export const SDK: ChatSDK = ((globalThis as { __chatWidgetSDK?: ChatSDK }).__chatWidgetSDK ??= createSDK());
