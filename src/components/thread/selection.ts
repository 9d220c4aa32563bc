/** Selecting messages to forward several at once (issue 9). "Select" on a message's menu starts it with
 * that message chosen; every message row then is a checkbox (`role="checkbox"`, `aria-checked`; its
 * contents inert) that a click, or Space or Enter on the focused row, toggles; a bar replaces the
 * composer with the count, "Forward" (disabled at 0) and "Cancel" (also Escape). Forward sends the
 * cancelable `chat-forward` with the chosen messages in chat order, then opens the forward dialog
 * (forward.ts). A deleted (retracted) message, or one of ours not yet sent or uploaded, cannot be chosen.
 * Leaving the chat, forwarding or cancelling ends it. */
import { html, nothing, type ReactiveController } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import { emit } from '../shared/events.js';
import { formatCount } from '../shared/format.js';
import type { ComposerHost } from './composer.js';
import type { MessageMenu } from './menu.js';
import type { SelectionView } from './extras.js';
import { openForward } from './forward.js';

/** Whether `m` can be chosen (and forwarded): not deleted, and sent (an upload of ours is finished). */
export const selectable = (m: ChatMessage): boolean => !m.retracted && m.status !== 'pending' && m.status !== 'failed';

export class Selection implements ReactiveController, SelectionView {
  /** The chat being selected in; undefined: not selecting. */
  private chat: string | undefined;
  /** The chosen messages' ids. */
  private readonly ids = new Set<string>();

  /** `bubbles`: the bubbles' context, which gets this as its `selection`; `messages`: the chat's open
   * window, oldest first; `rerender`: renders the bubbles on screen again. */
  constructor(private readonly host: ComposerHost, menu: MessageMenu, bubbles: { selection?: SelectionView },
    private readonly window: () => readonly ChatMessage[], private readonly rerender: () => void) {
    host.addController(this);
    menu.selection = this;
    bubbles.selection = this;
  }

  get active(): boolean {
    return this.chat !== undefined;
  }

  isSelected(m: ChatMessage): boolean {
    return this.ids.has(m.msgId) && selectable(m);
  }

  canSelect(m: ChatMessage): boolean {
    return selectable(m);
  }

  /** The chosen messages, in chat order (oldest first). */
  get messages(): ChatMessage[] {
    return this.active ? this.window().filter((m) => this.isSelected(m)) : [];
  }

  /** Starts selecting in `m`'s chat with `m` chosen (when it can be). */
  start(m: ChatMessage): void {
    this.chat = m.chatJid;
    this.ids.clear();
    if (selectable(m)) this.ids.add(m.msgId);
    this.changed();
  }

  /** Chooses `m`, or takes it back; nothing when not selecting or `m` cannot be chosen. */
  toggle(m: ChatMessage): void {
    if (!this.active || !selectable(m)) return;
    if (!this.ids.delete(m.msgId)) this.ids.add(m.msgId);
    this.changed();
  }

  /** Stops selecting. */
  end(): void {
    if (!this.active) return;
    this.chat = undefined;
    this.ids.clear();
    this.changed();
  }

  private changed(): void {
    this.rerender();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.host.addEventListener('click', this.onClick);
    this.host.addEventListener('keydown', this.onKeydown, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('click', this.onClick);
    this.host.removeEventListener('keydown', this.onKeydown, true);
    this.end();
  }

  /** Another chat opened: selecting ends (before it renders). */
  hostUpdate(): void {
    if (this.active && this.host.chatJid !== this.chat) this.end();
  }

  /** The message of the row an event happened in. */
  private messageOf(event: Event): ChatMessage | undefined {
    const row = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('row') && !!n.dataset.key);
    return row && this.window().find((m) => `m-${m.rowId}` === row.dataset.key);
  }

  private readonly onClick = (event: MouseEvent) => {
    const m = this.active ? this.messageOf(event) : undefined;
    if (m) this.toggle(m);
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (!this.active) return;
    const target = event.composedPath()[0] as HTMLElement;
    if (event.key === 'Escape' && !target.closest?.('dialog')) {
      event.preventDefault();
      event.stopPropagation();
      void this.cancel(target.classList?.contains('row'));
      return;
    }
    if ((event.key === ' ' || event.key === 'Enter') && target.classList?.contains('row')) {
      // Not the menu (Enter) nor a scroll (Space).
      event.preventDefault();
      event.stopPropagation();
      const m = this.messageOf(event);
      if (m) this.toggle(m);
    }
  };

  /** Ends selecting; the composer takes the focus unless it stays on a message (`keepFocus`). */
  private async cancel(keepFocus = false): Promise<void> {
    this.end();
    await this.host.updateComplete;
    if (!keepFocus) this.host.focus();
  }

  /** Ends selecting and forwards the chosen messages: `chat-forward` first (a host may veto it). */
  private async forward(): Promise<void> {
    const messages = this.messages;
    const fromJid = this.chat;
    if (!fromJid || messages.length === 0) return;
    await this.cancel();
    if (!emit(this.host, 'chat-forward', { fromJid, messages }, { cancelable: true }).defaultPrevented) openForward(this.host, messages);
  }

  /** The bar shown instead of the composer while selecting. */
  render() {
    if (!this.active) return nothing;
    const n = this.messages.length;
    return html`<div class="selection-bar" part="selection-bar" role="group" aria-label=${msg('Selected messages')}>
      <button type="button" class="secondary selection-cancel" part="selection-cancel" @click=${() => this.cancel()}>${msg('Cancel')}</button>
      <span class="selection-count" part="selection-count" role="status">${msg(str`${formatCount(n)} selected`)}</span>
      <button type="button" class="primary selection-forward" part="selection-forward" ?disabled=${n === 0} @click=${() => this.forward()}>${msg('Forward')}</button>
    </div>`;
  }
}
