/** <chat-thread> defined when first needed (see shared/lazy-element.ts for what loads it). The thread
 * (its element, bubbles, composer and @lit-labs/virtualizer) is the heaviest part of the widget and
 * nothing shows it before a chat opens, so the entries do not import it: it is the chunk
 * dist/chat-widget.thread-<hash>.js. */
import { lazyElement } from '../shared/lazy-element.js';
import type { ChatThread } from './chat-thread.js';

/** Loads and defines <chat-thread> once; resolves to its class. Rejects (and the next call tries
 * again) when the chunk cannot be fetched. */
export const loadThread: () => Promise<typeof ChatThread> = lazyElement('chat-thread', () => import('./define.js').then((m) => m.ChatThread));
