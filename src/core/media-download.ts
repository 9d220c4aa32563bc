/** The reference's `downloadMedia(fileToken, fileKey?)`: fetches a media message's file and answers
 * what a page needs to show or save it. Encrypted files (XEP-0454, what OMEMO clients send) come as
 * `aesgcm://host/path#<iv hex><key hex>`: fetched over https (or plain http from the chat server's own
 * host when it is reached over plain ws/http, as on a development server) and decrypted with
 * AES-256-GCM through WebCrypto. */
import { badGateway, badRequest } from '../model/errors.js';
import { isSafeMediaUrl } from '../model/media.js';

export interface Downloaded {
  /** `blob:` URL of the (decrypted) file; revoke it with URL.revokeObjectURL when done. */
  objectUrl: string;
  blob: Blob;
}

/** `fileToken`: the media URL. `fileKey`: the hex of a 12-byte (or 16-byte) IV followed by a 32-byte
 * key, for an encrypted file at an http(s) URL (an `aesgcm://` URL carries it in its fragment).
 * 400 for a URL that is not http(s)/aesgcm or a malformed key; 502 when the server answers an HTTP
 * error or the file does not decrypt. `plainHost`: a host that may be fetched over http for aesgcm. */
export async function downloadMedia(fileToken: string, fileKey?: string, plainHost?: string): Promise<Downloaded> {
  if (typeof fileToken !== 'string' || !isSafeMediaUrl(fileToken)) throw badRequest('fileToken must be the http(s) or aesgcm:// URL of a media message');
  const url = new URL(fileToken);
  let keyHex = fileKey;
  if (url.protocol === 'aesgcm:') {
    keyHex ??= url.hash.slice(1);
    url.hash = '';
    const http = plainHost !== undefined && url.host === plainHost;
    url.href = `${http ? 'http' : 'https'}:${url.href.slice('aesgcm:'.length)}`;
  }
  const secret = keyHex === undefined ? undefined : parseKey(keyHex);
  let response: Response;
  try {
    response = await fetch(url.href, { credentials: 'omit' });
  } catch {
    throw badGateway('The file could not be downloaded: the network is gone or its server cannot be reached');
  }
  if (!response.ok) throw badGateway(`The file could not be downloaded (HTTP ${response.status})`);
  let blob = await response.blob();
  if (secret) {
    try {
      const key = await crypto.subtle.importKey('raw', secret.key, 'AES-GCM', false, ['decrypt']);
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: secret.iv }, key, await blob.arrayBuffer());
      blob = new Blob([plain], { type: response.headers.get('content-type') ?? '' });
    } catch {
      throw badGateway('The file does not decrypt with its key (damaged, or the wrong key)');
    }
  }
  return { objectUrl: URL.createObjectURL(blob), blob };
}

/** The `encryptMedia` side: a file encrypted with a fresh AES-256-GCM key and 12-byte IV, and the
 * fragment (`<iv hex><key hex>`) that goes after the `aesgcm://` form of its URL (XEP-0454). */
export async function encryptFile(blob: Blob): Promise<{ cipher: Blob; fragment: string }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, await blob.arrayBuffer());
  const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { cipher: new Blob([cipher], { type: 'application/octet-stream' }), fragment: hex(iv) + hex(raw) };
}

/** The `aesgcm://` form of an http(s) URL with its key (XEP-0454). */
export function aesgcmUrl(url: string, fragment: string): string {
  return `aesgcm://${url.replace(/^https?:\/\//i, '').replace(/#.*$/, '')}#${fragment}`;
}

function parseKey(hex: string): { iv: Uint8Array<ArrayBuffer>; key: Uint8Array<ArrayBuffer> } {
  if (!/^[0-9a-f]+$/i.test(hex) || (hex.length !== 88 && hex.length !== 96)) {
    throw badRequest('fileKey must be the hex of a 12- or 16-byte IV followed by a 32-byte key');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { iv: bytes.slice(0, bytes.length - 32), key: bytes.slice(bytes.length - 32) };
}
