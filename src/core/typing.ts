/** XEP-0085 typing, both ways: what we announce while the user types (composing, then gone after a
 * quiet spell), and the peer's state we show (expiring when they go silent). */
import { unauthorized } from '../model/errors.js';
import { newId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { TypingState } from '../model/types.js';
import { buildChatState } from '../protocol/chat-states.js';
import { requireFeature, type Services } from './services.js';

export class Typing {
  private readonly sent = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly shown = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly peersTyping = new Set<string>();

  constructor(private readonly s: Services) {}

  /** Call on keystrokes: composing goes out at once, then at most every half quiet period; gone follows
   * by itself after `typingQuietMs` without keystrokes. 401 while offline, 403 when switched off. */
  async sendTyping(toJid: string): Promise<void> {
    requireFeature(this.s.features, 'typing', 'Typing status');
    await this.s.store();
    const chatJid = requireJid(toJid, 'toJid');
    if (!this.s.xmpp.online) throw unauthorized('Not connected: typing status needs a live connection');
    const previous = this.sent.get(chatJid);
    clearTimeout(previous?.timer);
    const now = Date.now();
    const resend = !previous || now - previous.at > this.s.options.typingQuietMs / 2;
    if (resend) this.s.xmpp.send(buildChatState(chatJid, 'composing', newId()));
    this.sent.set(chatJid, {
      at: resend ? now : previous!.at,
      timer: setTimeout(() => void this.sendTypingGone(chatJid).catch(() => undefined), this.s.options.typingQuietMs),
    });
  }

  async sendTypingGone(toJid: string): Promise<void> {
    requireFeature(this.s.features, 'typing', 'Typing status');
    await this.s.store();
    const chatJid = requireJid(toJid, 'toJid');
    this.clearOwn(chatJid);
    if (!this.s.xmpp.online) throw unauthorized('Not connected: typing status needs a live connection');
    this.s.xmpp.send(buildChatState(chatJid, 'gone', newId()));
  }

  /** The user sent a message: no "gone" needs to follow (the message ends the typing). */
  clearOwn(chatJid: string): void {
    clearTimeout(this.sent.get(chatJid)?.timer);
    this.sent.delete(chatJid);
  }

  /** The peer's chat state arrived (or a message, which ends their typing). */
  show(chatJid: string, state: TypingState): void {
    clearTimeout(this.shown.get(chatJid));
    this.shown.delete(chatJid);
    if (state === 'composing') {
      this.shown.set(chatJid, setTimeout(() => this.show(chatJid, 'paused'), this.s.options.typingExpiryMs));
      this.peersTyping.add(chatJid);
    } else if (!this.peersTyping.delete(chatJid)) {
      return;
    }
    void this.s.apply([{ kind: 'typing', chatJid, state }], false).catch(() => undefined);
    this.s.events.emit('typing', { fromJid: chatJid, state });
  }

  stop(): void {
    for (const { timer } of this.sent.values()) clearTimeout(timer);
    this.sent.clear();
  }
}
