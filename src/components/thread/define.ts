/** Defines <chat-thread>. */
import { define } from '../shared/define.js';
import { ChatThread } from './chat-thread.js';

define('chat-thread', ChatThread);

declare global {
  interface HTMLElementTagNameMap {
    'chat-thread': ChatThread;
  }
}
export { ChatThread };
