/** What the client's feature modules are given: options, the link to the server, the store's door
 * and the listeners' events. Each module gets these passed in and knows no other module. */
import type { Builder } from 'strophe.js';
import type { Emitter } from '../model/emitter.js';
import { forbidden } from '../model/errors.js';
import type { ApplyResult, StoreEvent } from '../model/events.js';
import type { FeatureFlags } from '../model/types.js';
import type { ChatStore } from '../store/chat-store.js';
import type { ClientEvents } from './events.js';
import type { ResolvedOptions } from './options.js';


/** The link to the server, as the modules use it. */
export interface Xmpp {
  /** Signed in and caught up: stanzas sent now go out at once. */
  readonly online: boolean;
  send(stanza: Builder | Element): void;
  /** Resolves with the result iq; rejects with an SdkError (404, 403, 408, 500) built from the error. */
  sendIq(iq: Builder, timeoutMs?: number): Promise<Element>;
}

export interface Services {
  readonly options: ResolvedOptions;
  readonly features: Required<FeatureFlags>;
  readonly events: Emitter<ClientEvents>;
  readonly xmpp: Xmpp;
  /** The open account's store; 401 when no account is open. */
  store(): Promise<ChatStore>;
  /** The open account's bare JID (the store's account), null before one is open. */
  account(): string | null;
  /** Puts events through the store's door and tells listeners what it added (when `announce`) and which
   * statuses moved. */
  apply(events: StoreEvent[], announce: boolean): Promise<ApplyResult>;
}

/** 403 when a deployment switched a feature off. */
export function requireFeature(features: Required<FeatureFlags>, name: keyof FeatureFlags, what: string): void {
  if (!features[name]) throw forbidden(`${what} is not available: the "${name}" feature is switched off for this chat`);
}
