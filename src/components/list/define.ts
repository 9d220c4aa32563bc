/** Defines <chat-list>. */
import { define } from '../shared/define.js';
import { ChatList } from './chat-list.js';

define('chat-list', ChatList);

declare global {
  interface HTMLElementTagNameMap {
    'chat-list': ChatList;
  }
}
export { ChatList };
