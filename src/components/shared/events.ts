/** The events elements send to the host page: prefixed, bubbling out of shadow roots, typed. */
import type { ChatMessage, ConnectionState } from '../../model/types.js';

export interface ChatOpenDetail { jid: string }
export interface ChatSendDetail { toJid: string; text: string }
export interface ChatMessageDetail { message: ChatMessage }
export interface ChatUnreadDetail { count: number }
export interface ChatConnectionDetail { state: ConnectionState; reason?: string }
export interface ChatErrorDetail { statusCode: number; message: string }

declare global {
  interface GlobalEventHandlersEventMap {
    /** A chat was opened (from the list, the launcher or `openChat()`). */
    'chat-open': CustomEvent<ChatOpenDetail>;
    /** The user is about to send; cancelable, and `detail.text` may be rewritten. */
    'chat-send': CustomEvent<ChatSendDetail>;
    /** A new message arrived. */
    'chat-message': CustomEvent<ChatMessageDetail>;
    /** The total unread count changed. */
    'chat-unread-change': CustomEvent<ChatUnreadDetail>;
    'chat-connection': CustomEvent<ChatConnectionDetail>;
    /** Something the user tried failed; `message` says why. */
    'chat-error': CustomEvent<ChatErrorDetail>;
    /** The back button of a thread shown inside the launcher. */
    'chat-back': CustomEvent<Record<string, never>>;
    /** The close button of a thread shown inside the launcher. */
    'chat-close': CustomEvent<Record<string, never>>;
  }
}

export function emit<T>(el: HTMLElement, name: string, detail: T, options: { cancelable?: boolean } = {}): CustomEvent<T> {
  const event = new CustomEvent<T>(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
  el.dispatchEvent(event);
  return event;
}
