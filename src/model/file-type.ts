/** Which files each kind of media message accepts (the reference's lists), and what a file really is,
 * read from its leading bytes ("magic numbers"), so a PDF named `photo.png` is refused. Pure. */
import type { MsgType } from './types.js';

/** What leading bytes say a file is. `text`: no NUL bytes and valid UTF-8; `svg`: text holding `<svg`. */
export type Family = 'png' | 'jpeg' | 'gif' | 'svg' | 'mp3' | 'wav' | 'webm' | 'ogg' | 'mp4' | 'pdf' | 'ole' | 'zip' | 'text';

export type MediaKind = Exclude<MsgType, 'text'>;

interface Rule {
  kind: MediaKind;
  family: Family;
  /** Media types a browser may give such a file; the first is the one we send. */
  types: string[];
}

const OLE = 'application/vnd.openxmlformats-officedocument.';
const rule = (kind: MediaKind, family: Family, ...types: string[]): Rule => ({ kind, family, types });

/** By file extension. Audio includes what MediaRecorder makes (webm, ogg). */
const RULES: Record<string, Rule> = {
  png: rule('image', 'png', 'image/png'),
  jpg: rule('image', 'jpeg', 'image/jpeg', 'image/jpg', 'image/pjpeg'),
  jpeg: rule('image', 'jpeg', 'image/jpeg', 'image/jpg', 'image/pjpeg'),
  gif: rule('image', 'gif', 'image/gif'),
  svg: rule('image', 'svg', 'image/svg+xml'),
  mp3: rule('audio', 'mp3', 'audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3'),
  mpeg: rule('audio', 'mp3', 'audio/mpeg', 'audio/mp3'),
  wav: rule('audio', 'wav', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'),
  webm: rule('audio', 'webm', 'audio/webm', 'video/webm'),
  weba: rule('audio', 'webm', 'audio/webm'),
  ogg: rule('audio', 'ogg', 'audio/ogg', 'application/ogg', 'audio/opus'),
  oga: rule('audio', 'ogg', 'audio/ogg', 'application/ogg'),
  opus: rule('audio', 'ogg', 'audio/ogg', 'audio/opus'),
  mp4: rule('video', 'mp4', 'video/mp4'),
  pdf: rule('file', 'pdf', 'application/pdf', 'application/x-pdf'),
  doc: rule('file', 'ole', 'application/msword'),
  xls: rule('file', 'ole', 'application/vnd.ms-excel'),
  ppt: rule('file', 'ole', 'application/vnd.ms-powerpoint'),
  docx: rule('file', 'zip', `${OLE}wordprocessingml.document`),
  xlsx: rule('file', 'zip', `${OLE}spreadsheetml.sheet`),
  pptx: rule('file', 'zip', `${OLE}presentationml.presentation`),
  csv: rule('file', 'text', 'text/csv', 'text/x-csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain'),
  txt: rule('file', 'text', 'text/plain'),
};

/** The extensions a kind accepts, for messages and for an `accept` attribute. */
export function extensionsOf(kind: MediaKind): string[] {
  return Object.keys(RULES).filter((ext) => RULES[ext].kind === kind);
}

/** An extension for a nameless file (a recording), from what its bytes are. */
export function extensionOfFamily(kind: MediaKind, family: Family | undefined): string | undefined {
  return Object.keys(RULES).find((ext) => RULES[ext].kind === kind && RULES[ext].family === family);
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the first bytes of a file (at least 512 of them, when it has them) say it is. */
export function sniff(head: Uint8Array): Family | undefined {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(head, ascii('GIF87a')) || starts(head, ascii('GIF89a'))) return 'gif';
  if (starts(head, ascii('%PDF-'))) return 'pdf';
  if (starts(head, ascii('ID3')) || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'mp3';
  if (starts(head, ascii('RIFF')) && starts(head, ascii('WAVE'), 8)) return 'wav';
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (starts(head, ascii('OggS'))) return 'ogg';
  if (starts(head, ascii('ftyp'), 4)) return 'mp4';
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (head.includes(0)) return undefined;
  let text: string;
  try {
    // A multi-byte character cut at the end of the head is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return undefined;
  }
  return /<svg[\s>]/i.test(text) && /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(text) ? 'svg' : 'text';
}

/** Checks a file for a kind: its extension, its declared type and its bytes must agree with the kind's
 * list. Answers the media type to send, or a reason to refuse it (a sentence for a person). */
export function checkFile(kind: MediaKind, name: string, declaredType: string, family: Family | undefined): { mimeType: string } | { refused: string } {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  const accepted = extensionsOf(kind).join(', ');
  const r = RULES[ext];
  if (!r || r.kind !== kind) return { refused: `"${name}" is not a ${label(kind)} file this chat sends (accepted: ${accepted})` };
  const type = declaredType.toLowerCase().split(';')[0].trim();
  if (type && type !== 'application/octet-stream' && !r.types.includes(type)) {
    return { refused: `"${name}" says it is ${type}, which does not match its .${ext} name` };
  }
  if (family !== r.family) {
    return { refused: `The content of "${name}" is not a .${ext} file${family ? ` (it looks like ${family.toUpperCase()} data)` : ''}` };
  }
  return { mimeType: r.types[0] };
}

function label(kind: MediaKind): string {
  return kind === 'file' ? 'document' : kind;
}
