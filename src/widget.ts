/** The script-tag entry: defines the elements and exposes the API as `window.ChatWidget`. No logic here. */
import './components/launcher/define.js';
import './components/list/define.js';
import './components/thread/define.js';
// Adds nothing to the bundles (the elements import it already); it keeps the module's global event map
// types ('chat-open', 'chat-send', ...) reachable from dist/types/widget.d.ts, the package's types.
import './components/shared/events.js';

export * from './index.js';
export { ChatLauncher } from './components/launcher/chat-launcher.js';
export { ChatList } from './components/list/chat-list.js';
export { ChatThread } from './components/thread/chat-thread.js';
