/** What this client says about itself: its initial presence with XEP-0115 caps, and the answers to
 * requests addressed to it (XEP-0030 disco#info behind the caps, XEP-0199 ping; anything else is not
 * implemented). The caps' `+notify` feature is what makes the server send us our own account's
 * displayed-state notifications (XEP-0490 over XEP-0163 PEP) and those of messages it hid. */
import { $pres, type Builder } from 'strophe.js';
import type { FeatureFlags } from '../model/types.js';
import { addCaps, buildDiscoInfoReply, capabilities, isDiscoInfoGet, type Capabilities } from '../protocol/caps.js';
import { NS } from '../protocol/ns.js';
import { NS_HIDDEN } from '../protocol/hidden-messages.js';
import { NS_RETRACT } from '../protocol/retraction.js';
import { buildIqReply, NS_PING } from '../protocol/ping.js';

/** XEP-0115 `node`: names this software. */
const CAPS_NODE = 'https://www.npmjs.com/package/chat-widget';
const IDENTITY = { category: 'client', type: 'web', name: 'chat-widget' };

/** The features this client implements, as a deployment configured it. */
export function clientFeatures(features: Required<FeatureFlags>): string[] {
  return [
    NS.DISCO_INFO, NS.CAPS, NS_PING, `${NS.MDS}+notify`, NS.CORRECT, NS_RETRACT, `${NS_HIDDEN}+notify`,
    ...(features.deliveryReceipts ? [NS.RECEIPTS] : []),
    ...(features.seenStatus ? [NS.MARKERS] : []),
    ...(features.typing ? [NS.CHAT_STATES] : []),
    ...(features.favouriteMessage ? [`${NS.FAVOURITES}+notify`] : []),
    ...(settingsSynced(features) ? [`${NS.CHAT_SETTINGS}+notify`] : []),
  ];
}

/** Whether this account's chat settings are kept in step with its other devices (core/chat-settings.ts). */
export const settingsSynced = (f: Required<FeatureFlags>): boolean => f.clearChat || f.deleteChat || f.muteChat || f.archiveChat;

export class Presence {
  private readonly caps: Promise<Capabilities>;

  constructor(features: Required<FeatureFlags>) {
    const list = clientFeatures(features);
    this.caps = capabilities(CAPS_NODE, IDENTITY, list).catch(() => ({ node: CAPS_NODE, identity: IDENTITY, features: list }));
  }

  /** The initial presence of a new session. */
  async initial(): Promise<Builder> {
    return addCaps($pres(), await this.caps);
  }

  /** The answer to an iq get/set someone sent this client. */
  async answer(iq: Element): Promise<Builder> {
    return isDiscoInfoGet(iq) ? buildDiscoInfoReply(iq, await this.caps) : buildIqReply(iq);
  }
}
