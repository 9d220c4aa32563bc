/** The lightbox: one picture of the chat whole, over everything, in a modal `<dialog>` inside the
 * thread's shadow root. Loaded on demand (`import('./lightbox.js')` when a picture is first opened), so
 * neither the script nor the thread part carries it.
 *
 * Keys: Escape closes (the dialog's own cancel), ← / → show the previous / next picture of the chat
 * (mirrored in a right-to-left thread), Tab stays inside the dialog. A click on the backdrop (anywhere
 * but the picture and the buttons) or the close button closes. Focus moves to the close button on
 * open and back to `opener` on close. The picture is only ever an `<img src>` of an http(s) URL:
 * anything else (which the thread never passes) shows nothing. */
import { msg, str } from '@lit/localize';

// Its own copy of media-bubble's check: importing that module would make the thread part's modules a
// chunk shared with this one.
const isHttpUrl = (url: string): boolean => /^https?:\/\/[^/?#\s]/i.test(url);

/** A picture the lightbox can show: its full URL, its text alternative, and what its bar shows: the
 * message's caption (as text) and the file's name (a download link is offered for http(s) URLs). */
export interface LightboxImage {
  url: string;
  alt: string;
  caption?: string;
  fileName?: string;
}

const STYLE = `
dialog.lightbox { position: fixed; inset: 0; width: 100vw; height: 100vh; max-width: none; max-height: none;
  margin: 0; padding: 0; border: 0; background: rgb(0 0 0 / 0.88); color: #fff; box-sizing: border-box; }
dialog.lightbox::backdrop { background: rgb(0 0 0 / 0.6); backdrop-filter: blur(6px); }
dialog.lightbox[open] { display: grid; grid-template: auto 1fr / 1fr; }
.lb-bar { display: flex; align-items: center; gap: 8px; padding: 8px 12px; font: 14px/1.4 system-ui, sans-serif; }
.lb-count { flex: none; opacity: 0.85; }
.lb-count:empty { display: none; }
.lb-text { flex: 1; min-width: 0; display: grid; }
.lb-caption { overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; white-space: pre-wrap; overflow-wrap: anywhere; }
.lb-caption:empty, .lb-name:empty { display: none; }
.lb-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; opacity: 0.75; }
.lb-bar a.lb-download { flex: none; display: grid; place-items: center; width: 44px; height: 44px; border-radius: 50%; font-size: 22px;
  text-decoration: none; color: #fff; background: rgb(255 255 255 / 0.12); }
.lb-bar a.lb-download:hover { background: rgb(255 255 255 / 0.24); }
.lb-bar a.lb-download:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
.lb-bar a.lb-download[hidden] { display: none; }
.lb-stage { display: grid; grid-template-columns: auto 1fr auto; align-items: center; min-height: 0; padding: 0 8px 16px; }
.lb-stage img { grid-column: 2; justify-self: center; max-width: 100%; max-height: calc(100vh - 72px); object-fit: contain; }
dialog.lightbox button { font: inherit; font-size: 28px; line-height: 1; width: 44px; height: 44px; border-radius: 50%;
  border: 0; background: rgb(255 255 255 / 0.12); color: #fff; cursor: pointer; }
dialog.lightbox button:hover { background: rgb(255 255 255 / 0.24); }
dialog.lightbox button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
dialog.lightbox button[hidden] { visibility: hidden; display: block; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Omit<HTMLElementTagNameMap[K], 'part'>> & { part?: string } = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { part, ...rest } = props;
  Object.assign(node, rest);
  if (part) node.setAttribute('part', part);
  return node;
}

/**
 * Shows `images[index]` in a modal dialog appended to `root` (the thread's shadow root) and returns
 * the dialog (removed from `root` when it closes). `opener`: what gets focus back on close (a function
 * when the element may have been re-rendered meanwhile: it is asked on close).
 * `rtl`: the thread reads right to left (← then shows the next picture).
 */
export function openLightbox(root: ShadowRoot, images: readonly LightboxImage[], index: number, opener: HTMLElement | (() => HTMLElement | null | undefined) | null, rtl = false): HTMLDialogElement {
  root.querySelector('dialog.lightbox')?.remove();
  const dialog = el('dialog', { className: 'lightbox', part: 'lightbox' });
  dialog.setAttribute('aria-label', msg('Picture'));
  const style = el('style', { textContent: STYLE });
  const count = el('span', { className: 'lb-count' });
  count.setAttribute('aria-live', 'polite');
  const caption = el('span', { className: 'lb-caption', part: 'lightbox-caption', dir: 'auto' });
  const name = el('span', { className: 'lb-name', part: 'lightbox-name', dir: 'auto' });
  const text = el('span', { className: 'lb-text' });
  text.append(caption, name);
  const download = el('a', { className: 'lb-download', part: 'lightbox-download', textContent: '⤓', rel: 'noopener', target: '_blank' });
  download.setAttribute('aria-label', msg('Download'));
  download.title = msg('Download');
  const close = el('button', { type: 'button', className: 'lb-close', part: 'lightbox-close', textContent: '×' });
  close.setAttribute('aria-label', msg('Close picture'));
  const prev = el('button', { type: 'button', className: 'lb-prev', part: 'lightbox-prev', textContent: rtl ? '›' : '‹' });
  prev.setAttribute('aria-label', msg('Previous picture'));
  const next = el('button', { type: 'button', className: 'lb-next', part: 'lightbox-next', textContent: rtl ? '‹' : '›' });
  next.setAttribute('aria-label', msg('Next picture'));
  const img = el('img', { part: 'lightbox-image', decoding: 'async' });
  next.style.gridColumn = '3';
  const bar = el('div', { className: 'lb-bar' });
  bar.append(count, text, download, close);
  const stage = el('div', { className: 'lb-stage' });
  stage.append(prev, img, next);
  dialog.append(style, bar, stage);

  let current = index;
  const show = (i: number) => {
    if (i < 0 || i >= images.length) return;
    current = i;
    const { url, alt, caption: words = '', fileName = '' } = images[i];
    if (isHttpUrl(url)) {
      img.src = download.href = url;
      download.download = fileName;
    } else {
      img.removeAttribute('src');
      download.removeAttribute('href');
    }
    download.hidden = !isHttpUrl(url);
    img.alt = alt;
    caption.textContent = words.trim();
    name.textContent = fileName;
    name.title = fileName;
    count.textContent = images.length > 1 ? msg(str`${i + 1} of ${images.length}`) : '';
    prev.hidden = i === 0;
    next.hidden = i === images.length - 1;
  };

  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    show(current + ((e.key === 'ArrowRight') !== rtl ? 1 : -1));
  });
  // The dialog covers the viewport: a click on it or on the stage, not on the picture or a button, is a
  // click on the backdrop.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || e.target === stage || e.target === bar || e.target === text) dialog.close();
  });
  close.addEventListener('click', () => dialog.close());
  prev.addEventListener('click', () => show(current - 1));
  next.addEventListener('click', () => show(current + 1));
  dialog.addEventListener('close', () => {
    dialog.remove();
    (typeof opener === 'function' ? opener() : opener)?.focus();
  });

  show(index);
  root.append(dialog);
  dialog.showModal();
  close.focus();
  return dialog;
}
