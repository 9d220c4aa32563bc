/** The chat's media gallery: a grid of its pictures, videos, sounds and documents, newest first, in a
 * modal `<dialog>` inside the thread's shadow root, paged with the binding's `mediaMessages` (the
 * reference's `getMediaMessages`: 3, then 10 more per "Load more"). A picture opens in the lightbox
 * (lightbox.ts, loaded when first needed); the other files open their http(s) link in a new tab.
 * Loaded on demand (`import('./gallery.js')` from the header's gallery button). Only http(s) URLs (and
 * `data:image/…;base64` thumbnails) ever become a `src` or `href`. */
import { msg } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import type { ChatBinding } from '../../core/binding.js';

import { mediaLabel } from '../shared/media-label.js';
// From the thread's part, which is loaded before the gallery (scripts/build/script-tag.mjs chunkName).
import { docType, isHttpUrl, thumbnailOf } from './media-bubble.js';

const STYLE = `
dialog.gallery { width: min(560px, 96vw); max-height: 90vh; padding: 0; border-radius: 12px;
  border: 1px solid color-mix(in srgb, currentColor 24%, transparent);
  background: var(--chat-bg, Canvas); color: var(--chat-fg, CanvasText); box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); }
dialog.gallery::backdrop { background: rgb(0 0 0 / 0.5); }
.g-head { display: flex; align-items: center; padding: 8px 12px; gap: 8px; font: 600 15px/1.4 system-ui, sans-serif; }
.g-head span { flex: 1; }
.g-grid { list-style: none; margin: 0; padding: 8px 12px; display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 6px; }
.g-grid li > * { position: relative; display: grid; place-items: center; width: 100%; aspect-ratio: 1; border: 0; padding: 0; border-radius: 6px;
  overflow: hidden; background: rgb(127 127 127 / 0.18); color: inherit; font: 12px/1.3 system-ui, sans-serif;
  text-align: center; text-decoration: none; cursor: pointer; box-sizing: border-box; }
.g-grid li > .g-file { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 8px; padding: 8px; }
.g-grid img { width: 100%; height: 100%; object-fit: cover; }
.g-name { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.g-badge { display: grid; place-items: center; width: 36px; height: 44px; border-radius: 6px; font-weight: 700; font-size: 10px;
  color: #fff; background: #546e7a; }
.g-badge.pdf { background: #d32f2f; } .g-badge.text { background: #1e63c4; } .g-badge.sheet { background: #1b8a4b; }
.g-badge.slides { background: #d2691e; } .g-badge.archive { background: #6d4c8d; }
.g-badge.audio { border-radius: 50%; width: 44px; background: #7b5ea7; }
.g-play { position: absolute; inset: 0; margin: auto; width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center;
  background: rgb(0 0 0 / 0.55); color: #fff; pointer-events: none; }
.g-foot { padding: 4px 12px 12px; text-align: center; font: 14px system-ui, sans-serif; }
dialog.gallery button { font: inherit; cursor: pointer; }
.g-more { padding: 6px 16px; border-radius: 16px; border: 1px solid currentColor; background: transparent; color: inherit; }
.g-close { width: 36px; height: 36px; border-radius: 50%; border: 0; background: transparent; color: inherit; font-size: 22px !important; }
`;

/** An icon of our own, built as elements (no markup parsed): a note for sound, a play mark for video. */
function icon(size: number, shapes: [string, Record<string, string>][], stroke: boolean): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  const attrs: Record<string, string> = { viewBox: '0 0 24 24', width: String(size), height: String(size), 'aria-hidden': 'true',
    ...(stroke ? { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } : { fill: 'currentColor' }) };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  for (const [tag, a] of shapes) {
    const shape = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(a)) shape.setAttribute(k, v);
    svg.append(shape);
  }
  return svg;
}
const note = () => icon(22, [['path', { d: 'M9 18V5l11-2v13' }], ['circle', { cx: '6', cy: '18', r: '3' }], ['circle', { cx: '17', cy: '16', r: '3' }]], true);
const playMark = () => icon(16, [['path', { d: 'M8 5.5v13l11-6.5z' }]], false);

const thumbOf = (m: ChatMessage): string | undefined =>
  (m.media && thumbnailOf(m.media)) ?? (isHttpUrl(m.media?.url) ? m.media!.url : undefined);

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '', part = ''): HTMLElementTagNameMap[K] {
  const n = document.createElement(tag);
  n.className = className;
  n.textContent = text;
  if (part) n.setAttribute('part', part);
  return n;
}

