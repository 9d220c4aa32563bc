/** The originals that reply previews show (XEP-0461): a message in the thread's open window is read
 * from there (always its latest state: edited, retracted); any other is asked of the binding once per
 * thread (`replyMessage`: the cache, else the server archive) and remembered, found or not. */
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage, ReplyRef } from '../../model/types.js';

/** What a preview knows of its original: the message, `null` when it is gone or unknown, `undefined`
 * while it is being looked up. */
export type Original = ChatMessage | null | undefined;

export class ReplyOriginals {
  private readonly known = new Map<string, ChatMessage | null>();
  private readonly asking = new Set<string>();
  private generation = 0;
  private notifying = false;

  /** `changed`: called (once per burst) when looked-up originals arrived, so the bubbles re-render. */
  constructor(
    private readonly binding: () => ChatBinding | undefined,
    private readonly chatJid: () => string | undefined,
    private readonly window: () => readonly ChatMessage[],
    private readonly changed: () => void,
  ) {}

  /** Forgets every looked-up original (another chat opened). */
  reset(): void {
    this.known.clear();
    this.asking.clear();
    this.generation++;
  }

  /** The original `ref` points to, starting a look-up when it is neither in the window nor known. */
  original(ref: ReplyRef): Original {
    const open = this.window();
    for (let i = open.length - 1; i >= 0; i--) if (open[i].msgId === ref.msgId) return open[i];
    if (this.known.has(ref.msgId)) return this.known.get(ref.msgId);
    void this.lookUp(ref.msgId);
    return undefined;
  }

  private async lookUp(msgId: string): Promise<void> {
    const binding = this.binding();
    const toJid = this.chatJid();
    if (!binding || !toJid || this.asking.has(msgId)) return;
    this.asking.add(msgId);
    const generation = this.generation;
    let found: ChatMessage | null = null;
    try {
      found = await binding.replyMessage({ toJid, replyMessageId: msgId });
    } catch {
      // Switched off, signed out, the archive unreachable: the preview says the original is not available.
    }
    if (generation !== this.generation) return;
    this.asking.delete(msgId);
    this.known.set(msgId, found ?? null);
    if (this.notifying) return;
    this.notifying = true;
    queueMicrotask(() => {
      this.notifying = false;
      this.changed();
    });
  }
}
