/** Forwarding messages to other chats: `openForward(thread, messages)` shows a modal dialog in the
 * thread's shadow root to pick one or several of the recent chats (with a filter) and sends copies
 * there through the binding's `forwardMessages`. The dialog's code (forward-dialog.ts) loads the first
 * time one is opened. The message menu emits `chat-forward` (cancelable) before calling this. */
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';

/** Opens the forward dialog for `messages` (all of one chat) in `host`'s shadow root (else in `host`);
 * focus goes back to what had it when the dialog closes. Does nothing without a binding or messages. */
export function openForward(host: HTMLElement & { binding?: ChatBinding }, messages: ChatMessage[]): void {
  const binding = host.binding;
  if (!binding || messages.length === 0) return;
  const root = host.shadowRoot ?? host;
  const opener = (host.shadowRoot?.activeElement ?? document.activeElement) as HTMLElement | null;
  import('./forward-dialog.js').then(
    (m) => void m.showForward(root, binding, messages, opener),
    (error: unknown) => console.warn('[chat-widget] could not load the forward dialog:', error),
  );
}
