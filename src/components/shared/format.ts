/** How people, times and days read in the UI; dates and times in the active locale (localize.ts). */
import { msg } from '@lit/localize';
import { localpart, unescapeNode } from '../../model/jid.js';
import { dateLocale } from './localize.js';

export function displayName(jid: string): string {
  const local = localpart(jid);
  return local ? unescapeNode(local) : jid;
}

export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [[...words[0]][0]] : [[...words[0]][0], [...words[1]][0]];
  return letters.join('').toUpperCase();
}

/** A stable hue per person, so avatars are told apart at a glance. */
export function hueOf(jid: string): number {
  let hash = 0;
  for (let i = 0; i < jid.length; i++) hash = (hash * 31 + jid.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

/** Formatters for the active locale (made once per locale and kind). */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: 'time' | 'date' | 'day', ms: number): string {
  const locale = dateLocale();
  const key = `${kind} ${locale ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = kind === 'time' ? { hour: 'numeric', minute: '2-digit' }
      : kind === 'date' ? { day: 'numeric', month: 'short' }
      : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  }
  return f.format(ms);
}

/** Makes the formatters ahead of need, one per idle moment: a browser's first Intl formatter costs
 * tens of milliseconds (locale data), which would otherwise delay the first message shown. */
let warmed = false;
export function warmFormats(): void {
  if (warmed) return;
  warmed = true;
  const kinds = ['time', 'day', 'date'] as const;
  const idle = (work: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 2000 }) : setTimeout(work, 50));
  const next = (i: number) => {
    if (i < kinds.length) idle(() => {
      format(kinds[i], 0);
      next(i + 1);
    });
    else idle(() => formatCount(0));
  };
  next(0);
}

/** A count (unread, new) in the active locale's digits, capped: "99+". */
export function formatCount(n: number, cap = Infinity): string {
  const locale = dateLocale();
  const key = `count ${locale ?? ''}`;
  let f = counts.get(key);
  if (!f) counts.set(key, (f = new Intl.NumberFormat(locale)));
  return n > cap ? `${f.format(cap)}+` : f.format(n);
}
const counts = new Map<string, Intl.NumberFormat>();

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function formatTime(ms: number): string {
  return format('time', ms);
}

/** Today: the time; otherwise the date. */
export function formatShort(ms: number, now = Date.now()): string {
  return format(dayKey(ms) === dayKey(now) ? 'time' : 'date', ms);
}

export function formatDay(ms: number, now = Date.now()): string {
  if (dayKey(ms) === dayKey(now)) return msg('Today');
  if (dayKey(ms) === dayKey(now - 86400000)) return msg('Yesterday');
  return format('day', ms);
}
