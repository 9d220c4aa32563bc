/** A part of the core loaded on first use (a dynamic import), so that pages that never use it never
 * download it. A part that failed to load (the network) is tried again on the next call. */
export interface OnDemand<T> {
  (): Promise<T>;
  /** The part if it was asked for already (without loading it). */
  readonly loaded: Promise<T> | null;
}

export function onDemand<T>(load: () => Promise<T>): OnDemand<T> {
  let part: Promise<T> | null = null;
  const get = () => {
    if (!part) {
      const loading = load();
      part = loading;
      loading.catch(() => {
        if (part === loading) part = null;
      });
    }
    return part;
  };
  return Object.defineProperty(get, 'loaded', { get: () => part }) as OnDemand<T>;
}
