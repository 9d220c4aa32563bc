/** Defines <chat-launcher> (and the list and thread it contains). */
import { define } from '../shared/define.js';
import { ChatLauncher } from './chat-launcher.js';

define('chat-launcher', ChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'chat-launcher': ChatLauncher;
  }
}
export { ChatLauncher };
