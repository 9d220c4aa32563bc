/** The persisted outbox: what the user wrote and the server does not have yet, written to storage
 * before a send resolves, so nothing typed is lost to a reload or a dropped connection. Several tabs of
 * one site share it: a write merges with what is stored (keeping other tabs' entries) under a Web Lock,
 * so one tab's write never erases another tab's unsent message. */
import type { OutboxEntry } from '../model/events.js';
import type { KeyValueStore } from './persistence.js';

const KEY = 'outbox';
/** The keys of the stored Blobs, oldest first. */
const BLOBS = 'blobs';
/** How many files of failed messages are kept for a retry; older ones are dropped (a retry of those
 * answers 404, "send it again"). Files still to upload are always kept. */
export const KEEP_FAILED_FILES = 20;

/** Runs `work` holding a lock shared by the site's tabs (the Web Locks API), or at once without it. */
function withLock(name: string, work: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(name, () => work()).then(() => undefined) : work();
}

async function readStored(kv: KeyValueStore): Promise<OutboxEntry[]> {
  return ((await kv.getItem<unknown[]>(KEY)) ?? []).map(upgrade).filter((e): e is OutboxEntry => e !== null);
}

export class Outbox {
  private entries: OutboxEntry[] = [];
  /** Entries this tab saw acknowledged: a merge must not bring them back from storage. */
  private readonly gone = new Set<string>();
  private writing: Promise<void> | null = null;
  private dirty = false;

  private constructor(private readonly kv: KeyValueStore, private readonly lockName: string) {}

  /** Opens the outbox of one account (`lockName` is shared by the tabs that write it). */
  static async open(kv: KeyValueStore, lockName: string): Promise<Outbox> {
    const outbox = new Outbox(kv, lockName);
    outbox.entries = await readStored(kv);
    return outbox;
  }

  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
  }

  /** Changes one entry (its file uploaded) and writes; false when it is not here. */
  replace(msgId: string, next: (entry: OutboxEntry) => OutboxEntry): boolean {
    const i = this.entries.findIndex((e) => e.msgId === msgId);
    if (i < 0) return false;
    this.entries[i] = next(this.entries[i]);
    void this.write().catch(() => undefined);
    return true;
  }

  /** The file of a media message still to upload, kept as a Blob under `blob:<key>` (IndexedDB keeps
   * Blobs as they are), so a reload while offline does not lose it. */
  async saveBlob(key: string, blob: Blob): Promise<void> {
    await this.kv.setItem(`blob:${key}`, blob);
    await this.listBlobs((keys) => [...keys.filter((k) => k !== key), key]);
  }

  loadBlob(key: string): Promise<Blob | null> {
    return this.kv.getItem<Blob>(`blob:${key}`);
  }

  async removeBlob(key: string): Promise<void> {
    await this.kv.removeItem(`blob:${key}`);
    await this.listBlobs((keys) => keys.filter((k) => k !== key));
  }

  /** Drops the oldest stored files beyond `keep` that no pending entry (of any tab) still has to upload. */
  async pruneBlobs(keep = KEEP_FAILED_FILES): Promise<void> {
    const pending = new Set([...this.entries, ...(await readStored(this.kv))].map((e) => e.upload?.blobKey));
    await this.listBlobs(async (keys) => {
      const idle = keys.filter((k) => !pending.has(k));
      const drop = new Set(idle.slice(0, Math.max(0, idle.length - keep)));
      for (const key of drop) await this.kv.removeItem(`blob:${key}`);
      return keys.filter((k) => !drop.has(k));
    });
  }

  private listBlobs(change: (keys: string[]) => string[] | Promise<string[]>): Promise<void> {
    return withLock(`${this.lockName}:blobs`, async () => {
      await this.kv.setItem(BLOBS, await change((await this.kv.getItem<string[]>(BLOBS)) ?? []));
    });
  }

  /** Drops entries the server has; returns whether anything was dropped. */
  drop(msgIds: readonly string[]): boolean {
    const before = this.entries.length;
    const gone = new Set(msgIds);
    this.entries = this.entries.filter((e) => !gone.has(e.msgId));
    for (const id of msgIds) this.gone.add(id);
    if (this.entries.length === before) return false;
    void this.write().catch(() => undefined);
    return true;
  }

  /** Writes this tab's entries together with the stored ones of other tabs. */
  private async merge(): Promise<void> {
    const stored = await readStored(this.kv);
    const mine = new Set(this.entries.map((e) => e.msgId));
    const others = stored.filter((e) => !mine.has(e.msgId) && !this.gone.has(e.msgId));
    // Forget acknowledgements once storage no longer holds those entries.
    const storedIds = new Set(stored.map((e) => e.msgId));
    for (const id of this.gone) if (!storedIds.has(id)) this.gone.delete(id);
    await this.kv.setItem(KEY, [...others, ...this.entries]);
  }

  /** Resolves when the last write asked for is on disk. */
  settled(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }

  /** Writes now, not batched; writes asked for together share one (a burst of sends is not one each). */
  write(): Promise<void> {
    this.dirty = true;
    this.writing ??= (async () => {
      try {
        while (this.dirty) {
          this.dirty = false;
          await withLock(this.lockName, () => this.merge());
        }
      } finally {
        this.writing = null;
      }
    })();
    return this.writing;
  }
}

/** Entries written by earlier versions: text only, `replyTo` a bare id. */
function upgrade(raw: unknown): OutboxEntry | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Record<string, unknown>;
  if (typeof e.chatJid !== 'string' || typeof e.msgId !== 'string' || typeof e.body !== 'string') return null;
  const entry = { ...e, msgType: typeof e.msgType === 'string' ? e.msgType : 'text' } as OutboxEntry;
  if (typeof e.replyTo === 'string') entry.replyTo = { msgId: e.replyTo };
  return entry;
}
