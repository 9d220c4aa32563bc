/** The file part of a media bubble: an image, an audio or video player, or a document card. Only
 * http(s) URLs (and `blob:` URLs of our own making) are ever used as a `src` or `href` (the core already refuses anything but http(s) and
 * `aesgcm://`; an encrypted `aesgcm://` file shows as a card until it is decrypted, sealed.ts).
 * Sizes come from the sender's metadata (XEP-0446) so that the thread does not jump as media loads.
 * SVG images only ever go through `<img>`, where they cannot run scripts. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ChatMessage, MediaMeta } from '../../model/types.js';
import { formatDuration, formatSize, isVoiceNote, mediaLabel } from '../shared/media-label.js';
import { sealedMedia, type SealedFiles } from './sealed.js';

/** Whether a URL may be a `src` or `href` as it is. */
export function isHttpUrl(url: string | undefined): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A thumbnail that may be an `<img src>`: http(s), or a `data:image/…;base64` URI. */
export function thumbnailOf(media: MediaMeta): string | undefined {
  const t = media.thumbnail;
  return t && (isHttpUrl(t) || /^data:image\/[\w.+-]+;base64,/i.test(t)) ? t : undefined;
}

/** The box a picture takes before it loads: its own aspect ratio (kept between tall 1:2 and wide 3:1). */
function boxStyle(media: MediaMeta): string {
  const { width, height } = media;
  if (!width || !height) return '';
  const ratio = Math.min(3, Math.max(0.5, width / height));
  return `aspect-ratio: ${ratio.toFixed(4)}`;
}

/** `sealed`: where encrypted `aesgcm://` files are decrypted (none: they stay a card without a link). */
export function renderMedia(m: ChatMessage, sealed?: SealedFiles) {
  const media = m.media;
  if (!media) return nothing;
  // Our own file on its way shows from the object URL the sender made of it (its local preview).
  const local = m.outgoing && media.url.startsWith('blob:');
  if (!local && !isHttpUrl(media.url)) {
    return sealed && /^aesgcm:/i.test(media.url) ? sealedMedia(sealed, m, decrypted, sealedCard) : documentCard(media, 'sealed');
  }
  switch (m.msgType) {
    case 'image': return linkedImage(media);
    case 'audio': return audio(media, media.url);
    case 'video': return video(media, media.url);
    default: return documentCard(media, local ? 'local' : 'linked');
  }
}

/** An encrypted file once decrypted, from our own object URL (a picture without a link: see sealed.ts). */
function decrypted(m: ChatMessage, url: string) {
  const media = m.media!;
  switch (m.msgType) {
    case 'image': return image(media, url);
    case 'audio': return audio(media, url);
    case 'video': return video(media, url);
    default: return documentCard(media, 'linked', url);
  }
}

function image(media: MediaMeta, src: string) {
  return html`<img class="media image" part="media image" src=${src} alt=${media.fileName ?? mediaLabel('image')}
    loading="lazy" decoding="async" style=${boxStyle(media)} width=${media.width ?? nothing} height=${media.height ?? nothing} />`;
}

/** Pictures larger than this (their metadata's size) show only their thumbnail until opened. */
export const FULL_PICTURE_MAX_BYTES = 8 * 1024 * 1024;

/** Once the full picture has loaded, the thumbnail under it turns transparent (it would show through a
 * transparent picture; it keeps the text alternative); a full picture that cannot load is hidden,
 * leaving the thumbnail. */
const onFullPicture = (event: Event) => {
  const box = (event.target as HTMLElement).parentElement;
  box?.classList.add(event.type === 'load' ? 'loaded' : 'failed');
};

function linkedImage(media: MediaMeta) {
  // The thumbnail shows at once; the full picture (http(s) only, not over 8 MB) loads over it. A click
  // opens the full picture.
  const thumb = thumbnailOf(media);
  const full = isHttpUrl(media.url) && !((media.fileSize ?? 0) > FULL_PICTURE_MAX_BYTES) ? media.url : undefined;
  const picture = !thumb ? image(media, media.url)
    : html`<span class="media image stack" part="media image" style=${boxStyle(media)}><img class="thumb" part="image-thumbnail" src=${thumb}
      alt=${media.fileName ?? mediaLabel('image')} decoding="async" />${full
      ? html`<img class="full" part="image-full" src=${full} alt="" loading="lazy" decoding="async"
        @load=${onFullPicture} @error=${onFullPicture} />` : nothing}</span>`;
  return html`<a class="media-open" part="media-open" href=${media.url} target="_blank" rel="noopener">${picture}</a>`;
}

