import type { PrismaClient } from "./database.ts";

// Someone is waiting on a reply within Slack's 3 s: a command's acknowledgement, a form that must
// open before its trigger expires. On the embedded database every statement runs on this
// process's one thread (PGlite executes synchronously), so fifty writes queued for the session
// would keep those replies waiting however little they need. Writes through writeOnce on a
// single-session database therefore take turns in this process, and each turn first lets the
// waiting replies go — for at most MAX_YIELD_MS from when the write was asked for, however long
// the queue: a form submission is waiting on its write within the same 3 s (measured: a bound
// per turn instead, 0.75 s, let fifty queued submissions run past Slack's 3 s).

/** How long, in all, a write lets waiting replies go first. */
export const MAX_YIELD_MS = 300;

let waiting = 0;
let wakeUps: (() => void)[] = [];

/** Runs `reply` as something a person is waiting on: writes wait for it (a while). */
export async function inForeground<T>(reply: () => Promise<T>): Promise<T> {
  waiting++;
  try {
    return await reply();
  } finally {
    waiting--;
    if (waiting === 0) {
      const woken = wakeUps;
      wakeUps = [];
      for (const wake of woken) wake();
    }
  }
}

/** Resolves when nobody is waiting on a reply, or after maxMs. */
export function foregroundIdle(maxMs = MAX_YIELD_MS): Promise<void> {
  if (waiting === 0 || maxMs <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    timer.unref();
    wakeUps.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const singleSession = new WeakSet<PrismaClient>();
const turns = new WeakMap<PrismaClient, Promise<unknown>>();

/** Marks a client whose database serves one session (PGlite): its writes take turns here. */
export function servesOneSession(prisma: PrismaClient): void {
  singleSession.add(prisma);
}

/**
 * Runs a write after the replies people are waiting on; on a single-session database, one write
 * of this process at a time (they would queue for the session anyway, but there, while holding
 * its turn, a write can't step aside).
 */
export function writeTurn<T>(prisma: PrismaClient, write: () => Promise<T>): Promise<T> {
  const yieldUntil = Date.now() + MAX_YIELD_MS;
  const letRepliesGo = () => foregroundIdle(yieldUntil - Date.now());
  if (!singleSession.has(prisma)) return letRepliesGo().then(write);
  const previous = turns.get(prisma) ?? Promise.resolve();
  // Each turn starts on a fresh turn of the event loop, so requests that arrived meanwhile are read first.
  const mine = previous
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(letRepliesGo)
    .then(write);
  turns.set(
    prisma,
    mine.catch(() => undefined),
  );
  return mine;
}
