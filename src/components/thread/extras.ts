/** What a bubble shows besides its text and file: the preview of the message it answers (XEP-0461),
 * the "Forwarded" label, the star of a favourite, the placeholder of a deleted message (XEP-0424) and
 * the reactions under it (XEP-0444). */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import { displayName, formatCount, formatTime } from '../shared/format.js';
import { mediaLabel } from '../shared/media-label.js';
import { isHttpUrl, thumbnailOf } from './media-bubble.js';
import type { ReplyOriginals } from './reply.js';
import type { ChatBinding } from '../../core/binding.js';
import { SdkError } from '../../model/errors.js';
import { emit } from '../shared/events.js';

/** What the bubbles need from their thread for these. */
export interface BubbleContext {
  /** The signed-in account's bare JID (for "You" and for my reactions). */
  readonly account: string | null;
  readonly originals: ReplyOriginals;
  /** Whether reacting is switched on (off: the counts show, the buttons do nothing). */
  readonly reactionsOn: boolean;
  /** Toggles my `emoji` on `m`. */
  react(m: ChatMessage, emoji: string): void;
  /** The message highlighted after a jump to it. */
  readonly highlighted?: string;
  /** Scrolls to the message with `msgId` and highlights it. */
  jump(msgId: string): void;
  /** Choosing messages to forward (selection.ts): while active each row is a checkbox. */
  readonly selection?: SelectionView;
}

/** What a row needs to show itself as chosen or not (selection.ts). */
export interface SelectionView {
  readonly active: boolean;
  isSelected(m: ChatMessage): boolean;
  canSelect(m: ChatMessage): boolean;
}

/** The context of `thread`'s bubbles: a reaction toggles mine through the binding's `sendReaction` (a
 * refusal is a `chat-error` event); `jump` goes to a message; `highlighted` is set by the jump. */
export function bubbleContext(thread: HTMLElement & { readonly binding?: ChatBinding }, originals: ReplyOriginals, jump: (msgId: string) => void): BubbleContext & { highlighted?: string; selection?: SelectionView } {
  return {
    get account() { return thread.binding?.account ?? null; },
    get reactionsOn() { return !!thread.binding?.features.reactions; },
    originals,
    react: (m, emoji) => void thread.binding?.sendReaction({ toJid: m.chatJid, messageId: m.msgId, emojis: toggled(m, thread.binding.account, emoji) })
      .catch((e: unknown) => e instanceof SdkError && emit(thread, 'chat-error', { statusCode: e.statusCode, message: e.message })),
    jump,
  };
}

const thumbOf = (m: ChatMessage): string | undefined =>
  (m.media && thumbnailOf(m.media)) ?? (m.msgType === 'image' && isHttpUrl(m.media?.url) ? m.media!.url : undefined);

/** The first line of a text, or the kind of a file (and its caption's first line). */
export function summaryOf(m: ChatMessage): string {
  const line = m.body.trim().split('\n', 1)[0] ?? '';
  const label = m.msgType === 'text' ? '' : mediaLabel(m.msgType, m.media?.fileName);
  return label && line ? `${label} · ${line}` : label || line;
}

/** The quoted original at the top of a reply's bubble: a button that jumps to it, or a note that it is
 * not available (gone, unknown) or deleted. */
export function renderReplyPreview(m: ChatMessage, ctx: BubbleContext | undefined) {
  if (!m.replyTo || !ctx) return nothing;
  const ref = m.replyTo;
  const original = ctx.originals.original(ref);
  const fromJid = original?.fromJid ?? ref.fromJid;
  const mine = original ? original.outgoing : !!fromJid && fromJid === ctx.account;
  const sender = mine ? msg('You') : fromJid ? displayName(fromJid) : '';
  if (!original) {
    const note = original === undefined ? '…' : msg('Original message not available');
    return html`<div class="reply missing" part="reply-preview">${sender ? html`<span class="reply-from" dir="auto">${sender}</span>` : nothing}<span class="reply-text">${note}</span></div>`;
  }
  const text = original.retracted ? msg('Original message deleted') : summaryOf(original);
  const thumb = original.retracted ? undefined : thumbOf(original);
  return html`<button type="button" class="reply" part="reply-preview" data-reply=${ref.msgId} @click=${() => ctx.jump(original.msgId)}
    ><span class="visually-hidden">${msg('In reply to')} </span><span class="reply-body"><span class="reply-from" dir="auto">${sender}</span><span class="reply-text ${original.retracted ? 'deleted' : ''}" dir="auto">${text}</span></span
    >${thumb ? html`<img class="reply-thumb" part="reply-thumb" src=${thumb} alt="" />` : nothing}</button>`;
}

export function renderForwarded(m: ChatMessage) {
  return m.forwarded && !m.retracted ? html`<span class="forwarded" part="forwarded"><span aria-hidden="true">↪</span> ${msg('Forwarded')}</span>` : nothing;
}

export function renderStar(m: ChatMessage) {
  return m.favourite && !m.retracted ? html`<span class="starred" part="star" role="img" aria-label=${msg('Starred')}>★</span> ` : nothing;
}

/** A message its sender deleted for everyone: no text, no file, no reply, only the note and the time. */
export function renderDeleted(m: ChatMessage) {
  return html`<div class="bubble deleted" part="bubble ${m.outgoing ? 'bubble-out' : 'bubble-in'} deleted"
    ><span class="text">${msg('This message was deleted')}</span><span class="meta">${formatTime(m.timestamp)}</span></div>`;
}

/** Each emoji with how many reacted with it, in the order first given; `mine` when I did. */
export function reactionCounts(m: ChatMessage, account: string | null): { emoji: string; count: number; mine: boolean }[] {
  const counts = new Map<string, { emoji: string; count: number; mine: boolean }>();
  for (const [sender, emojis] of Object.entries(m.reactions ?? {})) {
    for (const emoji of new Set(emojis)) {
      const c = counts.get(emoji) ?? { emoji, count: 0, mine: false };
      c.count++;
      c.mine ||= sender === account;
      counts.set(emoji, c);
    }
  }
  return [...counts.values()];
}

/** My reactions on `m` after toggling `emoji`. */
export function toggled(m: ChatMessage, account: string | null, emoji: string): string[] {
  const mine = (account && m.reactions?.[account]) || [];
  return mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
}

/** The row of reactions under a bubble (nothing when there are none, or the message was deleted). */
export function renderReactions(m: ChatMessage, ctx: BubbleContext | undefined) {
  const counts = m.retracted ? [] : reactionCounts(m, ctx?.account ?? null);
  if (!counts.length) return nothing;
  return html`<div class="reactions" part="reactions" role="group" aria-label=${msg('Reactions')}>${counts.map((c) => html`<button type="button"
    class="reaction" part="reaction" aria-pressed=${c.mine ? 'true' : 'false'} ?disabled=${!ctx?.reactionsOn}
    aria-label=${c.mine ? msg(str`${c.emoji} ${formatCount(c.count)}, including you`) : `${c.emoji} ${formatCount(c.count)}`}
    @click=${() => ctx?.react(m, c.emoji)}>${c.emoji} <span class="count">${formatCount(c.count)}</span></button>`)}</div>`;
}
