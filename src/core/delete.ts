/** Deleting messages (loaded on first use): for this account only ("delete for me": hidden on every
 * device of the account through its private storage, XEP-0223), or for everyone (XEP-0424 retraction of
 * our own messages). Both take effect here at once; what the server must hear is kept with the cache
 * until it is sent (offline, or across a reload), so a message deleted offline does not come back. */
import { badRequest, notFound } from '../model/errors.js';
import { newId } from '../model/ids.js';
import { requireJid } from '../model/jid.js';
import type { DeleteParams } from '../model/params.js';
import type { ChatMessage } from '../model/types.js';
import { NS_HIDDEN } from '../protocol/hidden-messages.js';
import { hiddenItemId, hiddenPayload } from '../protocol/hidden-messages-send.js';
import { buildRetraction } from '../protocol/retraction-send.js';
import type { HeldRemoval } from '../store/sync-state.js';
import type { PrivateStorage } from './private-storage.js';
import { requireFeature, type Services } from './services.js';

export class Deleter {
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly s: Services, private readonly storage: PrivateStorage) {}

  /** Hides the messages for this account: gone from the chat, the media list, favourites and the
   * preview, here and on its other devices (now, or once online). 400 bad parameters, 403 feature off,
   * 404 an id not in the chat (nothing is deleted then); once online, the server's refusal to keep
   * private data (503) is answered, the messages staying hidden here. */
  async forMe(params: DeleteParams): Promise<void> {
    const { chatJid, messages } = await this.resolve(params);
    const held: HeldRemoval[] = messages.map((m) => ({ kind: 'hide', chatJid, fromJid: m.fromJid, msgId: m.msgId, ...(m.stanzaId ? { stanzaId: m.stanzaId } : {}) }));
    await this.apply(held, [{ kind: 'hide', chatJid, refs: held.map(({ kind: _k, chatJid: _c, ...ref }) => ref) }]);
  }

  /** Retracts our messages (XEP-0424): emptied here and, once the retraction reaches them, at the peer
   * and on all devices. 400 bad parameters or a message this account did not send, 403, 404. */
  async forEveryone(params: DeleteParams): Promise<void> {
    const { chatJid, messages } = await this.resolve(params, true);
    const account = this.s.account()!;
    const held: HeldRemoval[] = messages.map((m) => ({ kind: 'retract', chatJid, fromJid: account, msgId: m.originId ?? m.msgId }));
    await this.apply(held, held.map((r) => ({ kind: 'retraction', chatJid, fromJid: account, targetId: r.msgId })));
  }

  private async apply(held: HeldRemoval[], events: Parameters<Services['apply']>[0]): Promise<void> {
    (await this.s.store()).sync.holdRemovals(held);
    await this.s.apply(events, false);
    if (this.s.xmpp.online) await this.sendUnsent(true);
  }

  /** Tells the server what waits, in order; `strict`: a failure is answered (else kept for later). */
  sendUnsent(strict = false): Promise<void> {
    const run = this.sending.then(() => this.send());
    this.sending = run.catch((error) => console.warn('[chat-widget] could not tell the server about deleted messages:', error));
    return strict ? run : this.sending;
  }

  private async send(): Promise<void> {
    const sync = (await this.s.store()).sync;
    for (const r of sync.heldRemovals) {
      if (!this.s.xmpp.online) return;
      if (r.kind === 'retract') this.s.xmpp.send(buildRetraction(r.chatJid, r.msgId, newId()));
      else await this.storage.publish(NS_HIDDEN, hiddenItemId(r), hiddenPayload(r));
      sync.releaseRemoval(r);
    }
  }

  /** The messages named (the newest with each id, ours first for `own`). */
  private async resolve(params: DeleteParams, own = false): Promise<{ chatJid: string; messages: ChatMessage[] }> {
    requireFeature(this.s.features, 'deleteMessage', 'Deleting messages');
    if (!params || typeof params !== 'object') throw badRequest('Pass {toJid, messageIds}');
    const chatJid = requireJid(params.toJid, 'toJid');
    const ids = params.messageIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
      throw badRequest('messageIds must be a non-empty array of message ids');
    }
    const store = await this.s.store();
    const account = this.s.account()!;
    const messages: ChatMessage[] = [];
    for (const id of new Set(ids)) {
      const [mine, theirs] = await Promise.all([store.findMessage(chatJid, account, id), store.findMessage(chatJid, chatJid, id)]);
      const found = [mine, theirs].filter((m) => m && !m.hidden).sort((a, b) => (own ? 0 : b!.rowId - a!.rowId))[0];
      if (!found) throw notFound(`No message "${id}" in the chat with ${chatJid}`);
      if (own && !found.outgoing) throw badRequest(`Message "${id}" was not sent by this account: only your own messages can be deleted for everyone`);
      messages.push(found);
    }
    return { chatJid, messages };
  }
}
