import { PGlite } from "@electric-sql/pglite";
import { amcheck } from "@electric-sql/pglite/contrib/amcheck";
import pg from "pg";
import { lockDataDir } from "../../src/data/embedded/dataDirLock.ts";

// PostgreSQL's own corruption checks (amcheck) over every table and index of the schema:
// bt_index_check with heapallindexed finds "heap tuple … lacks matching index tuple" (what two
// PGlite instances on one directory produced), verify_heapam finds damaged table pages.

export interface IntegrityReport {
  indexesChecked: number;
  tablesChecked: number;
  problems: string[];
}

export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export async function checkIntegrity(query: Query): Promise<IntegrityReport> {
  await query("CREATE EXTENSION IF NOT EXISTS amcheck");
  const problems: string[] = [];
  const indexes = await query(`
    SELECT c.oid::int AS oid, c.relname AS name FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.amname = 'btree' AND n.nspname = 'public' ORDER BY c.relname`);
  for (const index of indexes) {
    try {
      await query("SELECT bt_index_check($1::int::oid, true)", [index.oid]);
    } catch (error) {
      problems.push(`index ${index.name}: ${(error as Error).message}`);
    }
  }
  const tables = await query(`
    SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY c.relname`);
  for (const table of tables) {
    const damaged = await query("SELECT blkno, offnum, msg FROM verify_heapam($1::int::oid)", [table.oid]);
    for (const row of damaged) problems.push(`table ${table.name} block ${row.blkno}: ${row.msg}`);
  }
  return { indexesChecked: indexes.length, tablesChecked: tables.length, problems };
}

export interface DatabaseLocation {
  dataDir?: string;
  databaseUrl?: string;
}

/** A session of its own on the database: the embedded directory is opened (and locked) directly. */
export async function withDatabaseSession<T>(where: DatabaseLocation, use: (query: Query) => Promise<T>): Promise<T> {
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    try {
      return await use(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  const attempt = await lockDataDir(where.dataDir!, "an integrity check");
  if (!attempt.acquired) throw new Error(`${where.dataDir} is still held by ${attempt.holder?.command ?? "another process"}`);
  const pglite = await PGlite.create(where.dataDir!, { extensions: { amcheck } });
  try {
    return await use(async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows);
  } finally {
    await pglite.close();
    await attempt.lock.release();
  }
}

export const checkEmbeddedIntegrity = (dataDir: string) => withDatabaseSession({ dataDir }, checkIntegrity);
