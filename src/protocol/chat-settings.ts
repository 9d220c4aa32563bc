/** This account's settings per chat in its private PEP node `urn:xmpp:chat-widget:chats:0` (XEP-0223
 * over XEP-0163; see private-pep.ts). No XEP covers muting, archiving or clearing a 1:1 chat for oneself
 * (XEP-0402 bookmarks are for rooms), so the node is ours. One item per chat, its id the chat's bare JID
 * (normalized: lower-case), its payload:
 *
 *     <chat xmlns="urn:xmpp:chat-widget:chats:0" jid="bob@example.org" muted="true" archived="true" deleted="true">
 *       <cleared at="2026-11-30T10:00:00.000Z" stanza-id="…" ids="true"><id>…</id><id>…</id></cleared>
 *     </chat>
 *
 * An absent flag is false (xs:boolean: `true`/`1`, `false`/`0`); `cleared` (absent: never cleared) holds
 * the cleared-up-to mark, an XEP-0082 date-time with milliseconds and our archive's id of the newest
 * cleared message when known, and, as `<id>` children, our archive's ids of the messages cleared near
 * that time (at most 300; `ids="true"` says the list is complete, also when empty; see store/removals.ts
 * `clearedBy`). Reading is strict: an item whose id, JID, flag or date is malformed is
 * left out whole. Built and read here; core/chat-settings.ts keeps the node in step with the cache. */
import type { Builder } from 'strophe.js';
import { chatJidOf } from '../model/jid.js';
import type { ChatSettings } from '../model/types.js';
import { NS } from './ns.js';
import type { PepItem } from './private-pep.js';
import { attr, child, children } from './xml.js';

/** Longest stanza-id taken from an item, and most ids a mark names. */
const MAX_ID = 1024;
const MAX_IDS = 300;
/** XEP-0082 DateTime: `CCYY-MM-DDThh:mm:ss[.sss]TZD`. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const FLAGS = ['muted', 'archived', 'deleted'] as const;

/** The item payload of a chat's settings (`item` is positioned inside `<item>` and left there). A flag
 * that is false, and a mark that is absent, are left out. */
export function chatSettingsPayload(s: ChatSettings): (item: Builder) => void {
  return (item) => {
    const attrs: Record<string, string> = { xmlns: NS.CHAT_SETTINGS, jid: s.chatJid };
    for (const flag of FLAGS) if (s[flag]) attrs[flag] = 'true';
    item.c('chat', attrs);
    if (s.cleared) {
      item.c('cleared', { at: new Date(s.cleared.at).toISOString(), ...(s.cleared.stanzaId ? { 'stanza-id': s.cleared.stanzaId } : {}), ...(s.cleared.ids ? { ids: 'true' } : {}) });
      for (const id of s.cleared.ids ?? []) item.c('id').t(id).up();
      item.up();
    }
    item.up();
  };
}

/** xs:boolean; undefined when malformed. */
function flag(el: Element, name: string): boolean | undefined {
  const value = el.getAttribute(name);
  if (value === null || value === 'false' || value === '0') return false;
  return value === 'true' || value === '1' ? true : undefined;
}

/** The settings an item holds, or null when it is not a well-formed `<chat/>` under its chat's
 * normalized bare JID. Flags that are false are left out of the result. */
export function readChatSettings(item: PepItem): ChatSettings | null {
  const el = item.payload;
  if (el?.namespaceURI !== NS.CHAT_SETTINGS || el.localName !== 'chat') return null;
  const chatJid = attr(el, 'jid');
  if (chatJidOf(chatJid) !== chatJid || item.id !== chatJid) return null;
  const settings: ChatSettings = { chatJid };
  for (const name of FLAGS) {
    const value = flag(el, name);
    if (value === undefined) return null;
    if (value) settings[name] = true;
  }
  const cleared = child(el, 'cleared', NS.CHAT_SETTINGS);
  if (cleared) {
    const at = attr(cleared, 'at');
    const ms = DATE_TIME.test(at) ? Date.parse(at) : Number.NaN;
    const stanzaId = attr(cleared, 'stanza-id');
    const ids = children(cleared, 'id').map((e) => e.textContent ?? '');
    if (!Number.isFinite(ms) || [stanzaId, ...ids].some((id) => id.length > MAX_ID) || ids.includes('') || ids.length > MAX_IDS) return null;
    const named = ids.length > 0 || attr(cleared, 'ids') === 'true';
    settings.cleared = { at: ms, ...(stanzaId ? { stanzaId } : {}), ...(named ? { ids } : {}) };
  }
  return settings;
}

/** The well-formed settings among a node's items (one per chat: a later item of the same chat wins). */
export function readAllChatSettings(items: PepItem[]): ChatSettings[] {
  const byChat = new Map<string, ChatSettings>();
  for (const item of items) {
    const settings = readChatSettings(item);
    if (settings) byChat.set(settings.chatJid, settings);
  }
  return [...byChat.values()];
}
