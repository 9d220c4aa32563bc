/** Where strophe keeps XEP-0198 resumption state for one client: in memory, by reference. strophe's
 * own MemoryStorageBackend JSON-encodes the whole state (unacknowledged stanzas included) on every
 * stanza in and out, which dominated the cost of a message burst. */
import type { SMState, SMStorageBackend } from 'strophe.js';

export class InMemorySMStorage implements SMStorageBackend {
  private readonly states = new Map<string, SMState>();

  load(key: string): SMState | null {
    const state = this.states.get(key);
    // A copy on load (rare: once per connection attempt), so the live engine and the saved state never
    // share the unacknowledged queue.
    return state ? { ...state, unacked: [...state.unacked] } : null;
  }

  save(key: string, state: SMState): void {
    this.states.set(key, state);
  }

  clear(key: string): void {
    this.states.delete(key);
  }
}
