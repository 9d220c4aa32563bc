/** Favourites (the reference's starred messages) in the account's private PEP node
 * `urn:xmpp:chat-widget:favourites:0` (XEP-0223 over XEP-0163; see private-pep.ts). No XEP covers
 * starred messages (XEP-0402 bookmarks and XEP-0469 pinning are for chat rooms), so the node is ours.
 * One item per starred message, its id `favouriteId(chat, message id)` (model/ids.ts), its payload a
 * snapshot of the message, so a device that never cached it can still list it:
 *
 *     <favourite xmlns="urn:xmpp:chat-widget:favourites:0" chat="bob@example.org" id="msg-1"
 *                from="alice@example.org" to="bob@example.org" stamp="2026-11-30T10:00:00.000Z" stanza-id="…">
 *       <body>text, or a file's URL</body>
 *       <!-- a file: as we send it, XEP-0066 OOB + XEP-0446 metadata with the caption as <desc/> -->
 *       <x xmlns="jabber:x:oob"><url>https://…</url></x>
 *       <file xmlns="urn:xmpp:file:metadata:0">…</file>
 *     </favourite>
 *
 * Built and read here; the file in it is judged by core/files.ts like any received file. */
import type { Builder } from 'strophe.js';
import { favouriteId } from '../model/ids.js';
import { chatJidOf } from '../model/jid.js';
import type { FavouriteSnapshot } from '../model/types.js';
import { addFileMetadata } from './file-metadata.js';
import { MAX_BODY_LENGTH } from './message.js';
import { NS } from './ns.js';
import { addOob } from './oob.js';
import type { PepItem } from './private-pep.js';
import { attr, child, parseStamp, textOf } from './xml.js';

/** Longest message id or stanza-id taken from a snapshot. */
const MAX_ID = 1024;

/** The item payload for a starred message (`item` is positioned inside `<item>` and left there). */
export function favouritePayload(f: FavouriteSnapshot): (item: Builder) => void {
  return (item) => {
    item.c('favourite', {
      xmlns: NS.FAVOURITES, chat: f.chatJid, id: f.msgId, from: f.fromJid, to: f.toJid, stamp: new Date(f.timestamp).toISOString(),
      ...(f.stanzaId ? { 'stanza-id': f.stanzaId } : {}),
    }).c('body').t(f.media ? f.media.url : f.body).up();
    if (f.media) {
      addOob(item, f.media.url);
      addFileMetadata(item, f.media, f.body || undefined);
    }
    item.up();
  };
}

/** A snapshot as read, before its file (if any) is judged: `payload` is the `<favourite/>` element. */
export type ReadFavourite = Omit<FavouriteSnapshot, 'msgType' | 'media'> & { payload: Element };

/** The starred message an item holds, or null when the item is not a well-formed snapshot of a message
 * between this account (`account`, our bare JID) and one peer, under a well-formed favourite id. */
export function readFavourite(item: PepItem, account: string): ReadFavourite | null {
  const el = item.payload;
  if (el?.namespaceURI !== NS.FAVOURITES || el.localName !== 'favourite') return null;
  // The chat and the message id are read from the item id, which keeps what an attribute would not (a
  // line break in an id); the `chat` and `id` attributes are there for people reading the node.
  const space = item.id.indexOf(' ');
  const chatJid = item.id.slice(0, space);
  let msgId: string;
  try {
    msgId = decodeURIComponent(item.id.slice(space + 1));
  } catch {
    return null;
  }
  const [fromJid, toJid, stanzaId] = ['from', 'to', 'stanza-id'].map((name) => attr(el, name));
  const timestamp = parseStamp(attr(el, 'stamp'));
  const outgoing = fromJid === account;
  if (space < 0 || chatJidOf(chatJid) !== chatJid || chatJid === account || !msgId || msgId.length > MAX_ID || stanzaId.length > MAX_ID
    || timestamp === undefined || item.id !== favouriteId(chatJid, msgId)
    || (outgoing ? toJid !== chatJid : fromJid !== chatJid || toJid !== account)) return null;
  const body = textOf(child(el, 'body')).slice(0, MAX_BODY_LENGTH);
  return { chatJid, msgId, fromJid, toJid, outgoing, timestamp, body, ...(stanzaId ? { stanzaId } : {}), payload: el };
}
