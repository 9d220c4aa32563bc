/** What the thread's scroller shows, item by item: day separators and message bubbles. A message kind
 * with a look of its own (image, file, ...) gets its own renderer here; today every kind shows its text. */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import { formatDay, formatTime } from '../shared/format.js';
import { renderTick } from '../shared/status.js';

export type Item =
  | { kind: 'day'; key: string; at: number }
  | { kind: 'msg'; key: string; message: ChatMessage; first: boolean; last: boolean };

export function renderItem(item: Item) {
  if (item.kind === 'day') {
    return html`<div class="day" part="day" data-key=${item.key} role="separator"><span>${formatDay(item.at)}</span></div>`;
  }
  const m = item.message;
  return html`<div class="row ${m.outgoing ? 'out' : 'in'} ${m.status} ${item.first ? 'first' : ''} ${item.last ? 'last' : ''}" data-key=${item.key}>
    ${textBubble(m)}
  </div>`;
}

/** The text takes its own direction (`dir="auto"`): an Arabic message in an English thread reads right
 * to left, and the other way round; the bubble itself stays on the side of the thread's direction. */
function textBubble(m: ChatMessage) {
  return html`<div class="bubble" part="bubble ${m.outgoing ? 'bubble-out' : 'bubble-in'}"><div class="text" dir="auto">${m.body}</div><span
      class="meta">${formatTime(m.timestamp)}${m.outgoing ? html` ${renderTick(m.status)}` : nothing}</span
    >${m.status === 'failed'
      ? html`<span class="error" part="error">${msg(str`Not delivered: ${m.error ?? msg('refused by the server')}`)}</span>`
      : nothing}</div>`;
}
