/** How a sent message's delivery status reads: one mark and the words a screen reader says, the same
 * in the list's previews and in the thread's bubbles. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { MessageStatus } from '../../model/types.js';

export interface StatusTick {
  mark: string;
  label: string;
}

/** The tick for a message I sent; nothing for a received one. */
export function statusTick(status: MessageStatus): StatusTick | undefined {
  switch (status) {
    case 'pending': return { mark: '◷', label: msg('sending', { desc: 'Delivery status of a sent message' }) };
    case 'sent': return { mark: '✓', label: msg('sent', { desc: 'Delivery status of a sent message' }) };
    case 'delivered': return { mark: '✓✓', label: msg('delivered', { desc: 'Delivery status of a sent message' }) };
    case 'seen': return { mark: '✓✓', label: msg('seen', { desc: 'Delivery status of a sent message' }) };
    case 'failed': return { mark: '⚠', label: msg('not sent', { desc: 'Delivery status of a sent message' }) };
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
