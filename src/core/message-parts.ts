/** ChatClient's entry points for the actions on messages (reply and forward, delete, favourites, edit
 * and react). Each loads its part on first use (the client's onDemand fields), so a page that never
 * uses one never downloads it. ChatClient extends `MessageActionsClient`, so these are the client's
 * own methods: the SDK and the binding call them on the client, and a test may replace one on a
 * client instance. */
import type { ChatMessage, RecentChat } from '../model/types.js';
import { favouriteId } from '../model/ids.js';
import type { DeleteParams } from '../model/params.js';
import type { ChatStore } from '../store/chat-store.js';
import type { ChatClearing } from './clear-chat.js';
import type { Deleter } from './delete.js';
import type { EditReact } from './edit-react.js';
import type { Favourites } from './favourites.js';
import type { StoreEvent } from '../model/events.js';
import type { OnDemand } from './on-demand.js';
import type { MessageActions } from './reply-forward.js';
import type { ChatSettingsSync } from './chat-settings.js';

/** Messages deleted (for everyone, or for this account) leave the favourites, on every device. @internal */
export async function unstarRemoved(store: ChatStore | null, removed: readonly ChatMessage[]): Promise<void> {
  const unstar = removed.map((m) => favouriteId(m.chatJid, m.msgId)).filter((id) => !!store?.favourites.items[id]);
  if (unstar.length) await store!.dispatch({ kind: 'favourites', unstar, local: true });
}

/** A starred message corrected by its sender: the favourite's copy takes the new text (so a device
 * that never cached the message shows it as it is now). @internal */
export function refreshCorrected(store: ChatStore | null, events: readonly StoreEvent[], favourites: OnDemand<Favourites>): void {
  for (const e of events) {
    if (e.kind === 'correction' && store?.favourites.items[favouriteId(e.chatJid, e.replaceId)]) {
      void favourites().then((f) => f.refresh(e.chatJid, e.replaceId)).catch(() => undefined);
    }
  }
}

/** ChatClient's actions on messages; the errors each rejects with are in binding.ts. */
export abstract class MessageActionsClient {
  /** @internal */
  protected abstract readonly replyForward: OnDemand<MessageActions>;
  /** @internal */
  protected abstract readonly editReact: OnDemand<EditReact>;
  /** @internal */
  protected abstract readonly deleter: OnDemand<Deleter>;
  /** @internal */
  protected abstract readonly favourites: OnDemand<Favourites>;
  /** @internal */
  protected abstract readonly chatSettingsSync: OnDemand<ChatSettingsSync>;
  /** @internal */
  protected abstract readonly clearing: OnDemand<ChatClearing>;

  /** See edit-react.ts (XEP-0308). */
  async editMessage(params: { toJid: string; messageId: string; messageText: string }): Promise<ChatMessage> {
    return (await this.editReact()).edit(params);
  }

  /** See edit-react.ts (XEP-0444). */
  async sendReaction(params: { toJid: string; messageId: string; emojis: string[] }): Promise<void> {
    return (await this.editReact()).react(params);
  }

  /** The original of a reply (without `toJid`: the reference's `getReplyMessage`); see reply-forward.ts. */
  async replyMessage(params: { toJid?: string; replyMessageId: string; chatType?: string }): Promise<ChatMessage | null> {
    return (await this.replyForward()).replyMessage(params);
  }

  /** See reply-forward.ts. */
  async forwardMessages(params: { fromJid?: string; toJids: string[]; messageIds: string[]; isAsync?: boolean }): Promise<ChatMessage[]> {
    return (await this.replyForward()).forward(params);
  }

  /** See delete.ts. */
  async deleteMessagesForMe(params: DeleteParams): Promise<void> {
    return (await this.deleter()).forMe(params);
  }

  /** See delete.ts. */
  async deleteMessagesForEveryone(params: DeleteParams): Promise<void> {
    return (await this.deleter()).forEveryone(params);
  }

  /** See favourites.ts. */
  async updateFavouriteStatus(params: { toJid: string; messageId: string; isFavourite: boolean }): Promise<void> {
    return (await this.favourites()).update(params);
  }

  async favouriteMessages(): Promise<ChatMessage[]> {
    return (await this.favourites()).list();
  }

  async removeAllFavouriteMessages(): Promise<void> {
    return (await this.favourites()).removeAll();
  }

  // ---- actions on whole chats (issue 10) --------------------------------------------------------

  /** See clear-chat.ts. */
  async clearChat(params: { toJid: string; favourites?: boolean; lastMsgId?: string }): Promise<void> {
    return (await this.clearing()).clear(params);
  }

  /** See clear-chat.ts. */
  async deleteChat(params: { toJid: string; favourites?: boolean }): Promise<void> {
    return (await this.clearing()).delete(params);
  }

  /** See clear-chat.ts. */
  async clearAllChat(): Promise<void> {
    return (await this.clearing()).all(false);
  }

  /** See clear-chat.ts. */
  async deleteAllRecentChats(): Promise<void> {
    return (await this.clearing()).all(true);
  }

  /** See chat-settings.ts (its `setFlag`: 400, 403 `muteChat` off). */
  async updateMuteNotification(params: { toJid: string; isMuted: boolean }): Promise<void> {
    return (await this.chatSettingsSync()).setFlag('muted', params);
  }

  /** See chat-settings.ts (its `setFlag`: 400, 403 `archiveChat` off). */
  async updateArchiveChat(params: { toJid: string; isArchived: boolean }): Promise<void> {
    return (await this.chatSettingsSync()).setFlag('archived', params);
  }

  /** The archived recent chats, newest first (the reference's `getAllArchivedChats`). 403 `archiveChat` off. */
  async archivedChats(): Promise<RecentChat[]> {
    return (await this.chatSettingsSync()).archived();
  }
}
