/** Opening a picture of the thread in the lightbox (lightbox.ts, fetched the first time one is
 * opened). A plain click (or Enter, which clicks a link) on a picture's link opens it; a click with
 * a modifier key, or a middle click, keeps the link's own behaviour (a new tab). */
import type { ChatMessage } from '../../model/types.js';
import type { ChatBinding } from '../../core/binding.js';
import { isHttpUrl } from './media-bubble.js';
import { mediaLabel } from '../shared/media-label.js';

/** The pictures among `messages` the lightbox can show (http(s) URLs only), oldest first, with the
 * item key (`m-<rowId>`) of their bubbles, their captions and file names. */
export function picturesOf(messages: readonly ChatMessage[]): { key: string; url: string; alt: string; caption: string; fileName?: string }[] {
  return messages
    .filter((m) => m.msgType === 'image' && isHttpUrl(m.media?.url))
    .map((m) => ({ key: `m-${m.rowId}`, url: m.media!.url, alt: m.media!.fileName ?? mediaLabel('image'), caption: m.body, fileName: m.media!.fileName }));
}

/** A click listener for the thread's list: opens the clicked picture among `messages()` in a lightbox
 * in `root`. */
export function lightboxOnClick(root: () => ShadowRoot | null, messages: () => readonly ChatMessage[], rtl: () => boolean) {
  return (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a.media-open');
    const key = link?.closest('[data-key]')?.getAttribute('data-key');
    const shadow = root();
    if (!link || !key || !shadow) return;
    const pictures = picturesOf(messages());
    const index = pictures.findIndex((p) => p.key === key);
    if (index < 0) return;
    event.preventDefault();
    void import('./lightbox.js').then(
      (m) => m.openLightbox(shadow, pictures, index, () =>
        link.isConnected ? link : shadow.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] a.media-open`), rtl()),
      // The part could not be fetched (offline, a file missing beside the script): the link's own way.
      () => window.open(link.href, '_blank', 'noopener'),
    );
  };
}

/** A click listener for the header's gallery button: opens the media gallery of the thread's chat. */
export function galleryOnClick(root: () => ShadowRoot | null, binding: () => ChatBinding | undefined, chatJid: () => string | undefined, rtl: () => boolean) {
  return (event: Event): void => {
    const shadow = root();
    const b = binding();
    const jid = chatJid();
    const button = event.currentTarget as HTMLElement | null;
    if (!shadow || !b || !jid) return;
    void import('./gallery.js').then((m) => m.openGallery(shadow, b, jid, button, rtl()), (error: unknown) => console.warn('[chat-widget] could not load the gallery:', error));
  };
}