/** Once the player knows the length (it then shows it itself), our duration from the metadata goes
 * (a recording without a length in its header, as MediaRecorder's WebM, keeps ours). */
const onAudioMetadata = (event: Event) => {
  const player = event.target as HTMLAudioElement;
  if (Number.isFinite(player.duration) && player.duration > 0) player.parentElement?.classList.add('timed');
};

function audio(media: MediaMeta, src: string) {
  const label = isVoiceNote(media.fileName) ? mediaLabel('audio') : media.fileName ?? mediaLabel('audio');
  return html`<div class="media audio" part="media audio">
    <span class="audio-head"><span class="media-label" dir="auto">${label}</span>${media.duration !== undefined ? html`<span class="duration">${formatDuration(media.duration)}</span>` : nothing}</span>
    <audio controls preload="metadata" src=${src} @loadedmetadata=${onAudioMetadata}></audio>
  </div>`;
}

function video(media: MediaMeta, src: string) {
  return html`<video class="media video" part="media video" controls preload="metadata" src=${src}
    poster=${thumbnailOf(media) ?? nothing} style=${boxStyle(media)} width=${media.width ?? nothing} height=${media.height ?? nothing}></video>`;
}

/** The badge a document shows: its extension, coloured by family (also the composer's file preview). */
export function docType(media: Pick<MediaMeta, 'fileName' | 'mimeType'>): { ext: string; family: string } {
  const name = media.fileName ?? '';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot + 1).toUpperCase() : '';
  const type = media.mimeType ?? '';
  const family = /pdf/.test(type) || ext === 'PDF' ? 'pdf'
    : /sheet|excel|csv/.test(type) || /^(XLSX?|CSV|ODS)$/.test(ext) ? 'sheet'
    : /presentation|powerpoint/.test(type) || /^(PPTX?|ODP)$/.test(ext) ? 'slides'
    : /word|text|rtf/.test(type) || /^(DOCX?|TXT|ODT|RTF)$/.test(ext) ? 'text'
    : /zip|compressed|tar/.test(type) ? 'archive' : 'other';
  return { ext: ext || msg('FILE', { desc: 'Badge of a document whose type is unknown' }), family };
}

/** `linked`: with a download link (to `href`, default the file's URL); `local`: our own file not
 * uploaded yet (no link); `sealed`: an encrypted file not decrypted here. */
function documentCard(media: MediaMeta, state: 'linked' | 'local' | 'sealed', href = media.url) {
  const linked = state === 'linked';
  return card(media, state === 'sealed' ? msg('Encrypted file') : formatSize(media.fileSize),
    linked ? html`<a class="download" part="download" href=${href} download=${media.fileName ?? ''} rel="noopener" target="_blank"
      aria-label=${msg('Download')} title=${msg('Download')}>⤓</a>` : nothing);
}

/** An encrypted file before it is decrypted: its card, with what is happening and a button. */
function sealedCard(m: ChatMessage, status: unknown, action: unknown) {
  return card(m.media!, status, action);
}

/** A file name whose end stays in view: the stem shortens with an ellipsis, the extension (up to 8
 * characters after the last dot) stays (the full name in `title`). Also the composer's preview. */
export function fileNameView(name: string) {
  const dot = name.lastIndexOf('.');
  const cut = dot > 0 && name.length - dot <= 9 ? dot : name.length;
  return html`<span class="doc-name" dir="auto" title=${name}><span class="stem">${name.slice(0, cut)}</span><span class="ext">${name.slice(cut)}</span></span>`;
}

function card(media: MediaMeta, status: unknown, action: unknown) {
  const { ext, family } = docType(media);
  const name = media.fileName || msg('Document');
  return html`<div class="media document" part="media document">
    <span class="doc-icon ${family}" part="document-icon" aria-hidden="true">${ext}</span>
    <span class="doc-text">${fileNameView(name)}
      <span class="doc-size">${status}</span></span>${action}
  </div>`;
}
