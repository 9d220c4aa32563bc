/** This account's settings per chat (muted, archived, cleared-up-to mark, deleted), shared by all its
 * devices through a private PEP node (XEP-0223). Loaded on first use and at sign-in. Placeholder for
 * issue 10's sync part: `change` applies here only. */
import type { ChatSettings } from '../model/types.js';
import type { PrivateStorage } from './private-storage.js';
import type { Services } from './services.js';

export class ChatSettingsSync {
  constructor(private readonly s: Services, private readonly storage: PrivateStorage) {}

  /** The chats' whole new settings: applied here at once, published now or, offline, once online. */
  async change(settings: ChatSettings[]): Promise<void> {
    void this.storage;
    await this.s.apply([{ kind: 'chat-settings', settings, local: true }], false);
  }
}
