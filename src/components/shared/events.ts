/** The events elements send to the host page: prefixed, bubbling out of shadow roots, typed by one map. */
import type { ChatMessage, ConnectionState } from '../../model/types.js';

export interface ChatOpenDetail { jid: string }
export interface ChatSendDetail { toJid: string; text: string }
export interface ChatAttachDetail { chatJid: string; file: File }
export interface ChatMessageDetail { message: ChatMessage }
export interface ChatUnreadDetail { count: number }
export interface ChatConnectionDetail { state: ConnectionState; reason?: string }
export interface ChatErrorDetail { statusCode: number; message: string }
/** A message of the chat `toJid` about to be answered (the composer shows it above the input). */
export interface ChatReplyDetail { toJid: string; message: ChatMessage }
/** Messages of the chat `fromJid` about to be forwarded (the forward dialog opens next). */
export interface ChatForwardDetail { fromJid: string; messages: ChatMessage[] }
export interface ChatFavouriteDetail { toJid: string; messageId: string; isFavourite: boolean }
/** `forEveryone`: a XEP-0424 retraction (own messages only); otherwise hidden for this account only. */
export interface ChatDeleteDetail { toJid: string; messageIds: string[]; forEveryone: boolean }
/** The new text of an own message (XEP-0308 correction). */
export interface ChatEditDetail { toJid: string; messageId: string; text: string }
/** This account's whole new reaction set on a message (XEP-0444; empty removes them). */
export interface ChatReactDetail { toJid: string; messageId: string; emojis: string[] }
/** An action on a whole chat, from the chat's row menu or the thread header menu. */
export interface ChatSettingDetail { toJid: string }
export interface ChatMuteDetail { toJid: string; isMuted: boolean }
export interface ChatArchiveDetail { toJid: string; isArchived: boolean }
/** A browser notification of a message is about to show (the host may veto it, or show its own). */
export interface ChatNotifyDetail { message: ChatMessage }

/** Every event the elements send, by name. `emit()` takes its names and details from here, and the
 * page's `addEventListener` gets the same types through `GlobalEventHandlersEventMap` below, so the
 * two can never disagree. */
export interface ChatEventMap {
  /** A chat was opened (from the list, the launcher or `openChat()`). */
  'chat-open': CustomEvent<ChatOpenDetail>;
  /** The user is about to send; cancelable, and `detail.text` may be rewritten. */
  'chat-send': CustomEvent<ChatSendDetail>;
  /** The user is about to send a file (from the composer's preview); cancelable. */
  'chat-attach': CustomEvent<ChatAttachDetail>;
  /** A new message arrived. */
  'chat-message': CustomEvent<ChatMessageDetail>;
  /** The total unread count changed. */
  'chat-unread-change': CustomEvent<ChatUnreadDetail>;
  'chat-connection': CustomEvent<ChatConnectionDetail>;
  /** Something the user tried failed; `message` says why. */
  'chat-error': CustomEvent<ChatErrorDetail>;
  /** Before a message action of the message menu is carried out; each is cancelable
   * (`preventDefault()` and nothing happens). */
  'chat-reply': CustomEvent<ChatReplyDetail>;
  'chat-forward': CustomEvent<ChatForwardDetail>;
  'chat-favourite': CustomEvent<ChatFavouriteDetail>;
  'chat-delete': CustomEvent<ChatDeleteDetail>;
  'chat-edit': CustomEvent<ChatEditDetail>;
  'chat-react': CustomEvent<ChatReactDetail>;
  /** Before an action of a chat's row menu or the thread header menu is carried out; cancelable. */
  'chat-mute': CustomEvent<ChatMuteDetail>;
  'chat-archive': CustomEvent<ChatArchiveDetail>;
  'chat-clear': CustomEvent<ChatSettingDetail>;
  'chat-delete-chat': CustomEvent<ChatSettingDetail>;
  /** Before an automatic notification of a new message shows; cancelable. */
  'chat-notify': CustomEvent<ChatNotifyDetail>;
  /** The back button of a thread shown inside the launcher. */
  'chat-back': CustomEvent<Record<string, never>>;
  /** The close button of a thread shown inside the launcher. */
  'chat-close': CustomEvent<Record<string, never>>;
}

export type ChatEventName = keyof ChatEventMap;
export type ChatEventDetail<K extends ChatEventName> = ChatEventMap[K]['detail'];

declare global {
  // Merged into the DOM's own map: `el.addEventListener('chat-open', (e) => e.detail.jid)` is typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an augmentation: the members come from ChatEventMap
  interface GlobalEventHandlersEventMap extends ChatEventMap {}
}

/** Sends one of the widget's events from `el`: bubbling and composed, so it reaches the page from
 * inside shadow roots; `cancelable` for the ones a host may veto (check `defaultPrevented`). */
export function emit<K extends ChatEventName>(
  el: HTMLElement,
  name: K,
  detail: ChatEventDetail<K>,
  options: { cancelable?: boolean } = {},
): ChatEventMap[K] {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
  el.dispatchEvent(event);
  return event as ChatEventMap[K];
}
