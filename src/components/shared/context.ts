/** The context every element reads the chat client (and through it the store) from. */
import { createContext } from '@lit/context';
import type { ChatClient } from '../../core/client.js';

// Symbol.for: two copies of the widget on one page (a bundle and an ESM import) still share one context.
export const chatClientContext = createContext<ChatClient | undefined>(Symbol.for('chat-widget/client'));
