/** The ESM entry: the headless core and the reference API. */
export { SDK, ChatSDK, createSDK, type InitializeParams } from './sdk/index.js';
export { ChatClient, type ClientOptions, type HistoryQuery, type TextMessageParams } from './core/client.js';
export { ChatStore, type StoreChange } from './store/chat-store.js';
export { MemoryStorage, type KeyValueStore } from './store/persistence.js';
export { SdkError, Status, type SdkResult } from './core/result.js';
export { escapeNode, unescapeNode, bareJid } from './core/jid.js';
export type * from './core/types.js';
