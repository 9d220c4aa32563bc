/** XEP-0446 file metadata (with an XEP-0264 thumbnail) and the XEP-0447 stateless file sharing wrapper
 * that may carry it. Reading never judges: URLs and numbers are checked by the caller. */
import type { Builder } from 'strophe.js';
import type { MediaMeta } from '../model/types.js';
import { NS } from './ns.js';
import { attr, child, children, textOf } from './xml.js';

/** What a `<file xmlns="urn:xmpp:file:metadata:0">` says. Sizes in bytes, `length` in ms. */
export interface FileMetadata {
  mediaType?: string;
  name?: string;
  size?: number;
  width?: number;
  height?: number;
  /** Duration in ms (audio, video). */
  length?: number;
  desc?: string;
  thumbnail?: { uri: string; mediaType?: string; width?: number; height?: number };
}

/** Adds `<file/>` metadata for a file we send (XEP-0446 §2), its thumbnail as XEP-0264 (a small
 * `data:` URI) and the caption as `<desc/>`. */
export function addFileMetadata(stanza: Builder, media: MediaMeta, caption?: string): Builder {
  stanza.c('file', { xmlns: NS.FILE_METADATA });
  if (media.mimeType) stanza.c('media-type').t(media.mimeType).up();
  if (media.fileName) stanza.c('name').t(media.fileName).up();
  if (media.fileSize !== undefined) stanza.c('size').t(String(Math.round(media.fileSize))).up();
  if (media.width !== undefined) stanza.c('width').t(String(Math.round(media.width))).up();
  if (media.height !== undefined) stanza.c('height').t(String(Math.round(media.height))).up();
  if (media.duration !== undefined) stanza.c('length').t(String(Math.round(media.duration))).up();
  if (caption) stanza.c('desc').t(caption).up();
  if (media.thumbnail?.startsWith('data:')) {
    const type = /^data:([^;,]+)/.exec(media.thumbnail)?.[1];
    stanza.c('thumbnail', { xmlns: NS.THUMBS, uri: media.thumbnail, ...(type ? { 'media-type': type } : {}) }).up();
  }
  return stanza.up();
}

const count = (el: Element | null): number | undefined => {
  const text = textOf(el).trim();
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
};

/** Reads a `<file/>` metadata element (XEP-0446). */
export function readFileMetadata(file: Element | null): FileMetadata | undefined {
  if (!file) return undefined;
  const thumb = child(file, 'thumbnail', NS.THUMBS);
  const dims = (name: string) => {
    const value = attr(thumb, name);
    return /^\d{1,6}$/.test(value) ? Number(value) : undefined;
  };
  const out: FileMetadata = {
    mediaType: textOf(child(file, 'media-type')).trim() || undefined,
    name: textOf(child(file, 'name')).trim() || undefined,
    size: count(child(file, 'size')),
    width: count(child(file, 'width')),
    height: count(child(file, 'height')),
    length: count(child(file, 'length')),
    desc: textOf(child(file, 'desc')) || undefined,
    ...(attr(thumb, 'uri') ? { thumbnail: { uri: attr(thumb, 'uri'), mediaType: attr(thumb, 'media-type') || undefined, width: dims('width'), height: dims('height') } } : {}),
  };
  return out;
}

/** The metadata of a message: its own `<file/>`, or the one inside XEP-0447 `<file-sharing/>`, with
 * the sharing's first http(s) source URL (`<url-data target=…/>`). */
export function readMessageFile(stanza: Element): { meta?: FileMetadata; sourceUrl?: string } {
  const direct = child(stanza, 'file', NS.FILE_METADATA);
  if (direct) return { meta: readFileMetadata(direct) };
  const sharing = child(stanza, 'file-sharing', NS.SFS);
  if (!sharing) return {};
  const sources = children(child(sharing, 'sources', NS.SFS), 'url-data', NS.URL_DATA).map((el) => attr(el, 'target')).filter(Boolean);
  return { meta: readFileMetadata(child(sharing, 'file', NS.FILE_METADATA)), sourceUrl: sources[0] };
}
