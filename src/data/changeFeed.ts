import type { PGlite } from "@electric-sql/pglite";
import type * as pg from "pg";
import { pgDriver } from "./pgDriver.ts";

// Tells an instance whether what it read earlier may be out of date. Every committed write to
// the register raises a "modbot_changes" notification (a statement trigger, see the
// change_notifications migration); each notification moves the generation on, and a cache entry
// stamped with an older generation is stale. Whoever wrote (this instance, another replica, an
// import, someone at psql), the next read sees it. Each notification's payload says what changed
// (see the per_modification_changes migration): "m:<id>" for one modification's card, a table
// name for a table that many cards read, "*" for anything; the feed keeps the recent payloads so
// a cache can drop only what they name.

export const CHANGES_CHANNEL = "modbot_changes";

export interface ChangeFeed {
  /**
   * The generation once every change committed before `asOf` (a performance.now() reading; by
   * default, this call) has been heard, or null when changes could go unheard (nothing should be
   * served from a cache then).
   */
  settledGeneration(asOf?: number): Promise<number | null>;
  /**
   * True when settling waits for a round trip to the database (a server's barrier), so a request
   * held until the feed has settled as of its arrival is worth holding (slack/holdUntilSettled.ts);
   * false when the generation is known at once (embedded).
   */
  readonly settlesByRoundTrip: boolean;
  /**
   * The payloads of the changes heard after `generation` up to `upTo`, or "all" when they are
   * no longer known (too many since, or heard while nobody listened).
   */
  changesSince(generation: number, upTo: number): readonly string[] | "all";
  /** Calls `listener` as each change is heard (after the generation has moved on); returns a way to stop. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** A feed for when nothing listens: caches read through. */
export const unheardChanges: ChangeFeed = {
  settledGeneration: async () => null,
  settlesByRoundTrip: false,
  changesSince: () => "all",
  onChange: () => () => undefined,
  close: async () => undefined,
};

/** Means "anything may have changed". */
export const EVERYTHING = "*";

const KEPT_CHANGES = 5_000;

/** The generation counter and the payloads behind it (the most recent KEPT_CHANGES). */
function changeLog() {
  let generation = 0;
  const payloads: string[] = [];
  const listeners = new Set<() => void>();
  return {
    get generation() {
      return generation;
    },
    heard(payload: string | undefined): void {
      generation++;
      payloads.push(payload || EVERYTHING);
      if (payloads.length > KEPT_CHANGES) payloads.splice(0, payloads.length - KEPT_CHANGES);
      for (const listener of listeners) listener();
    },
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    since(from: number, upTo: number): readonly string[] | "all" {
      const first = generation - payloads.length; // the generation before payloads[0]
      if (from < first || upTo > generation || from > upTo) return "all";
      return payloads.slice(from - first, upTo - first);
    },
  };
}

/**
 * PGlite delivers a notification as its commit returns, so the generation is never behind.
 * PGlite's listeners hear only this process's commits; `otherProcesses` reports the commits of
 * processes reaching the same session through its socket (before their COMMIT is answered).
 */
export async function listenToEmbeddedChanges(
  pglite: PGlite,
  otherProcesses?: { onNotification(listener: (notification: { channel: string; payload: string }) => void): () => void },
): Promise<ChangeFeed> {
  const log = changeLog();
  const unlisten = await pglite.listen(CHANGES_CHANNEL, (payload) => log.heard(payload));
  const stopHearingOthers = otherProcesses?.onNotification(({ channel, payload }) => {
    if (channel === CHANGES_CHANNEL) log.heard(payload);
  });
  return {
    settledGeneration: async () => (pglite.closed ? null : log.generation),
    settlesByRoundTrip: false,
    changesSince: (from, upTo) => log.since(from, upTo),
    onChange: (listener) => log.onChange(listener),
    close: async () => {
      stopHearingOthers?.();
      if (!pglite.closed) await unlisten();
    },
  };
}

/** Resolves once the event loop has got through what it is handling now (its check phase). */
const afterThisTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A dedicated connection LISTENs on the server. PostgreSQL hands a listening session its
 * notifications before it answers that session's next query, so a trivial query on the
 * listening connection is a barrier: once it returns, every change committed before it was sent
 * has been counted. If the connection drops, the feed stops vouching and reconnects.
 * A barrier vouches for every moment before it was sent, so a caller asking as of an earlier
 * moment (the reads of one answer, after the first) needs none of its own.
 */
export async function listenToServerChanges(
  connection: pg.ClientConfig,
  log: (message: string) => void = () => undefined,
): Promise<ChangeFeed> {
  const heard = changeLog();
  let closed = false;
  let client: pg.Client | undefined;

  async function connect(): Promise<void> {
    const next = new (pgDriver().Client)(connection);
    next.on("notification", (notification) => heard.heard(notification.payload));
    next.on("error", (error) => {
      log(`modbot: lost the change feed (${error.message}); reading through the cache until it is back`);
      dropped(next);
    });
    next.on("end", () => dropped(next));
    await next.connect();
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    heard.heard(EVERYTHING); // whatever happened while nobody listened
    settledAt = -Infinity;
    client = next;
  }

  function dropped(which: pg.Client): void {
    if (client !== which) return;
    client = undefined;
    reconnectLater();
  }

  function reconnectLater(): void {
    if (closed) return;
    setTimeout(() => void connect().catch(reconnectLater), 1000).unref();
  }

  // Callers arriving while a barrier is waiting to be sent share it: it will still be sent after
  // they arrived, which is all a barrier needs. It is sent once the event loop has got through
  // what arrived with it (setImmediate), so every request read in one turn shares one barrier
  // instead of the first sending it and the rest waiting for the next. Callers asking as of a
  // moment before a barrier was sent share that one too, in flight or answered (settledAt: when
  // the latest answered barrier was sent).
  let settledAt = -Infinity;
  let inFlight: { sentAt: number; answered: Promise<void> } | null = null;
  let waiting: Promise<void> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  function barrier(listening: pg.Client, asOf: number): Promise<void> {
    if (asOf <= settledAt) return Promise.resolve();
    if (inFlight && asOf <= inFlight.sentAt) return inFlight.answered;
    if (waiting) return waiting;
    const next = previous.then(afterThisTurn).then(() => {
      waiting = null;
      const sentAt = performance.now();
      const answered = listening.query("SELECT 1").then(() => {
        if (client === listening) settledAt = Math.max(settledAt, sentAt);
      });
      inFlight = { sentAt, answered };
      return answered.finally(() => {
        if (inFlight?.answered === answered) inFlight = null;
      });
    });
    waiting = next;
    previous = next.catch(() => undefined);
    return next;
  }

  await connect();
  return {
    settlesByRoundTrip: true,
    async settledGeneration(asOf = performance.now()) {
      const listening = client;
      if (!listening) return null;
      try {
        await barrier(listening, asOf);
      } catch {
        return null;
      }
      return client === listening ? heard.generation : null;
    },
    changesSince: (from, upTo) => heard.since(from, upTo),
    onChange: (listener) => heard.onChange(listener),
    async close() {
      closed = true;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
