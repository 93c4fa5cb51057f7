import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectFile } from "../projectFiles.ts";

// The Prisma CLI cannot migrate on our machines (it downloads its schema engine), so the app
// applies prisma/migrations itself and records them in _prisma_migrations exactly as Prisma
// does, which keeps `prisma migrate status` truthful wherever the CLI works.

export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const migrationsDir = projectFile("prisma/migrations");

// An arbitrary constant shared by every modbot instance: pg_advisory_lock's key.
const MIGRATION_LOCK_KEY = 0x6d6f6462;

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function applyMigrations(
  session: SqlSession,
  options: { serialiseWithAdvisoryLock: boolean; migrations?: Migration[] },
): Promise<MigrationResult> {
  const migrations = options.migrations ?? readMigrations();
  if (options.serialiseWithAdvisoryLock) await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await session.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedChecksums = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const checksum = appliedChecksums.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied to this database. ` +
              `Add a new migration instead of changing an applied one.`,
          );
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      if (await applyOne(session, migration)) result.applied.push(migration.name);
      else result.alreadyApplied.push(migration.name);
    }
    return result;
  } finally {
    if (options.serialiseWithAdvisoryLock) await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}

/** False when someone else applied it meanwhile (two commands sharing one embedded session). */
async function applyOne(session: SqlSession, migration: Migration): Promise<boolean> {
  await session.exec("BEGIN");
  try {
    const applied = await session.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (applied.length > 0) {
      await session.exec("COMMIT");
      return false;
    }
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec("COMMIT");
    return true;
  } catch (error) {
    await session.exec("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
