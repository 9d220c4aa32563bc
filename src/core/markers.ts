/** Receipts and markers we send: XEP-0184 delivery receipts for what reaches this account, and
 * XEP-0333 `displayed` for what the user has seen (queued while offline, sent on reconnect). What the
 * user has seen is also shared with the account's other devices (`displayed`, see mds.ts). */
import { badRequest, notFound } from '../model/errors.js';
import { newId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import { buildDisplayed } from '../protocol/markers.js';
import { buildReceipt } from '../protocol/receipts.js';
import { requireFeature, type Services } from './services.js';

/** How far back, in messages, a read that lands on a message without `<markable/>` looks for one. */
const MARKABLE_LOOKBACK = 50;

export class Markers {
  constructor(
    private readonly s: Services,
    /** The chat's read point moved to this message of the peer's: the account's other devices are told. */
    private readonly displayed: (chatJid: string, msgId: string) => void,
  ) {}

  /** Acknowledges a message's delivery (unless the deployment switched receipts off). */
  sendReceipt(to: string, id: string): void {
    if (this.s.features.deliveryReceipts) this.s.xmpp.send(buildReceipt(to, id, newId()));
  }

  /** The reference's `sendSeenStatus`: marks a peer's message (and every earlier one) seen and tells
   * the peer. 403 when seen status is switched off, 404 for a message that chat never received. */
  async sendSeen(toUserJid: string, msgId: string): Promise<void> {
    requireFeature(this.s.features, 'seenStatus', 'Seen status');
    await this.markRead(toUserJid, msgId);
  }

  /** The user saw a peer's message: the chat is read up to it on this account (unread counts, badges),
   * the account's other devices are told (XEP-0490), and the peer is told unless the deployment switched
   * seen status off. 404 for an unknown message. */
  async markRead(toUserJid: string, msgId: string): Promise<void> {
    const store = await this.s.store();
    const chatJid = requireJid(toUserJid, 'toUserJid');
    if (typeof msgId !== 'string' || msgId === '') throw badRequest('messageId is required');
    const message = await store.findMessage(chatJid, chatJid, msgId);
    if (!message) throw notFound(`No message "${msgId}" from ${chatJid} is known`);
    const before = store.recentChat(chatJid)?.lastReadRowId;
    await this.s.apply([{ kind: 'read', chatJid, peerMsgId: msgId }], false);
    // Only a step forward is shared: an older message read again would move the shared state back.
    if (store.recentChat(chatJid)?.lastReadRowId !== before) this.displayed(chatJid, msgId);
    if (!this.s.features.seenStatus) return;
    // XEP-0333: only a message that asked for markers is marked; a marker covers the earlier ones too,
    // so the newest markable message read now (after the previous read point) is the one named.
    const markable = message.markable ? message
      : (await store.before(chatJid, message.rowId, MARKABLE_LOOKBACK)).reverse()
        .find((m) => !m.outgoing && m.markable && (before === undefined || m.rowId > before));
    if (!markable) return;
    if (this.s.xmpp.online) this.s.xmpp.send(buildDisplayed(chatJid, markable.msgId, newId()));
    else store.sync.holdRead('marker', chatJid, markable.msgId);
  }

  /** A session is up: the markers that waited (also from before a reload) go out. */
  async sendUnsent(): Promise<void> {
    const store = await this.s.store();
    for (const [chatJid, msgId] of store.sync.heldReads('marker')) {
      this.s.xmpp.send(buildDisplayed(chatJid, msgId, newId()));
      store.sync.releaseRead('marker', chatJid, msgId);
    }
  }
}
