/** The chat's media gallery: a grid of its pictures, videos, sounds and documents, newest first, in a
 * modal `<dialog>` inside the thread's shadow root, paged with the binding's `mediaMessages` (the
 * reference's `getMediaMessages`: 3, then 10 more per "Load more"). A picture opens in the lightbox
 * (lightbox.ts, loaded when first needed); the other files open their http(s) link in a new tab.
 * Loaded on demand (`import('./gallery.js')` from the header's gallery button). Only http(s) URLs (and
 * `data:image/…;base64` thumbnails) ever become a `src` or `href`. */
import { msg } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import type { ChatBinding } from '../../core/binding.js';

// Its own copy of media-bubble's check (importing that module would share the thread's chunk).
const isHttpUrl = (url: string | undefined): url is string => typeof url === 'string' && /^https?:\/\/[^/?#\s]/i.test(url);
import { mediaLabel } from '../shared/media-label.js';

const STYLE = `
dialog.gallery { width: min(560px, 96vw); max-height: 90vh; padding: 0; border: 0; border-radius: 12px;
  background: var(--chat-bg, Canvas); color: var(--chat-fg, CanvasText); box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); }
dialog.gallery::backdrop { background: rgb(0 0 0 / 0.5); }
.g-head { display: flex; align-items: center; padding: 8px 12px; gap: 8px; font: 600 15px/1.4 system-ui, sans-serif; }
.g-head span { flex: 1; }
.g-grid { list-style: none; margin: 0; padding: 8px 12px; display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 6px; }
.g-grid li > * { display: grid; place-items: center; width: 100%; aspect-ratio: 1; border: 0; padding: 0; border-radius: 6px;
  overflow: hidden; background: rgb(127 127 127 / 0.18); color: inherit; font: 12px/1.3 system-ui, sans-serif;
  text-align: center; text-decoration: none; cursor: pointer; word-break: break-word; }
.g-grid img { width: 100%; height: 100%; object-fit: cover; }
.g-foot { padding: 4px 12px 12px; text-align: center; font: 14px system-ui, sans-serif; }
dialog.gallery button { font: inherit; cursor: pointer; }
.g-more { padding: 6px 16px; border-radius: 16px; border: 1px solid currentColor; background: transparent; color: inherit; }
.g-close { width: 36px; height: 36px; border-radius: 50%; border: 0; background: transparent; color: inherit; font-size: 22px !important; }
`;

const thumbOf = (m: ChatMessage): string | undefined => {
  const t = m.media?.thumbnail;
  if (t && (isHttpUrl(t) || /^data:image\/[\w.+-]+;base64,/i.test(t))) return t;
  return isHttpUrl(m.media?.url) ? m.media!.url : undefined;
};

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
      .map((s) => ({ url: s.media!.url, alt: s.media!.fileName ?? mediaLabel('image'), id: s.msgId }));
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
    item.setAttribute('aria-label', m.media?.fileName ? `${label} ${m.media.fileName}`.replace(/^(.*): \1 /, '$1 ') : label);
    item.title = m.media?.fileName ?? label;
    if (thumb) {
      const img = document.createElement('img');
      img.src = thumb;
      img.alt = '';
      img.loading = 'lazy';
      item.append(img);
    } else {
      item.textContent = m.media?.fileName ?? label;
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
