/** The client as the elements see it (see binding.ts): the store's read side and the actions they may
 * call, each calling through the client's method of the same name (so a test that replaces one on the
 * client instance replaces it for the elements too). */
import type { Emitter } from '../model/emitter.js';
import type { ChatStore } from '../store/chat-store.js';
import type { ChatBinding } from './binding.js';
import type { ClientEvents } from './events.js';

/** What the binding reads of the client: ChatClient has all of it (named here so that this module
 * needs no import of client.ts). */
export type BindingSource = Omit<ChatBinding, 'recentChats' | 'recentChat' | 'totalUnread' | 'isTyping' | 'on'> & {
  readonly store: ChatStore | null;
  readonly events: Emitter<ClientEvents>;
};

export function bindingOf(client: BindingSource): ChatBinding {
  return {
    get account() {
      return client.account;
    },
    get connectionState() {
      return client.connectionState;
    },
    get connectionReason() {
      return client.connectionReason;
    },
    get recentChats() {
      return client.store?.recentChats ?? [];
    },
    recentChat: (chatJid) => client.store?.recentChat(chatJid),
    get totalUnread() {
      return client.store?.totalUnread ?? 0;
    },
    isTyping: (chatJid) => client.store?.typing.has(chatJid) ?? false,
    cachedMessages: (chatJid, limit) => client.cachedMessages(chatJid, limit),
    messagesFrom: (chatJid, fromRow) => client.messagesFrom(chatJid, fromRow),
    messages: (query) => client.messages(query),
    on: (type, listener) => client.events.on(type, listener as never),
    getJid: (userId) => client.getJid(userId),
    sendText: (params) => client.sendText(params),
    markRead: (chatJid, msgId) => client.markRead(chatJid, msgId),
    sendTyping: (chatJid) => client.sendTyping(chatJid),
    sendTypingGone: (chatJid) => client.sendTypingGone(chatJid),
    reconnectNow: () => client.reconnectNow(),
    features: client.features,
    sendMedia: (kind, params) => client.sendMedia(kind, params),
    cancelUpload: (msgId) => client.cancelUpload(msgId),
    resendMessage: (params) => client.resendMessage(params),
    mediaMessages: (q) => client.mediaMessages(q),
    downloadMedia: (fileToken) => client.downloadMedia(fileToken),
    replyMessage: (params) => client.replyMessage(params),
    forwardMessages: (params) => client.forwardMessages(params),
    deleteMessagesForMe: (params) => client.deleteMessagesForMe(params),
    deleteMessagesForEveryone: (params) => client.deleteMessagesForEveryone(params),
    editMessage: (params) => client.editMessage(params),
    sendReaction: (params) => client.sendReaction(params),
    updateFavouriteStatus: (params) => client.updateFavouriteStatus(params),
    favouriteMessages: () => client.favouriteMessages(),
    removeAllFavouriteMessages: () => client.removeAllFavouriteMessages(),
    clearChat: (params) => client.clearChat(params),
    deleteChat: (params) => client.deleteChat(params),
    clearAllChat: () => client.clearAllChat(),
    deleteAllRecentChats: () => client.deleteAllRecentChats(),
    updateMuteNotification: (params) => client.updateMuteNotification(params),
    updateArchiveChat: (params) => client.updateArchiveChat(params),
  };
}
