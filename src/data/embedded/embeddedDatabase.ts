import { PGlite, type QueryOptions } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { chmodSync, mkdirSync, unlinkSync } from "node:fs";
import net from "node:net";
import v8 from "node:v8";
import { setTimeout as sleep } from "node:timers/promises";
import { CHANGES_CHANNEL, listenToEmbeddedChanges } from "../changeFeed.ts";
import type { Database, DatabaseTarget, OpenOptions } from "../database.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations, type SqlSession } from "../migrate.ts";
import { answers, openPgDatabase } from "../pgDatabase.ts";
import {
  DataDirInUseError,
  describeHolder,
  describeThisProcess,
  lockDataDir,
  sessionSocketPath,
  type DataDirLock,
  type Holder,
} from "./dataDirLock.ts";
import { namedStatements } from "./namedStatements.ts";
import { createSessionServer, type SessionServer } from "./sessionServer.ts";
import { servesOneSession } from "../foreground.ts";

// The embedded database (PGlite) in DATA_DIR. Exactly one process opens a directory (see
// dataDirLock.ts); while it has it open it serves it on a socket in the directory, and every
// other modbot process — `modbot import` beside a running bot, or `psql -h DATA_DIR` — goes
// through that process (see sessionServer.ts), so all of them share one PGlite session.

type EmbeddedTarget = Extract<DatabaseTarget, { kind: "embedded" }>;

/** How long a command waits for a holder that is starting up or closing. */
const WAIT_FOR_HOLDER_MS = 30_000;
/** How long a command waits for the holder to answer once connected. */
export const HOLDER_ANSWER_MS = 15_000;
/** How long closing waits for other processes' work in progress before ending it. */
const CLOSE_GRACE_MS = 5_000;

export async function openEmbeddedDatabase(target: EmbeddedTarget, options: OpenOptions): Promise<Database> {
  if (target.dataDir.startsWith("memory://")) return openPGlite(target, null);
  mkdirSync(target.dataDir, { recursive: true });
  const waitUntil = Date.now() + WAIT_FOR_HOLDER_MS;
  for (;;) {
    const attempt = await lockDataDir(target.dataDir, options.holderName ?? describeThisProcess());
    if (attempt.acquired) return openPGlite(target, attempt.lock);
    if (options.access === "own") {
      throw new DataDirInUseError(
        target.dataDir,
        attempt.holder,
        "; stop it first (one process opens an embedded database at a time; other modbot commands go through it), or use another DATA_DIR.",
      );
    }
    const socketPath = sessionSocketPath(target.dataDir);
    if (!socketPath) {
      throw new DataDirInUseError(target.dataDir, attempt.holder, ", and its path is too long for a Unix socket to share it; use a shorter DATA_DIR.");
    }
    try {
      return await openThroughHolder(target, socketPath, attempt.holder);
    } catch (error) {
      // Not serving yet (starting up) or any more (closing): wait for it, or for the lock.
      const betweenStates = holderIsBetweenStates(error);
      if (betweenStates && Date.now() < waitUntil) {
        await sleep(200);
        continue;
      }
      throw new DataDirInUseError(target.dataDir, attempt.holder, whyNotThrough(error, betweenStates));
    }
  }
}

function whyNotThrough(error: unknown, betweenStates: boolean): string {
  if (betweenStates) return `, which did not open the database to other commands within ${WAIT_FOR_HOLDER_MS / 1000} s (still starting, or closing); try again in a moment.`;
  if (/timeout/i.test((error as Error).message)) return `, which did not answer within ${HOLDER_ANSWER_MS / 1000} s.`;
  return `, and reaching the database through it failed (${(error as Error).message}).`;
}

function holderIsBetweenStates(error: unknown): boolean {
  const { code } = error as { code?: string };
  return code === "ENOENT" || code === "ECONNREFUSED" || code === "57P03";
}

function openThroughHolder(target: EmbeddedTarget, socketPath: string, holder: Holder | null): Promise<Database> {
  const socketDir = socketPath.slice(0, socketPath.lastIndexOf("/"));
  // pg reaches a Unix socket as host=<directory>, port=<n> → <directory>/.s.PGSQL.<n>.
  // One connection: the holder runs one session, so more would only queue there instead of here.
  return openPgDatabase(
    target,
    { host: socketDir, port: 5432, user: "postgres", database: "postgres", connectionTimeoutMillis: HOLDER_ANSWER_MS },
    { poolSize: 1, serialiseMigrations: false, reachedThrough: describeHolder(holder) },
  );
}

