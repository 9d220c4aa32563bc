/** The composer's two modes besides writing a new message: answering one (a preview of the original
 * above the input; the message sent then carries `replyMessageId`, XEP-0461) and editing one of ours
 * (its text in the input under an "Editing" bar; sending corrects it, XEP-0308). Escape or × leaves
 * either; leaving an edit gives back the draft that was in the input before it. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ChatMessage } from '../../model/types.js';
import { displayName } from '../shared/format.js';
import { mediaLabel } from '../shared/media-label.js';

/** A message in one line: its text, else its kind of file ("Photo", "Document: a.pdf"). */
export function gist(m: ChatMessage): string {
  return m.body.trim() || mediaLabel(m.msgType, m.media?.fileName);
}

export class ComposeMode {
  /** The message being answered. */
  replyTo: ChatMessage | undefined;
  /** The message of ours being corrected. */
  editing: ChatMessage | undefined;
  /** The draft the input held before the edit began. */
  private keptDraft = '';

  reply(message: ChatMessage): void {
    this.replyTo = message;
  }

  /** Starts editing `message` over `draft`; returns the new draft (its text). */
  edit(message: ChatMessage, draft: string): string {
    if (!this.editing) this.keptDraft = draft;
    this.editing = message;
    this.replyTo = undefined;
    return message.body;
  }

  /** Leaves the edit; returns the draft to restore. */
  endEdit(): string {
    this.editing = undefined;
    const draft = this.keptDraft;
    this.keptDraft = '';
    return draft;
  }

  /** The bar above the input (nothing when writing a new message). */
  render(onCancel: () => void) {
    const m = this.editing ?? this.replyTo;
    if (!m) return nothing;
    const editing = m === this.editing;
    const who = editing ? msg('Editing') : m.outgoing ? msg('You') : displayName(m.fromJid);
    const label = editing ? msg('Cancel editing') : msg('Cancel the reply');
    return html`<div class="compose-bar" part="compose-bar">
      <span class="compose-bar-text"><strong dir="auto">${who}</strong><span class="compose-bar-gist" dir="auto">${gist(m)}</span></span>
      <button class="icon-button remove" part="compose-cancel" type="button" aria-label=${label} title=${label} @click=${onCancel}>×</button>
    </div>`;
  }
}
