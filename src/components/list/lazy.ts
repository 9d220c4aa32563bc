/** <chat-list> defined when first needed (see shared/lazy-element.ts for what loads it): nothing shows
 * the list before the launcher's panel opens (or a page places a <chat-list>), so the entries do not
 * import it: it is the chunk dist/chat-widget.list-<hash>.js. The launcher starts loading it when the
 * pointer or the focus reaches its button, before the panel opens. */
import { lazyElement } from '../shared/lazy-element.js';
import type { ChatList } from './chat-list.js';

/** Loads and defines <chat-list> once; resolves to its class. Rejects (and the next call tries again)
 * when the chunk cannot be fetched. */
export const loadList: () => Promise<typeof ChatList> = lazyElement('chat-list', () => import('./define.js').then((m) => m.ChatList));
