import type { ChangeFeed } from "./changeFeed.ts";

// A memo of database reads, dropped whole whenever the register changes. Status lookups are read
// far more often than the register is written, and the embedded database serves one query at a
// time, so fifty people asking at once would otherwise queue behind each other.

export interface ReadCache {
  /** The value read for `key` since the last change to the register, or `read()` now (remembered). */
  remember<T>(key: string, read: () => Promise<T>): Promise<T>;
}

const MAX_ENTRIES = 20_000;

export function createReadCache(changes: ChangeFeed): ReadCache {
  let entries = new Map<string, Promise<unknown>>();
  let stampedWith: number | null = null;
  return {
    async remember<T>(key: string, read: () => Promise<T>): Promise<T> {
      const generation = await changes.settledGeneration();
      if (generation === null) return read();
      if (generation !== stampedWith || entries.size >= MAX_ENTRIES) {
        entries = new Map();
        stampedWith = generation;
      }
      const cached = entries.get(key) as Promise<T> | undefined;
      if (cached) return cached;
      const reading = read();
      const current = entries;
      current.set(key, reading);
      // A failed read is not remembered.
      reading.catch(() => current.get(key) === reading && current.delete(key));
      return reading;
    },
  };
}
