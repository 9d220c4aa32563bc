/** XEP-0363 HTTP File Upload: finding the server's upload service (XEP-0030 disco#items of the domain,
 * then disco#info of each item), its size limit (the `max-file-size` field of its XEP-0128 form), and
 * asking it for a slot: a PUT URL with the headers to send, and the GET URL others download from. */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child, children, textOf } from './xml.js';

export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

export function buildDiscoItems(to: string, id: string): Builder {
  return $iq({ type: 'get', to, id }).c('query', { xmlns: NS_DISCO_ITEMS });
}

export function buildDiscoInfo(to: string, id: string): Builder {
  return $iq({ type: 'get', to, id }).c('query', { xmlns: NS.DISCO_INFO });
}

/** The JIDs a disco#items result lists. */
export function readDiscoItems(iq: Element): string[] {
  return children(child(iq, 'query', NS_DISCO_ITEMS), 'item').map((el) => attr(el, 'jid')).filter(Boolean);
}

/** What a disco#info result says about HTTP upload: whether the entity is an upload service, and its
 * `max-file-size` in bytes (undefined: no limit announced). */
export function readUploadInfo(iq: Element): { upload: boolean; maxFileSize?: number } {
  const query = child(iq, 'query', NS.DISCO_INFO);
  const upload = children(query, 'feature').some((el) => attr(el, 'var') === NS.HTTP_UPLOAD);
  if (!upload) return { upload };
  for (const form of children(query, 'x', NS.DATA_FORM)) {
    const fields = children(form, 'field');
    const type = fields.find((f) => attr(f, 'var') === 'FORM_TYPE');
    if (textOf(child(type, 'value')).trim() !== NS.HTTP_UPLOAD) continue;
    const max = textOf(child(fields.find((f) => attr(f, 'var') === 'max-file-size'), 'value')).trim();
    if (/^\d{1,15}$/.test(max)) return { upload, maxFileSize: Number(max) };
  }
  return { upload };
}

/** XEP-0363 §4: a slot request for one file (size in bytes). */
export function buildSlotRequest(service: string, id: string, file: { name: string; size: number; type: string }): Builder {
  return $iq({ type: 'get', to: service, id })
    .c('request', { xmlns: NS.HTTP_UPLOAD, filename: file.name, size: String(file.size), 'content-type': file.type });
}

export interface UploadSlot {
  put: string;
  get: string;
  /** The PUT headers the service asked for: only Authorization, Cookie and Expires are kept (§4). */
  headers: Record<string, string>;
}

const ALLOWED_HEADERS = new Set(['authorization', 'cookie', 'expires']);

/** Reads a slot; undefined when the answer holds none. Header values lose line breaks (§4). */
export function readSlot(iq: Element): UploadSlot | undefined {
  const slot = child(iq, 'slot', NS.HTTP_UPLOAD);
  const put = child(slot, 'put', NS.HTTP_UPLOAD);
  const putUrl = attr(put, 'url');
  const getUrl = attr(child(slot, 'get', NS.HTTP_UPLOAD), 'url');
  if (!putUrl || !getUrl) return undefined;
  const headers: Record<string, string> = {};
  for (const header of children(put, 'header', NS.HTTP_UPLOAD)) {
    const name = attr(header, 'name');
    if (ALLOWED_HEADERS.has(name.toLowerCase())) headers[name] = textOf(header).replace(/[\r\n]/g, '');
  }
  return { put: putUrl, get: getUrl, headers };
}
