/** Incoming routing: every `<message>` the server sends goes through here. Archive results go to the
 * query that asked for them; carbons are unwrapped (only from our own account), as are our own PEP
 * notifications of what another device displayed (XEP-0490); the rest is
 * interpreted and its events enter the store. A lone message is applied at once; while one batch is
 * being applied, what arrives meanwhile waits and goes in as the next batch (bursts batch themselves). */
import type { StoreEvent } from '../model/events.js';
import { unwrapCarbon } from '../protocol/carbons.js';
import { readArchivedMessage, type ArchivedMessage } from '../protocol/mam.js';
import { readDisplayedEvent } from '../protocol/mds.js';
import { hideEvents, readHiddenEvent } from '../protocol/hidden-messages.js';
import { NS } from '../protocol/ns.js';
import { readPepEvent, type PepEvent } from '../protocol/private-pep.js';
import { interpret, type Interpretation } from './interpret.js';
import type { Services } from './services.js';

export interface IncomingRoutes {
  /** Whether an archive result answers a query this client made. */
  isOurQuery(queryId: string): boolean;
  archiveResult(result: ArchivedMessage): void;
  typing(chatJid: string, state: NonNullable<Interpretation['typing']>['state']): void;
  /** A delivery receipt we owe (XEP-0184). */
  receipt(to: string, id: string): void;
  /** Another device of ours changed the favourites (a trusted notification of their private node). */
  favourites(event: PepEvent): void;
  /** Another device of ours (or this one) changed chat settings (a trusted notification of their node). */
  chatSettings(event: PepEvent): void;
}

export class Incoming {
  private queue: StoreEvent[] = [];
  private archiveId: string | undefined;
  private scheduled = false;
  private draining: Promise<void> | null = null;
  private held = false;

  constructor(private readonly s: Services, private readonly routes: IncomingRoutes) {}

  /** The handler for every `<message>` stanza. Malformed or untrusted stanzas never reach the store. */
  onStanza(stanza: Element): void {
    const account = this.s.account();
    if (!account) return;
    try {
      const displayed = readDisplayedEvent(stanza, account);
      if (displayed) {
        // Another device of ours displayed these chats (XEP-0490): queued behind the messages they may name.
        this.route({ events: displayed.map(({ chatJid, stanzaId }) => ({ kind: 'read', chatJid, stanzaId })) });
        return;
      }
      const hidden = readHiddenEvent(stanza, account);
      if (hidden) {
        // Another device of ours deleted messages for this account.
        this.route({ events: hideEvents(hidden) });
        return;
      }
      const favourites = readPepEvent(stanza, NS.FAVOURITES, account);
      if (favourites) {
        this.routes.favourites(favourites);
        return;
      }
      const settings = readPepEvent(stanza, NS.CHAT_SETTINGS, account);
      if (settings) {
        this.routes.chatSettings(settings);
        return;
      }
      const archived = readArchivedMessage(stanza, account, (id) => this.routes.isOurQuery(id));
      if (archived) {
        this.routes.archiveResult(archived);
        return;
      }
      const carbon = unwrapCarbon(stanza, account);
      this.route(interpret(carbon?.message ?? stanza, { account, source: carbon ? 'carbon' : 'live', fresh: true, offlineWindow: this.held, now: Date.now() }));
    } catch (error) {
      console.debug('[chat-widget] ignored a stanza:', (error as Error).message);
    }
  }

  private route(result: Interpretation): void {
    if (result.typing) this.routes.typing(result.typing.chatJid, result.typing.state);
    if (result.receiptFor) this.routes.receipt(result.receiptFor.to, result.receiptFor.id);
    if (result.events.length === 0) return;
    this.queue.push(...result.events);
    if (result.archiveId) this.archiveId = result.archiveId;
    if (!this.scheduled && !this.held) {
      // A microtask, not a timer: stanzas of one websocket frame still go in together.
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        void this.drain();
      });
    }
  }

  /** Live messages wait while the archive catch-up runs, and go in after it, in order. */
  hold(): void {
    this.held = true;
  }

  release(): Promise<void> {
    this.held = false;
    return this.drain();
  }

  /** Applies everything queued; resolves when the store has it. */
  drain(): Promise<void> {
    // The callback runs after the assignment even when nothing was queued (an IIFE's own finally would
    // run first and leave a settled promise here for good).
    this.draining ??= this.run().finally(() => {
      this.draining = null;
      if (this.queue.length > 0 && !this.held) void this.drain();
    });
    return this.draining;
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.held) {
        const events = this.queue;
        this.queue = [];
        if (this.archiveId) events.push({ kind: 'archive-position', archiveId: this.archiveId });
        this.archiveId = undefined;
        await this.s.apply(events, true);
      }
    } catch (error) {
      console.warn('[chat-widget] could not store incoming messages:', error);
    }
  }
}
