/** A tiny typed event emitter (the core runs without a DOM, so no EventTarget). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(data: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (data: Events[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => set!.delete(listener as (data: never) => void);
  }

  emit<K extends keyof Events>(type: K, data: Events[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as (data: Events[K]) => void)(data);
      } catch (error) {
        // A host page's listener that throws must not break messaging.
        console.error(`[chat-widget] a "${String(type)}" listener threw:`, error);
      }
    }
  }
}
