/** The script-tag entry: defines the elements and exposes the API as `window.ChatWidget`. No logic here.
 * <chat-list> and <chat-thread> are defined on demand (components/list/lazy.ts, thread/lazy.ts): their
 * code is a chunk of its own each. */
import './components/launcher/define.js';
import './components/list/lazy.js';
import './components/thread/lazy.js';
// What the list and the thread parts share stays in the script itself, so that opening the panel fetches
// two parts, not a third one holding only these.
import './components/shared/chat-element.js';
import './components/shared/avatar.js';
import './components/shared/status.js';
import './components/shared/media-label.js';
import 'lit/directives/repeat.js';
// Adds nothing to the bundles (the elements import it already); it keeps the module's global event map
// types ('chat-open', 'chat-send', ...) reachable from dist/types/widget.d.ts, the package's types.
import './components/shared/events.js';

export * from './index.js';
export { ChatLauncher } from './components/launcher/chat-launcher.js';
// Types only: the classes are in the on-demand chunks (`await loadList()` / `await loadThread()` give
// them). Importing the types from define.ts keeps their HTMLElementTagNameMap entries in
// dist/types/widget.d.ts.
export type { ChatList } from './components/list/define.js';
export { loadList } from './components/list/lazy.js';
export type { ChatThread } from './components/thread/define.js';
export { loadThread } from './components/thread/lazy.js';
