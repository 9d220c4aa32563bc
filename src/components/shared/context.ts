/** The context elements read the chat from: a ChatBinding (the store's read side and the actions an
 * element may call), provided by <chat-launcher> to the list and thread inside it. */
import { createContext } from '@lit/context';
import type { ChatBinding } from '../../core/binding.js';

// Symbol.for: two copies of the widget on one page (a bundle and an ESM import) still share one context.
export const chatContext = createContext<ChatBinding | undefined>(Symbol.for('chat-widget/binding'));
