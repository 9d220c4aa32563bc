/** The account's private server storage (XEP-0223: PEP nodes only this account can read), as the feature
 * modules use it: XEP-0490 displayed state, favourites, messages deleted for me. Publishes only where the
 * server honours publish-options, so that a node can never be created readable by others (asked once
 * per session). Notifications of these nodes come in through `incoming.ts`. */
import { SdkError, Status, unavailable } from '../model/errors.js';
import { newId } from '../model/ids.js';
import type { Builder } from 'strophe.js';
import {
  buildAccountInfoRequest, buildItemsRequest, buildPrivatePublish, buildPurge, buildRetract, hasFeature, PUBLISH_OPTIONS_FEATURE,
  readItemsResult, type PepItem,
} from '../protocol/private-pep.js';
import type { Services } from './services.js';

export class PrivateStorage {
  private publishOptions: Promise<boolean> | null = null;

  constructor(private readonly s: Services) {}

  /** A new session (not a resumed one): the server is asked afresh. */
  reset(): void {
    this.publishOptions = null;
  }

  /** Whether the server can keep a node private (publish-options, XEP-0223 §4). */
  mayPublish(): Promise<boolean> {
    const account = this.s.account();
    if (!account) return Promise.resolve(false);
    this.publishOptions ??= this.s.xmpp.sendIq(buildAccountInfoRequest(account, newId())).then(
      (result) => hasFeature(result, PUBLISH_OPTIONS_FEATURE),
      () => {
        this.publishOptions = null;
        return false;
      },
    );
    return this.publishOptions;
  }

  /** Publishes one item (see buildPrivatePublish). 503 when the server cannot keep it private; the
   * server's own errors as sendIq gives them (403, 408, 500). */
  async publish(node: string, itemId: string, payload: (item: Builder) => void): Promise<void> {
    await this.requirePrivate();
    await this.s.xmpp.sendIq(buildPrivatePublish(node, itemId, payload, newId()));
  }

  /** Removes one item; an item or node already gone is no error. */
  async retract(node: string, itemId: string): Promise<void> {
    await this.ignoreMissing(this.s.xmpp.sendIq(buildRetract(node, itemId, newId())));
  }

  /** Removes every item of a node; a node that never existed is no error. */
  async purge(node: string): Promise<void> {
    await this.ignoreMissing(this.s.xmpp.sendIq(buildPurge(node, newId())));
  }

  /** Every item of a node; none when the node does not exist (an account that never published). */
  async items(node: string): Promise<PepItem[]> {
    const result = await this.ignoreMissing(this.s.xmpp.sendIq(buildItemsRequest(node, newId())));
    return result ? readItemsResult(result, node) : [];
  }

  private async requirePrivate(): Promise<void> {
    if (!(await this.mayPublish())) throw unavailable('This chat server cannot keep private data for the account (no XEP-0223 publish-options)');
  }

  private async ignoreMissing<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof SdkError && error.statusCode === Status.NOT_FOUND) return undefined;
      throw error;
    }
  }
}
