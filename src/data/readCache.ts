import { EVERYTHING, type ChangeFeed } from "./changeFeed.ts";

// A memo of database reads, kept until the register changes in a way that touches them. Status
// lookups are read far more often than the register is written, and the embedded database serves
// one query at a time, so fifty people asking at once would otherwise queue behind each other,
// and behind every write.
//
// Each entry names what it was read from (its tags, from the value read): a status card names
// its modification ("m:<id>") and the tables many cards share; a list of references names
// "modifications". A change names what it touched (the change feed's payloads): "m:<id>" drops
// that modification's entries and whatever depends on the set of modifications; "party:<id>"
// the cards that party raised and the party list; a table name
// drops the entries that name it; anything else, or not knowing what changed, drops everything.
// An entry without tags, or still being read when a change arrives, is dropped by any change.
//
// An entry remembered with `refreshAhead` (a status card) is read again as soon as a change to
// its own modification is heard, so the first person to look after a move, a vote or a DCC date
// gets it from memory rather than waiting on the database. Only when its own modification
// changed: a change to a table every card reads would re-read them all.

/** Reading through the cache, as a data-layer function needs it. */
export interface CachedReads {
  /**
   * The value read for `key` since the last change that touched it, or `read()` now
   * (remembered, under the tags `tagsOf` gives for the value read; none: any change drops it).
   */
  remember<T>(key: string, read: () => Promise<T>, tagsOf?: (value: T) => readonly string[], options?: RememberOptions): Promise<T>;
}

export interface ReadCache extends CachedReads {
  /**
   * Reads that reflect every change committed before `moment` (a performance.now() reading), for
   * the reads of one answer: on a server the first waits for the change feed's barrier, and the
   * others need no barrier of their own.
   */
  asOf(moment: number): CachedReads;
  /**
   * Stores values read in one go (warming the cache at start). `read` runs at once; entries
   * touched by a change committed while it ran are not kept.
   */
  warm<T>(read: () => Promise<WarmRow<T>[]>): Promise<number>;
}

export interface WarmRow<T> {
  key: string;
  value: T;
  tags: readonly string[];
  /** For an entry to refresh ahead (see RememberOptions): how to read it again, and its tags then. */
  readAgain?: { read: () => Promise<T>; tagsOf: (value: T) => readonly string[] };
}

export interface RememberOptions {
  /** Read it again, in the background, when a change to its own modification drops it. */
  refreshAhead?: boolean;
  /** The moment (performance.now()) whose changes the answer must reflect; by default, now. */
  asOf?: number;
}

/** The tag of everything that depends on which modifications exist, and their references and titles. */
export const MODIFICATIONS = "modifications";

const MAX_ENTRIES = 20_000;

/** "m:<id>" touches that modification and the set of them; "party:<id>" that party and the party list. */
function tagsTouchedBy(payload: string): string[] {
  if (payload.startsWith("m:")) return [payload, MODIFICATIONS];
  if (payload.startsWith("party:")) return [payload, "party"];
  return [payload];
}

interface Entry {
  value: Promise<unknown>;
  /** Null while the read is in flight: any change drops it then. */
  tags: ReadonlySet<string> | null;
  /** Reads it into the cache again, for an entry remembered with refreshAhead. */
  again?: () => Promise<unknown>;
}

const ownModification = (tag: string) => tag.startsWith("m:");

export function createReadCache(changes: ChangeFeed): ReadCache {
  let entries = new Map<string, Entry>();
  let stampedWith: number | null = null;

  function dropAll(): void {
    entries = new Map();
  }

  /** Drops what `payloads` touched; returns the refresh-ahead entries dropped by a change to their own modification. */
  function drop(payloads: readonly string[]): (() => Promise<unknown>)[] {
    const touched = new Set<string>();
    for (const payload of payloads) {
      if (payload === EVERYTHING) {
        dropAll();
        return [];
      }
      for (const tag of tagsTouchedBy(payload)) touched.add(tag);
    }
    const again: (() => Promise<unknown>)[] = [];
    for (const [key, entry] of entries) {
      if (!entry.tags || entry.tags.size === 0) {
        entries.delete(key);
        continue;
      }
      const hits = [...entry.tags].filter((tag) => touched.has(tag));
      if (hits.length === 0) continue;
      entries.delete(key);
      if (entry.again && hits.every(ownModification)) again.push(entry.again);
    }
    return again;
  }

  /**
   * Brings the entries up to `generation`: drops what the changes since the last stamp touched,
   * and starts reading again the refresh-ahead entries among them (whichever caller catches up).
   */
  function catchUp(generation: number): void {
    let again: (() => Promise<unknown>)[] = [];
    if (stampedWith === null) dropAll();
    else if (generation !== stampedWith) {
      const since = changes.changesSince(stampedWith, generation);
      if (since === "all") dropAll();
      else again = drop(since);
    }
    stampedWith = generation;
    if (entries.size >= MAX_ENTRIES) return dropAll();
    // A failed read is not remembered, and the next lookup reads again.
    for (const readAgain of again) readAgain().catch(() => undefined);
  }

  // Changes are heard one by one as they commit; one pass after the write that raised them.
  let refreshing = false;
  changes.onChange(() => {
    if (refreshing) return;
    refreshing = true;
    setImmediate(() => {
      refreshing = false;
      void refreshAhead();
    });
  });

  async function refreshAhead(): Promise<void> {
    const generation = await changes.settledGeneration();
    if (generation !== null) catchUp(generation);
  }

  const cache: ReadCache = {
    async remember<T>(key: string, read: () => Promise<T>, tagsOf?: (value: T) => readonly string[], options: RememberOptions = {}): Promise<T> {
      const generation = await changes.settledGeneration(options.asOf);
      if (generation === null) {
        stampedWith = null;
        return read();
      }
      catchUp(generation);
      const cached = entries.get(key);
      if (cached) return cached.value as Promise<T>;
      const reading = read();
      const again = options.refreshAhead ? () => cache.remember(key, read, tagsOf, { refreshAhead: true }) : undefined;
      const entry: Entry = { value: reading, tags: null, again };
      const current = entries;
      current.set(key, entry);
      reading.then(
        (value) => void (entry.tags = new Set(tagsOf ? tagsOf(value) : [])),
        // A failed read is not remembered.
        () => current.get(key) === entry && current.delete(key),
      );
      return reading;
    },

    asOf: (moment) => ({
      remember: (key, read, tagsOf, options) => cache.remember(key, read, tagsOf, { ...options, asOf: moment }),
    }),

    async warm(read) {
      const before = await changes.settledGeneration();
      if (before === null) return 0;
      const rows = await read();
      const after = await changes.settledGeneration();
      if (after === null) return 0;
      catchUp(after);
      const since = changes.changesSince(before, after);
      if (since === "all") return 0;
      const touched = new Set(since.flatMap(tagsTouchedBy));
      if (touched.has(EVERYTHING)) return 0;
      let kept = 0;
      for (const row of rows) {
        if (row.tags.length === 0 || row.tags.some((tag) => touched.has(tag)) || entries.has(row.key)) continue;
        const { readAgain } = row;
        const again = readAgain && (() => cache.remember(row.key, readAgain.read, readAgain.tagsOf, { refreshAhead: true }));
        entries.set(row.key, { value: Promise.resolve(row.value), tags: new Set(row.tags), again });
        kept++;
      }
      return kept;
    },
  };
  return cache;
}
