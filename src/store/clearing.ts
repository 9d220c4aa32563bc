/** Clearing a chat for this account (`clearChat`, `deleteChat`): the messages up to the chat's
 * cleared-up-to mark leave the cache and its recent row, and never come back from the archive. */
import type { ChatSettings } from '../model/types.js';
import type { SettingsStore } from './chat-settings.js';

/** The chat's cleared-up-to mark moved forward (here or on another device). Placeholder: issue 10's
 * clearing part fills it in. */
export async function applyClear(store: SettingsStore, settings: ChatSettings): Promise<void> {
  void store;
  void settings;
}
