/** What this account has displayed, shared by all its devices (XEP-0490 Message Displayed
 * Synchronization): a chat marked read here is published to the account's private PEP node; at each
 * new session the node's items are read back as read marks; live notifications from our other devices
 * come in through `incoming.ts`. Independent of seen status: the peer learns nothing from it. */
import type { StoreEvent } from '../model/events.js';
import { displayedPayload, readDisplayedMarks } from '../protocol/mds.js';
import { NS } from '../protocol/ns.js';
import type { PrivateStorage } from './private-storage.js';
import type { Services } from './services.js';

export class DisplayedSync {
  private sending: Promise<void> = Promise.resolve();
  /** Whether the console was told that the server cannot keep the node private. */
  private told = false;

  constructor(private readonly s: Services, private readonly storage: PrivateStorage) {}

  /** A new session (not a resumed one): the server is asked afresh. Resolves with the node's items as
   * read events, to apply once the catch-up has brought the messages they name; none when the node is
   * missing or the server refuses (an account that never published has no node). */
  async catchUp(): Promise<StoreEvent[]> {
    const account = this.s.account();
    if (!account) return [];
    try {
      const marks = readDisplayedMarks(await this.storage.items(NS.MDS), account);
      return marks.map(({ chatJid, stanzaId }) => ({ kind: 'read', chatJid, stanzaId }));
    } catch (error) {
      console.debug('[chat-widget] reading the displayed state of other devices failed:', error);
      return [];
    }
  }

  /** This account displayed a peer's message (the chat's read point moved to it): our other devices
   * are told, now or once online. */
  async displayed(chatJid: string, msgId: string): Promise<void> {
    // Held with the cache until published: offline, before a reload, or while its stanza-id in our
    // archive is not known yet (looked up again at the next session).
    (await this.s.store()).sync.holdRead('mds', chatJid, msgId);
    if (this.s.xmpp.online) await this.sendUnsent();
  }

  /** Publishes what waits, one at a time, in order (a later mark never overtaken by an earlier one). */
  sendUnsent(): Promise<void> {
    this.sending = this.sending.then(() => this.publishWaiting()).catch((error) => {
      console.debug('[chat-widget] publishing the displayed state failed:', error);
    });
    return this.sending;
  }

  private async publishWaiting(): Promise<void> {
    const account = this.s.account();
    const store = await this.s.store();
    const waiting = store.sync.heldReads('mds');
    if (waiting.size === 0 || !account || !this.s.xmpp.online || !(await this.mayPublish())) return;
    for (const [chatJid, msgId] of waiting) {
      const message = await store.findMessage(chatJid, chatJid, msgId);
      // XEP-0490 names messages by our archive's stanza-id: a message without one (the server has not
      // archived it, or its copy with the id has not come yet) waits for the next session.
      if (message && !message.stanzaId) continue;
      if (message?.stanzaId) {
        try {
          await this.storage.publish(NS.MDS, chatJid, displayedPayload(message.stanzaId, account));
        } catch (error) {
          console.warn(`[chat-widget] could not share with this account's other devices that ${chatJid} was read:`, error);
          if (!this.s.xmpp.online) return; // kept for the next session
        }
      }
      store.sync.releaseRead('mds', chatJid, msgId);
    }
  }

  /** XEP-0490 §7: publish only where publish-options can keep the node private. */
  private async mayPublish(): Promise<boolean> {
    const supported = await this.storage.mayPublish();
    if (!supported && !this.told) console.info('[chat-widget] the server cannot keep a private displayed-state node: read state is not shared between devices');
    this.told = true;
    return supported;
  }
}