/** Opens the gallery of `chatJid` in `root`; focus goes back to `opener` when it closes. `rtl`: the
 * thread reads right to left (passed on to the lightbox). Resolves to the dialog once the first page
 * is shown. */
export async function openGallery(root: ShadowRoot, binding: ChatBinding, chatJid: string, opener: HTMLElement | null, rtl = false): Promise<HTMLDialogElement> {
  root.querySelector('dialog.gallery')?.remove();
  const dialog = node('dialog', 'gallery', '', 'gallery');
  const title = node('span', '', msg('Media'));
  title.id = 'gallery-title';
  dialog.setAttribute('aria-labelledby', title.id);
  const close = node('button', 'g-close', '×', 'gallery-close');
  close.setAttribute('aria-label', msg('Close media'));
  const head = node('div', 'g-head');
  head.append(title, close);
  const grid = node('ul', 'g-grid', '', 'gallery-grid');
  const foot = node('div', 'g-foot');
  const more = node('button', 'g-more', msg('Load more'), 'gallery-more');
  more.type = 'button';
  dialog.append(node('style', '', STYLE), head, grid, foot);
  const shown: ChatMessage[] = [];

  const openPicture = (m: ChatMessage, from: HTMLElement) => {
    const pictures = shown.filter((s) => s.msgType === 'image' && isHttpUrl(s.media?.url))
      .map((s) => ({ url: s.media!.url, alt: s.media!.fileName ?? mediaLabel('image'), caption: s.body, fileName: s.media!.fileName, id: s.msgId }));
    const index = pictures.findIndex((p) => p.id === m.msgId);
    if (index >= 0) void import('./lightbox.js').then((l) => l.openLightbox(root, pictures, index, from, rtl));
  };

  const add = (m: ChatMessage) => {
    shown.push(m);
    const li = node('li', '');
    const label = mediaLabel(m.msgType, m.media?.fileName);
    const url = m.media?.url;
    const thumb = m.msgType === 'image' || m.msgType === 'video' ? thumbOf(m) : undefined;
    let item: HTMLElement;
    if (m.msgType === 'image' && isHttpUrl(url)) {
      item = node('button', '', '', 'gallery-item');
      (item as HTMLButtonElement).type = 'button';
      item.addEventListener('click', () => openPicture(m, item));
    } else if (isHttpUrl(url)) {
      const a = node('a', '', '', 'gallery-item');
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener';
      item = a;
    } else {
      item = node('span', '', '', 'gallery-item');
    }
    const fileName = m.media?.fileName;
    // A document is named by what it shows (its type badge and name); the others by their kind and name.
    if (m.msgType !== 'file' || thumb) item.setAttribute('aria-label', fileName && !label.includes(fileName) ? `${label} ${fileName}` : label);
    item.title = m.media?.fileName ?? label;
    if (thumb) {
      const img = document.createElement('img');
      img.src = thumb;
      img.alt = '';
      img.loading = 'lazy';
      item.append(img);
    } else {
      // A file: an icon (a note for sound, the type badge for a document) over its name on one line.
      item.classList.add('g-file');
      const badge = node('span', 'g-badge', '', 'gallery-badge');
      if (m.msgType === 'audio') {
        badge.setAttribute('aria-hidden', 'true');
        badge.classList.add('audio');
        badge.append(note());
      } else if (m.msgType === 'file') {
        const { ext, family } = docType(m.media ?? {});
        badge.classList.add(family);
        badge.textContent = ext;
      }
      if (badge.firstChild) item.append(badge);
      const name = node('span', 'g-name', m.media?.fileName ?? label);
      name.dir = 'auto';
      item.append(name);
    }
    if (m.msgType === 'video') {
      const play = node('span', 'g-play', '', 'gallery-play');
      play.append(playMark());
      item.append(play);
    }
    li.append(item);
    grid.append(li);
  };

  let full = true;
  const loadPage = async () => {
    more.disabled = true;
    const last = shown.at(-1)?.msgId;
    let page: ChatMessage[] = [];
    try {
      page = await binding.mediaMessages({ toUserJid: chatJid, ...(last ? { lastMessageId: last } : {}) });
    } catch (error) {
      console.warn('[chat-widget] could not load the media list:', error);
    }
    page.forEach(add);
    full = page.length >= (last ? 10 : 3);
    more.disabled = false;
    foot.replaceChildren(full ? more : shown.length ? '' : msg('No files in this chat yet.'));
  };
  more.addEventListener('click', () => void loadPage());
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  root.append(dialog);
  dialog.showModal();
  close.focus();
  await loadPage();
  return dialog;
}
