/** The persisted outbox: what the user wrote and the server does not have yet, written to storage
 * before a send resolves, so nothing typed is lost to a reload or a dropped connection. */
import type { OutboxEntry } from '../model/events.js';
import type { KeyValueStore } from './persistence.js';

const KEY = 'outbox';

export class Outbox {
  private entries: OutboxEntry[] = [];
  private writing: Promise<void> | null = null;
  private dirty = false;

  private constructor(private readonly kv: KeyValueStore) {}

  static async open(kv: KeyValueStore): Promise<Outbox> {
    const outbox = new Outbox(kv);
    const stored = await kv.getItem<unknown[]>(KEY);
    outbox.entries = (stored ?? []).map(upgrade).filter((e): e is OutboxEntry => e !== null);
    return outbox;
  }

  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
  }

  /** Drops entries the server has; returns whether anything was dropped. */
  drop(msgIds: readonly string[]): boolean {
    const before = this.entries.length;
    const gone = new Set(msgIds);
    this.entries = this.entries.filter((e) => !gone.has(e.msgId));
    if (this.entries.length === before) return false;
    void this.write().catch(() => undefined);
    return true;
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
          await this.kv.setItem(KEY, this.entries);
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
