/** The script-tag entry: defines the elements and exposes the API as `window.ChatWidget`. No logic here. */
import './components/launcher/define.js';
import './components/list/define.js';
import './components/thread/define.js';

export * from './index.js';
export { ChatLauncher } from './components/launcher/chat-launcher.js';
export { ChatList } from './components/list/chat-list.js';
export { ChatThread } from './components/thread/chat-thread.js';
