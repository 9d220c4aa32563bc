/** Browser notifications through the Notification API: what `showChatNotification` and the launcher's
 * automatic notifications (components/shared/notifier.ts) both show. Loaded on first use.
 *
 * Never asks for permission: that is for a user gesture (the list's bell). Everything given is shown
 * as plain text by the browser (the Notification API renders no markup), kept short. */
import { badRequest, forbidden, unavailable } from '../model/errors.js';
import type { FeatureFlags } from '../model/types.js';

/** The reference's notification object. */
export interface ChatNotification {
  /** The first line (e.g. the sender's name); at most 64 characters are shown. */
  title: string;
  /** The text (e.g. a preview of the message); at most 120 characters are shown. */
  body?: string;
  /** An image URL shown beside it. */
  icon?: string;
  /** Notifications with the same tag replace each other (e.g. the chat's JID: one per chat). */
  tag?: string;
  /** Called when the user clicks it (the page is brought forward and the notification closed first). */
  onClick?: () => void;
}

/** `text` cut to `max` characters (whole code points), with "…" when it was longer; one line. */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Shows `n`. Throws an SdkError: 403 the `notifications` feature is off, or the user has not granted
 * permission (the message says which); 503 this browser has no Notification API; 400 no title. */
export function showNotification(features: Readonly<Required<FeatureFlags>>, n: ChatNotification): Notification {
  if (!features.notifications) throw forbidden('Notifications are not available: the "notifications" feature is switched off for this chat');
  const api = (globalThis as { Notification?: typeof Notification }).Notification;
  if (!api) throw unavailable('This browser has no Notification API');
  if (api.permission !== 'granted') {
    throw forbidden(`Notification permission is ${api.permission === 'denied' ? 'blocked' : 'not granted yet'}: ask with Notification.requestPermission() after a user gesture (the list's bell)`);
  }
  if (!n || typeof n.title !== 'string' || !n.title.trim()) throw badRequest('showChatNotification needs {title}');
  const shown = new api(shorten(n.title, 64), {
    body: shorten(String(n.body ?? ''), 120),
    ...(n.icon ? { icon: String(n.icon) } : {}),
    ...(n.tag ? { tag: String(n.tag) } : {}),
  });
  shown.onclick = () => {
    window.focus();
    shown.close();
    n.onClick?.();
  };
  return shown;
}
