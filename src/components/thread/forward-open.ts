/** The one door from the message menu to the forward dialog (built beside the bubbles' look): the menu
 * has already sent a `chat-forward` the host did not veto, and calls `openForward(thread, messages)`.
 * This body stands in until the dialog is merged: at merge it becomes the dialog's own
 * `openForward` (loaded on demand). Until then it says, as any failed action does, that forwarding
 * is not available. */
import type { ChatMessage } from '../../model/types.js';
import { SdkError } from '../../model/errors.js';

/** Opens the forward dialog for `messages` of the chat open in `thread` (pick targets, send). */
export async function openForward(thread: HTMLElement, messages: ChatMessage[]): Promise<void> {
  void thread;
  void messages;
  throw new SdkError(501, 'Forwarding is not available yet');
}
