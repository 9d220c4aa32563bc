/** What this cache knows of its sync with the server, kept under the `sync` key: where the archive
 * was read up to, whether it was ever read, and read marks still to send. */
import type { BatchedWriter } from './persistence.js';

/** A read mark waiting for the connection: `marker` for the peer (XEP-0333 displayed), `mds` for this
 * account's other devices (XEP-0490). */
export type HeldRead = 'marker' | 'mds';

/** A deletion still to tell the server (made offline, or before a failed attempt): a XEP-0424
 * retraction of our message to send, or a message hidden for this account to publish. */
export interface HeldRemoval {
  kind: 'retract' | 'hide';
  chatJid: string;
  fromJid: string;
  msgId: string;
  stanzaId?: string;
}

export interface StoredSync {
  /** Newest archive id this cache has caught up to. */
  lastArchiveId?: string;
  /** This cache has read the archive once (even an empty one): later catch-ups go forward. */
  synced?: boolean;
  /** Read marks still to send (see `heldReads`). */
  held?: Partial<Record<HeldRead, Record<string, string>>>;
  removals?: HeldRemoval[];
}

export class SyncState {
  private state: StoredSync;

  constructor(private readonly writer: BatchedWriter, stored: StoredSync | null) {
    this.state = stored ?? {};
  }

  get lastArchiveId(): string | undefined {
    return this.state.lastArchiveId;
  }

  /** Whether this cache has read the account's archive before (then a catch-up reads forward from
   * `ChatStore.catchUpFrom`, or from the archive's start when it held nothing yet). */
  get synced(): boolean {
    return this.state.synced === true || this.state.lastArchiveId !== undefined;
  }

  markSynced(): void {
    if (this.state.synced) return;
    this.update({ synced: true });
  }

  /** The newest archive id this cache has caught up to. */
  setPosition(archiveId: string): void {
    this.update({ lastArchiveId: archiveId });
  }

  /** Read marks that could not be sent yet, per chat: the peer's message id the chat was read up to.
   * Kept with the cache, so a reload while offline loses none. */
  heldReads(kind: HeldRead): ReadonlyMap<string, string> {
    return new Map(Object.entries(this.state.held?.[kind] ?? {}));
  }

  /** Keeps a read mark until it is sent (a newer one for the chat replaces it). */
  holdRead(kind: HeldRead, chatJid: string, msgId: string): void {
    this.update({ held: { ...this.state.held, [kind]: { ...this.state.held?.[kind], [chatJid]: msgId } } });
  }

  /** A read mark went out: forgets it, unless a newer one for the chat came meanwhile. */
  releaseRead(kind: HeldRead, chatJid: string, msgId: string): void {
    const held = this.state.held?.[kind];
    if (held?.[chatJid] !== msgId) return;
    const { [chatJid]: _sent, ...rest } = held;
    this.update({ held: { ...this.state.held, [kind]: rest } });
  }

  /** Deletions still to tell the server, oldest first. */
  get heldRemovals(): readonly HeldRemoval[] {
    return this.state.removals ?? [];
  }

  holdRemovals(removals: HeldRemoval[]): void {
    this.update({ removals: [...this.heldRemovals, ...removals] });
  }

  releaseRemoval(done: HeldRemoval): void {
    this.update({ removals: this.heldRemovals.filter((r) => r !== done) });
  }

  private update(patch: Partial<StoredSync>): void {
    this.state = { ...this.state, ...patch };
    this.writer.schedule('sync', () => this.state);
  }
}
