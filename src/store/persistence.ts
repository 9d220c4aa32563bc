/** Where the cache lives: a key-value store (localforage over IndexedDB in browsers, memory elsewhere)
 * and a writer that coalesces many updates into one write per key per flush. */
import localforage from 'localforage';

export interface KeyValueStore {
  getItem<T>(key: string): Promise<T | null>;
  setItem<T>(key: string, value: T): Promise<T>;
  removeItem(key: string): Promise<void>;
  keys(): Promise<string[]>;
  clear(): Promise<void>;
}

/** One IndexedDB database per account (and per storage prefix), so accounts never see each other's data. */
export function openBrowserStorage(prefix: string, account: string): KeyValueStore {
  return localforage.createInstance({ name: `${prefix}:${account}`, storeName: 'cache' });
}

export class MemoryStorage implements KeyValueStore {
  private readonly data = new Map<string, unknown>();
  async getItem<T>(key: string): Promise<T | null> {
    return this.data.has(key) ? structuredClone(this.data.get(key) as T) : null;
  }
  async setItem<T>(key: string, value: T): Promise<T> {
    this.data.set(key, structuredClone(value));
    return value;
  }
  async removeItem(key: string): Promise<void> {
    this.data.delete(key);
  }
  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }
  async clear(): Promise<void> {
    this.data.clear();
  }
}

/**
 * Coalesces writes: the latest value for each key is written once per flush, so a burst of a thousand
 * messages becomes a handful of writes instead of a thousand.
 */
export class BatchedWriter {
  private pending = new Map<string, () => unknown>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly kv: KeyValueStore, private readonly delayMs = 40) {}

  /** Queues a write; `value` is called at flush time so the freshest state is written. */
  schedule(key: string, value: () => unknown): void {
    this.pending.set(key, value);
    if (this.timer === undefined) this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes everything queued; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const previous = this.inFlight;
    this.inFlight = (async () => {
      await previous;
      if (batch.size === 0) return;
      await Promise.all([...batch].map(([key, value]) => this.kv.setItem(key, value())));
    })().catch((error) => {
      // A failed write (quota, private mode) must not break messaging: the server archive still has it.
      console.warn('[chat-widget] could not write the local cache:', error);
    });
    return this.inFlight;
  }
}
