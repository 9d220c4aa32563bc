/** The script-tag entry: defines the elements and exposes the API as `window.ChatWidget`. No logic here.
 * <chat-thread> is defined on demand (components/thread/lazy.ts): its code is a chunk of its own. */
import './components/launcher/define.js';
import './components/list/define.js';
import './components/thread/lazy.js';
// Adds nothing to the bundles (the elements import it already); it keeps the module's global event map
// types ('chat-open', 'chat-send', ...) reachable from dist/types/widget.d.ts, the package's types.
import './components/shared/events.js';

export * from './index.js';
export { ChatLauncher } from './components/launcher/chat-launcher.js';
export { ChatList } from './components/list/chat-list.js';
// A type only: the class itself is in the on-demand chunk (`await loadThread()` gives it). Importing
// the type from define.ts keeps its HTMLElementTagNameMap entry in dist/types/widget.d.ts.
export type { ChatThread } from './components/thread/define.js';
export { loadThread } from './components/thread/lazy.js';
