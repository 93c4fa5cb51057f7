import pg from "pg";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "./registers.ts";

// Tests run against both databases the app supports: the embedded PGlite (in memory) and the
// PostgreSQL server on 127.0.0.1:5432, in a database of their own that is dropped afterwards.

export type DatabaseKind = "embedded" | "server";
export const databaseKinds: DatabaseKind[] = ["embedded", "server"];

export const serverAdminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  db: Database;
  /** The server database's URL (for a second instance on the same database); undefined when embedded. */
  url?: string;
  dispose(): Promise<void>;
}

/** A fresh database on the server, named `<prefix>_<pid>_<random>` (benchmarks use their own prefix). */
export async function createServerDatabase(prefix = "modbot_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "embedded") {
    const db = await openDatabase({ kind: "embedded", dataDir: "memory://" });
    return { db, dispose: () => db.close() };
  }
  const server = await createServerDatabase();
  const db = await openDatabase({ kind: "server", url: server.url });
  return {
    db,
    url: server.url,
    async dispose() {
      await db.close();
      await server.drop();
    },
  };
}

/**
 * An embedded database in a directory of its own, opened by a holder ("the test's holder") with
 * the small register, and a second Database reaching it through the holder's socket, as another
 * modbot process would.
 */
/** A database of its own on the PostgreSQL server holding smallRegister(), for `modbot start` processes to share. */
export async function createServerDatabaseWithSmallRegister(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createServerDatabase();
  const db = await openDatabase({ kind: "server", url: database.url });
  try {
    await importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" });
  } finally {
    await db.close();
  }
  return database;
}

export async function createSharedEmbeddedDatabase(prefix: string): Promise<{ dataDir: string; holder: Database; through: Database; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const holder = await openDatabase({ kind: "embedded", dataDir }, { holderName: "the test's holder" });
  await importRegister(holder.prisma, smallRegister(), { mode: "replace", actor: "test" });
  const through = await openDatabase({ kind: "embedded", dataDir });
  return {
    dataDir,
    holder,
    through,
    async dispose() {
      await through.close();
      await holder.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
