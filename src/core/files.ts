/** Whether a `<message>` is a file, and which: the shapes other clients send, read into `msgType`,
 * `media` and a caption. Pure, like interpret.ts which uses it.
 *
 * Shapes recognised (each with an http(s) URL, or `aesgcm://` for an encrypted file, XEP-0454):
 * - body = URL and XEP-0066 OOB `<url>` = the same URL: Conversations, Gajim, profanity, converse.js,
 *   Dino, and our own outgoing files (which add XEP-0446 `<file/>` metadata with the caption as `<desc/>`);
 * - XEP-0447 `<file-sharing/>` with XEP-0446 metadata and an `<url-data target=…/>` source (Dino);
 * - a body that is one `aesgcm://` URL alone (what OMEMO clients show after decrypting a file message).
 * Anything else, a `javascript:` or `data:` URL included, stays a text message. */
import { fileNameOfUrl, isSafeMediaUrl, kindOfMediaType, mediaTypeOfName } from '../model/media.js';
import type { MediaMeta, MsgType } from '../model/types.js';
import { readOobUrl } from '../protocol/oob.js';
import { readMessageFile } from '../protocol/file-metadata.js';

export interface MessageFile {
  msgType: Exclude<MsgType, 'text'>;
  media: MediaMeta;
  /** The caption (XEP-0446 `<desc/>`), '' when none. */
  caption: string;
}

/** Largest thumbnail kept inline (a `data:` URI), in characters: XEP-0264 thumbnails are small. */
const MAX_THUMBNAIL_CHARS = 64 * 1024;
/** Longest file name kept, in characters. */
const MAX_NAME = 255;

const sameUrl = (a: string, b: string) => a === b || a.split('#')[0] === b.split('#')[0];

/** The file a message carries, or undefined when it is not a file message. */
export function readFile(stanza: Element, body: string | undefined): MessageFile | undefined {
  const text = (body ?? '').trim();
  const oob = readOobUrl(stanza);
  const { meta, sourceUrl } = readMessageFile(stanza);
  let url: string | undefined;
  if (oob && sameUrl(text, oob)) url = oob;
  else if (sourceUrl && isHttp(sourceUrl)) url = sourceUrl;
  else if (/^aesgcm:\/\/\S+$/i.test(text)) url = text;
  if (!isSafeMediaUrl(url)) return undefined;

  const name = clean(meta?.name) || clean(fileNameOfUrl(url.replace(/^aesgcm:/i, 'https:')));
  const declared = /^[\w.+-]+\/[\w.+-]+$/.test(meta?.mediaType ?? '') ? meta!.mediaType!.toLowerCase() : undefined;
  const mimeType = declared ?? mediaTypeOfName(name) ?? mediaTypeOfName(url.replace(/^aesgcm:/i, 'https:'));
  const media: MediaMeta = { url };
  if (name) media.fileName = name;
  if (mimeType) media.mimeType = mimeType;
  if (meta?.size !== undefined) media.fileSize = meta.size;
  if (meta?.width && meta.width <= 100_000) media.width = meta.width;
  if (meta?.height && meta.height <= 100_000) media.height = meta.height;
  if (meta?.length !== undefined) media.duration = meta.length;
  const thumb = meta?.thumbnail?.uri;
  if (thumb && thumb.length <= MAX_THUMBNAIL_CHARS && (isHttp(thumb) || /^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\s]+$/i.test(thumb))) {
    media.thumbnail = thumb;
  }
  return { msgType: kindOfMediaType(mimeType), media, caption: meta?.desc?.trim() ? meta.desc : '' };
}

/** Whether a URL may be used as a `src` or `href` as is (not `aesgcm://`, which needs decrypting first). */
export function isHttp(url: string | undefined): url is string {
  return isSafeMediaUrl(url) && /^https?:/i.test(url);
}

/** A file name as text: no control or bidi-override characters, no path, bounded length. */
function clean(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const flat = (name ?? '').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return flat.split(/[/\\]/).pop()!.slice(0, MAX_NAME);
}
