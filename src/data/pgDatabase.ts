import type * as pg from "pg";
import { listenToServerChanges } from "./changeFeed.ts";
import type { Database, DatabaseTarget } from "./database.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, type SqlSession } from "./migrate.ts";
import { pgDriver, prismaPgAdapter } from "./pgDriver.ts";
import { statementNamer } from "./statementNames.ts";

// A database reached over the PostgreSQL protocol: a PostgreSQL server, or the embedded one
// through the socket of the process that holds it.

export async function openPgDatabase(
  target: DatabaseTarget,
  connection: pg.ClientConfig,
  options: { poolSize: number; serialiseMigrations: boolean; reachedThrough?: string },
): Promise<Database> {
  // Migrations run on a dedicated connection: the advisory lock that serialises replicas
  // starting together is held by a session, not a pool.
  const migrationClient = new (pgDriver().Client)(connection);
  // A connection that fails or drops rejects what was asked of it; the event would only crash the process.
  migrationClient.on("error", () => undefined);
  await migrationClient.connect();
  let migrations;
  try {
    migrations = await applyMigrations(pgSession(migrationClient), { serialiseWithAdvisoryLock: options.serialiseMigrations });
  } finally {
    await migrationClient.end();
  }
  const pool = new (pgDriver().Pool)({ ...connection, max: options.poolSize });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`modbot: database connection lost: ${error.message}`));
  // Not through an embedded database's holder: there every process shares one session, and
  // one process's names would meet another's (the holder prepares its own, namedStatements.ts).
  const statementNameGenerator = options.reachedThrough === undefined ? statementNamer() : undefined;
  const prisma = new PrismaClient({
    adapter: new (prismaPgAdapter().PrismaPg)(
      pool,
      // pg runs a query without a name (undefined) unprepared, as it does without a generator.
      statementNameGenerator && { statementNameGenerator: (query) => statementNameGenerator(query.sql) as string },
    ),
  });
  const changes = await listenToServerChanges(connection, (message) => console.error(message));
  return {
    prisma,
    target,
    changes,
    migrations,
    reachedThrough: options.reachedThrough,
    isHealthy: () => answers(() => pool.query("SELECT 1")),
    async close() {
      await changes.close();
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

export async function answers(query: () => Promise<unknown>): Promise<boolean> {
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
