/** How a sent message's delivery status reads: one mark and the words a screen reader says, the same
 * in the list's previews and in the thread's bubbles. */
import { html, nothing } from 'lit';
import type { MessageStatus } from '../../model/types.js';

export interface StatusTick {
  mark: string;
  label: string;
}

/** The tick for a message I sent; nothing for a received one. */
export function statusTick(status: MessageStatus): StatusTick | undefined {
  switch (status) {
    case 'pending': return { mark: '◷', label: 'sending' };
    case 'sent': return { mark: '✓', label: 'sent' };
    case 'delivered': return { mark: '✓✓', label: 'delivered' };
    case 'seen': return { mark: '✓✓', label: 'seen' };
    case 'failed': return { mark: '⚠', label: 'not sent' };
    case 'received': return undefined;
  }
}

/** The tick as an image with its label (`.tick` and the status as classes, for colours). */
export function renderTick(status: MessageStatus) {
  const tick = statusTick(status);
  return tick
    ? html`<span class="tick ${status}" role="img" title=${tick.label} aria-label=${tick.label}>${tick.mark}</span>`
    : nothing;
}
