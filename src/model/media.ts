/** What kind of file a message carries, and which URLs may ever be fetched or shown as a link. Pure:
 * shared by the protocol (reading what others send) and the core (checking what the user sends). */
import type { MsgType } from './types.js';

/** Media types by file extension, for files whose sender gave no type (body + OOB only). */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp',
  heic: 'image/heic', avif: 'image/avif',
  mp3: 'audio/mpeg', mpeg: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg',
  m4a: 'audio/mp4', aac: 'audio/aac', weba: 'audio/webm',
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
};

/** The media type a file name or URL path suggests, or undefined. */
export function mediaTypeOfName(nameOrUrl: string): string | undefined {
  const path = nameOrUrl.split(/[?#]/)[0];
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** The message kind a media type shows as. */
export function kindOfMediaType(mediaType: string | undefined): Exclude<MsgType, 'text'> {
  const type = (mediaType ?? '').toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

/** Whether a URL may be fetched, used as a media source or shown as a link: http(s) only, or the
 * `aesgcm://` form of an encrypted file (XEP-0454), which is fetched over https after decoding. Anything
 * else (`javascript:`, `data:`, `file:`, relative) is shown as text. */
export function isSafeMediaUrl(url: string | undefined): url is string {
  if (typeof url !== 'string' || url.length > 4096) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return ['http:', 'https:', 'aesgcm:'].includes(parsed.protocol) && parsed.hostname !== '';
}

/** The last path segment of a URL, decoded, as a fallback file name. */
export function fileNameOfUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
