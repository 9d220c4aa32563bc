/** What the thread's scroller shows, item by item: day separators and message bubbles. A message kind
 * with a look of its own (image, audio, video, document) shows its file (media-bubble.ts) above its caption. */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import { dayKey, formatDay, formatTime } from '../shared/format.js';
import { renderTick } from '../shared/status.js';
import { renderMedia } from './media-bubble.js';
import { renderUploadControls, type Uploads } from './uploads.js';
import type { SealedFiles } from './sealed.js';
import { renderDeleted, renderForwarded, renderReactions, renderReplyPreview, renderStar, summaryOf, type BubbleContext } from './extras.js';

/** The thread's file helpers: our uploads (progress, cancel, retry) and received encrypted files. */
export interface ThreadFiles {
  readonly uploads: Uploads;
  readonly sealed: SealedFiles;
}

export type Item =
  | { kind: 'day'; key: string; at: number }
  | { kind: 'msg'; key: string; message: ChatMessage; first: boolean; last: boolean };

/** `files`: none gives no upload controls and no decrypting. `ctx`: none gives no reply previews and
 * reactions that do nothing. `tabStop`: the key of the one message in the tab order (the others take
 * focus from the keyboard model, menu-triggers.ts); none: no menu. A row is its bubble's line (the
 * bubble, and its menu button beside it, vertically centred) above the reactions. */
export function renderItem(item: Item, files?: ThreadFiles, ctx?: BubbleContext, tabStop?: string) {
  if (item.kind === 'day') {
    return html`<div class="day" part="day" data-key=${item.key} role="separator"><span>${formatDay(item.at)}</span></div>`;
  }
  const m = item.message;
  const sel = ctx?.selection?.active ? ctx.selection : undefined;
  const chosen = !!sel?.isSelected(m);
  const body = html`<div class="line">${m.retracted ? renderDeleted(m) : textBubble(m, files, ctx)}${tabStop === undefined || sel ? nothing : html`<button class="menu-button" part="menu-button" type="button" tabindex="-1"
      aria-haspopup="menu" aria-label=${msg('Message actions')} title=${msg('Message actions')}>⋯</button>`}</div>${renderReactions(m, ctx)}`;
  // While messages are chosen (selection.ts) the row is a checkbox; its contents are inert.
  return html`<div class="row ${m.outgoing ? 'out' : 'in'} ${m.status} ${item.first ? 'first' : ''} ${item.last ? 'last' : ''} ${ctx?.highlighted === m.msgId ? 'highlight' : ''} ${sel ? 'selecting' : ''} ${chosen ? 'selected' : ''}" data-key=${item.key}
    tabindex=${tabStop === undefined ? nothing : item.key === tabStop ? '0' : '-1'} role=${sel ? 'checkbox' : nothing} aria-checked=${sel ? String(chosen) : nothing}
    aria-disabled=${sel && !sel.canSelect(m) ? 'true' : nothing} aria-label=${sel ? `${m.retracted ? msg('This message was deleted') : summaryOf(m)}, ${formatTime(m.timestamp)}` : nothing}>
    ${sel ? html`<span class="select-mark" part="select-mark" aria-hidden="true"></span><div class="select-body" inert>${body}</div>` : body}
  </div>`;
}

/** The text takes its own direction (`dir="auto"`): an Arabic message in an English thread reads right
 * to left, and the other way round; the bubble itself stays on the side of the thread's direction. */
function textBubble(m: ChatMessage, files: ThreadFiles | undefined, ctx: BubbleContext | undefined) {
  const media = m.msgType !== 'text' && m.media;
  return html`<div class="bubble ${media ? 'has-media' : ''}" part="bubble ${m.outgoing ? 'bubble-out' : 'bubble-in'}">${renderForwarded(m)}${renderReplyPreview(m, ctx)}${media ? renderMedia(m, files?.sealed) : nothing}${
    !media || m.body.trim() ? html`<div class="text ${media ? 'caption' : ''}" part=${media ? 'caption' : nothing} dir="auto">${m.body}</div>` : nothing}<span
      class="meta">${renderStar(m)}${m.editedAt !== undefined ? html`<span class="edited" part="edited">${msg('edited')}</span> ` : nothing}${formatTime(m.timestamp)}${m.outgoing ? html` ${renderTick(m.status)}` : nothing}</span
    >${m.status === 'failed'
      ? html`<span class="error" part="error">${msg(str`Not delivered: ${m.error ?? msg('refused by the server')}`)}</span>`
      : nothing}${renderUploadControls(m, files?.uploads)}</div>`;
}

/** The scroller's items for a window of messages: a separator where the day changes, and each
 * message marked as the first of a run from one side (a new side, or five minutes apart). */
export function itemsOf(messages: readonly ChatMessage[]): Item[] {
  const items: Item[] = [];
  let day = '';
  let previous: ChatMessage | undefined;
  for (const m of messages) {
    const key = dayKey(m.timestamp);
    if (key !== day) {
      day = key;
      items.push({ kind: 'day', key: `day-${key}-${m.rowId}`, at: m.timestamp });
      previous = undefined;
    }
    const first = !previous || previous.outgoing !== m.outgoing || m.timestamp - previous.timestamp > 5 * 60_000;
    items.push({ kind: 'msg', key: `m-${m.rowId}`, message: m, first, last: m === messages[messages.length - 1] });
    previous = m;
  }
  return items;
}

/** The messages among `items` from `visible.first` to `visible.last`, newest first (none while the chat
 * is opening: `settled` false). */
export function* messagesIn(items: readonly Item[], visible: { first: number; last: number }, settled: boolean): Generator<ChatMessage> {
  if (!settled || visible.last < 0) return;
  for (let i = Math.min(visible.last, items.length - 1); i >= Math.max(visible.first, 0); i--) {
    const item = items[i];
    if (item.kind === 'msg') yield item.message;
  }
}
