/** The thread's header: back button, the peer's avatar and name, what they are doing, the gallery and
 * chat menu buttons, close button. */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConnectionState } from '../../model/types.js';
import { avatar } from '../shared/avatar.js';
import { displayName, formatCount } from '../shared/format.js';
import { localpart, unescapeNode } from '../../model/jid.js';

/** The gallery button's icon: pictures, drawn in lines of the weight of the other header glyphs. */
const GALLERY = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="4" width="18" height="16" rx="2.5"/><circle cx="9" cy="9.5" r="1.6"/><path d="M21 16l-5-5-9 9"/></svg>`;

export interface HeaderState {
  peer: string;
  typing: boolean;
  connection?: ConnectionState;
  /** Shown when given. */
  onBack?: () => void;
  onClose?: () => void;
  /** The media gallery button (shown when given). */
  onGallery?: (event: Event) => void;
  /** The chat's ⋯ menu button (shared/chat-menu.ts). */
  menu?: unknown;
}

export function renderHeader({ peer, typing, connection, onBack, onClose, onGallery, menu }: HeaderState) {
  const name = displayName(peer);
  const subtitle = typing ? msg('typing…')
    : connection === 'reconnecting' ? msg('Offline: messages will be sent when back online')
    : connection === 'connecting' ? msg('Connecting…')
    : readable(peer);
  // Name and subtitle take their own direction: an Arabic name reads right to left in an English header.
  return html`<header part="header">
    ${onBack ? html`<button class="icon-button back" part="back" aria-label=${msg('Back to chats')} @click=${onBack}>‹</button>` : nothing}
    ${avatar(peer, name)}
    <span class="who"><strong dir="auto">${name}</strong><small class=${typing ? 'typing' : ''} dir="auto" aria-live="polite">${subtitle}</small></span>
    ${onGallery ? html`<button class="icon-button gallery" part="gallery-button" aria-label=${msg('Media of this chat')} title=${msg('Media of this chat')} @click=${onGallery}>${GALLERY}</button>` : nothing}${menu ?? nothing}
    ${onClose ? html`<button class="icon-button close" part="close" aria-label=${msg('Close chat')} @click=${onClose}>×</button>` : nothing}
  </header>`;
}

/** The address as a person reads it: the user id unescaped (XEP-0106), `john\20doe` as `john doe`. */
function readable(jid: string): string {
  const local = localpart(jid);
  return local ? `${unescapeNode(local)}${jid.slice(jid.indexOf('@'))}` : jid;
}

/** The "jump to latest" button, with the count of messages that arrived below the view. */
export function renderJump(newCount: number, onClick: () => void) {
  return html`<button class="jump" part="jump" @click=${onClick}>${msg('Latest', { desc: 'Button: scroll to the latest message' })}${newCount
    ? html`<b aria-label=${msg(str`${formatCount(newCount)} new`)}>${formatCount(newCount)}</b>`
    : nothing} ↓</button>`;
}
