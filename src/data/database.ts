import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "./generated/prisma/client.ts";
import { listenToEmbeddedChanges, listenToServerChanges, type ChangeFeed } from "./changeFeed.ts";
import { applyMigrations, type SqlSession } from "./migrate.ts";

export type { PrismaClient };

export type DatabaseTarget =
  | { kind: "server"; url: string }
  /** `dataDir` is a folder, or "memory://" for a throwaway database (tests, benchmarks). */
  | { kind: "embedded"; dataDir: string };

export interface Database {
  readonly prisma: PrismaClient;
  readonly target: DatabaseTarget;
  /** Whether what was read earlier may be stale (for read caches). */
  readonly changes: ChangeFeed;
  /** True when the database answers a trivial query (for /healthz). */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export function databaseTargetFrom(settings: { databaseUrl?: string; dataDir: string }): DatabaseTarget {
  return settings.databaseUrl
    ? { kind: "server", url: settings.databaseUrl }
    : { kind: "embedded", dataDir: settings.dataDir };
}

/** Opens the database and brings its schema up to date (migrations are applied on every open). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "server" ? openServerDatabase(target) : openEmbeddedDatabase(target);
}

async function openServerDatabase(target: Extract<DatabaseTarget, { kind: "server" }>): Promise<Database> {
  // Migrations run on a dedicated connection: the advisory lock that serialises replicas
  // starting together is held by a session, not a pool.
  const migrationClient = new pg.Client({ connectionString: target.url });
  await migrationClient.connect();
  try {
    await applyMigrations(pgSession(migrationClient), { serialiseWithAdvisoryLock: true });
  } finally {
    await migrationClient.end();
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`modbot: database connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const changes = await listenToServerChanges(target.url, (message) => console.error(message));
  return {
    prisma,
    target,
    changes,
    isHealthy: () => answers(() => pool.query("SELECT 1")),
    async close() {
      await changes.close();
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openEmbeddedDatabase(target: Extract<DatabaseTarget, { kind: "embedded" }>): Promise<Database> {
  if (!target.dataDir.startsWith("memory://")) mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  // PGlite is one session in this process, so there is no other instance to serialise with.
  await applyMigrations(pgliteSession(pglite), { serialiseWithAdvisoryLock: false });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const changes = await listenToEmbeddedChanges(pglite);
  return {
    prisma,
    target,
    changes,
    isHealthy: () => answers(() => pglite.query("SELECT 1")),
    async close() {
      await changes.close();
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function answers(query: () => Promise<unknown>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch {
    return false;
  }
}

function pgSession(client: pg.Client): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
  };
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  };
}
