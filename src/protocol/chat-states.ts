/** XEP-0085 chat state notifications: composing, paused, gone, active. */
import { $msg, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { childInNs } from './xml.js';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
const STATES: readonly string[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

export function buildChatState(to: string, state: ChatState, id: string): Builder {
  // no-store: a typing notification is worthless later, keep it out of archives and offline storage.
  return $msg({ to, id, type: 'chat' }).c(state, { xmlns: NS.CHAT_STATES }).up()
    .c('no-store', { xmlns: NS.HINTS }).up();
}

export function readChatState(stanza: Element): ChatState | null {
  const el = childInNs(stanza, NS.CHAT_STATES);
  const name = el?.localName ?? '';
  return STATES.includes(name) ? (name as ChatState) : null;
}
