/** What a client tells its listeners (the SDK's listeners and the elements subscribe to these). */
import type { StoreChange } from '../model/events.js';
import type {
  ChatMessage, ConnectionEvent, MessageStatusEvent, RecentChat, TypingEvent, UploadProgressEvent,
} from '../model/types.js';

export interface ClientEvents extends Record<string, unknown> {
  connection: ConnectionEvent;
  /** A message new to this account (live, carbon, catch-up), once. */
  message: ChatMessage;
  status: MessageStatusEvent;
  typing: TypingEvent;
  recent: RecentChat[];
  /** Bytes of a media message's file sent so far (XEP-0363 PUT). */
  upload: UploadProgressEvent;
  /** The store changed (a lone change at once, bursts once per frame): what the elements re-render from. */
  change: StoreChange;
  /** A message was retracted by its sender (XEP-0424, `retracted`) or deleted for this account
   * (`hidden`): whatever lists it (favourites) drops it. */
  removed: ChatMessage;
  /** The starred messages, newest first, whenever they change (here or on another device). */
  favourites: ChatMessage[];
}
