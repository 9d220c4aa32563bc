/** How people, times and days read in the UI. */
import { localpart, unescapeNode } from '../../model/jid.js';

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

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function formatTime(ms: number): string {
  return timeFormat.format(ms);
}

/** Today: the time; otherwise the date. */
export function formatShort(ms: number, now = Date.now()): string {
  return dayKey(ms) === dayKey(now) ? timeFormat.format(ms) : dateFormat.format(ms);
}

export function formatDay(ms: number, now = Date.now()): string {
  if (dayKey(ms) === dayKey(now)) return 'Today';
  if (dayKey(ms) === dayKey(now - 86400000)) return 'Yesterday';
  return dayFormat.format(ms);
}