/**
 * PGlite's PostgreSQL is ~10 MB of WebAssembly. V8 runs it first with its baseline compiler
 * (Liftoff) and recompiles hot functions with TurboFan on background threads; on a 2-core
 * machine that recompiling competes with the requests for the first minutes and holds ~60 MB
 * more. Measured on the demo register (scratch bench, 200 card queries): default — open 0.7 s,
 * first queries 100–250 ms, steady 10–12 ms, 1.8–2.0 s CPU for open + 5 queries, RSS 330 MB;
 * Liftoff only — open 0.55 s, first queries 30–45 ms, steady 8–9 ms, 1.0 s CPU, RSS 250–263 MB.
 * The flag must be set before the module is compiled, i.e. before the first PGlite opens.
 */
function runWebAssemblyWithBaselineCompilerOnly(): void {
  v8.setFlagsFromString("--liftoff-only");
}

async function openPGlite(target: EmbeddedTarget, lock: DataDirLock | null): Promise<Database> {
  runWebAssemblyWithBaselineCompilerOnly();
  let pglite: PGlite | undefined;
  let sessions: SessionServer | undefined;
  let socket: net.Server | null = null;
  try {
    pglite = await PGlite.create(target.dataDir);
    // One session: nothing else can be migrating it at the same time.
    const migrations = await applyMigrations(pgliteSession(pglite), { serialiseWithAdvisoryLock: false });
    const db = pglite;
    sessions = createSessionServer(db, { keepListening: [CHANGES_CHANNEL], log: (message) => console.error(message) });
    const changes = await listenToEmbeddedChanges(db, sessions);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(forPrisma(db)) });
    servesOneSession(prisma);
    socket = lock ? await serveOnSocket(target.dataDir, sessions) : null;
    const served = sessions;
    const listening = socket;
    return {
      prisma,
      target,
      changes,
      migrations,
      isHealthy: () => answers(() => db.query("SELECT 1")),
      async close() {
        const stoppedListening = listening ? new Promise((done) => listening.close(done)) : Promise.resolve();
        await served.close(CLOSE_GRACE_MS);
        await stoppedListening;
        await changes.close();
        await prisma.$disconnect();
        if (!db.closed) await db.close();
        await lock?.release();
      },
    };
  } catch (error) {
    socket?.close();
    await sessions?.close(0);
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    await lock?.release();
    throw error;
  }
}

/** Listens on DATA_DIR/.s.PGSQL.5432, readable and writable by this user only. */
async function serveOnSocket(dataDir: string, sessions: SessionServer): Promise<net.Server | null> {
  const path = sessionSocketPath(dataDir);
  if (!path) {
    console.error(`modbot: ${dataDir} is too long a path for a Unix socket; other modbot commands can't reach the database while this process runs.`);
    return null;
  }
  // Left by a holder that died; only the lock's holder comes here.
  try {
    unlinkSync(path);
  } catch {
    // none
  }
  const server = net.createServer();
  sessions.serve(server);
  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(path, () => {
      server.off("error", failed);
      listening();
    });
  });
  chmodSync(path, 0o600);
  server.unref();
  return server;
}

const nextTurnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Query = (sql: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;

/**
 * What Prisma is given instead of the PGlite itself: its statements are prepared once and bound
 * by name after (namedStatements.ts), and each waits for the next turn of the event loop first.
 * PGlite runs each statement synchronously on this thread, and a chain of Prisma statements
 * resolves promise after promise without returning to the event loop, so a transaction (and
 * the writes queued behind it) would keep every incoming request unread until it is done;
 * waiting a turn lets acknowledgements and forms go out between them.
 */
function forPrisma(db: PGlite): PGlite {
  const statements = namedStatements(db);
  const wrap = <T extends object>(target: T, inTransaction: boolean): T =>
    new Proxy(target, {
      get(on, property) {
        if (property === "query") {
          const own = (on as unknown as { query: Query }).query.bind(on);
          return async (sql: string, params?: unknown[], options?: QueryOptions) => {
            await nextTurnOfTheLoop();
            return statements.names(sql, options) ? statements.query(sql, params, options, inTransaction) : own(sql, params, options);
          };
        }
        if (property === "transaction" && !inTransaction) {
          return (callback: (tx: object) => Promise<unknown>) => (on as unknown as PGlite).transaction((tx) => callback(wrap(tx, true)));
        }
        const value = Reflect.get(on, property, on) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(on) : value;
      },
    });
  return wrap(db, false);
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  };
}
