/** The ESM entry: the headless core and the reference API. */
export { SDK, ChatSDK, createSDK, type InitializeParams } from './sdk/index.js';
export type { SdkResult } from './sdk/result.js';
export type { ChatNotification } from './sdk/notification.js';
export { ChatClient } from './core/client.js';
export type { ClientOptions } from './core/options.js';
export type { HistoryQuery, TextMessageParams } from './model/params.js';
export type { ClientEvents } from './core/events.js';
export type { ChatBinding, BindingEvents } from './core/binding.js';
export { ChatStore } from './store/chat-store.js';
export { MemoryStorage, type KeyValueStore } from './store/persistence.js';
export { SdkError, Status } from './model/errors.js';
export { escapeNode, unescapeNode, bareJid } from './model/jid.js';
export type * from './model/types.js';
export type { StoreChange, StoreEvent, OutboxEntry } from './model/events.js';
