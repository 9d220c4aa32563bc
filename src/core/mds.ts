/** What this account has displayed, shared by all its devices (XEP-0490 Message Displayed
 * Synchronization): a chat marked read here is published to the account's private PEP node; at each
 * new session the node's items are read back as read marks; live notifications from our other devices
 * come in through `incoming.ts`. Independent of seen status: the peer learns nothing from it. */
import { SdkError, Status } from '../model/errors.js';
import type { StoreEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import {
  buildAccountInfoRequest, buildDisplayedItemsRequest, buildDisplayedPublish, hasFeature, PUBLISH_OPTIONS_FEATURE,
  readDisplayedItems,
} from '../protocol/mds.js';
import type { Services } from './services.js';

export class DisplayedSync {
  /** The newest message displayed per chat (its sender's id) not yet published: offline, or its
   * stanza-id in our archive not known yet (it is looked up again at the next session). */
  private readonly unsent = new Map<string, string>();
  /** Whether the server honours publish-options (asked once per session). */
  private publishOptions: Promise<boolean> | null = null;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly s: Services) {}

  /** A new session (not a resumed one): the server is asked afresh. Resolves with the node's items as
   * read events, to apply once the catch-up has brought the messages they name; none when the node is
   * missing or the server refuses (an account that never published has no node). */
  async catchUp(): Promise<StoreEvent[]> {
    this.publishOptions = null;
    const account = this.s.account();
    if (!account) return [];
    try {
      const result = await this.s.xmpp.sendIq(buildDisplayedItemsRequest(newId()));
      return readDisplayedItems(result, account).map(({ chatJid, stanzaId }) => ({ kind: 'read', chatJid, stanzaId }));
    } catch (error) {
      if (!(error instanceof SdkError && error.statusCode === Status.NOT_FOUND)) {
        console.debug('[chat-widget] reading the displayed state of other devices failed:', error);
      }
      return [];
    }
  }

  /** This account displayed a peer's message (the chat's read point moved to it): our other devices
   * are told, now or once online. */
  displayed(chatJid: string, msgId: string): void {
    this.unsent.set(chatJid, msgId);
    if (this.s.xmpp.online) void this.sendUnsent();
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
    if (this.unsent.size === 0 || !account || !this.s.xmpp.online || !(await this.mayPublish(account))) return;
    const store = await this.s.store();
    for (const [chatJid, msgId] of [...this.unsent]) {
      const message = await store.findMessage(chatJid, chatJid, msgId);
      // XEP-0490 names messages by our archive's stanza-id: a message without one (the server has not
      // archived it, or its copy with the id has not come yet) waits for the next session.
      if (message && !message.stanzaId) continue;
      if (this.unsent.get(chatJid) === msgId) this.unsent.delete(chatJid);
      if (!message?.stanzaId) continue;
      await this.s.xmpp.sendIq(buildDisplayedPublish({ chatJid, stanzaId: message.stanzaId }, account, newId())).catch((error) => {
        console.warn(`[chat-widget] could not share with this account's other devices that ${chatJid} was read:`, error);
      });
    }
  }

  /** XEP-0490 §7: publish only where publish-options can keep the node private. */
  private mayPublish(account: string): Promise<boolean> {
    this.publishOptions ??= this.s.xmpp.sendIq(buildAccountInfoRequest(account, newId())).then((result) => {
      const supported = hasFeature(result, PUBLISH_OPTIONS_FEATURE);
      if (!supported) console.info('[chat-widget] the server cannot keep a private displayed-state node: read state is not shared between devices');
      return supported;
    }, () => {
      this.publishOptions = null;
      return false;
    });
    return this.publishOptions;
  }
}
