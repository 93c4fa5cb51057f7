import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { applyMigrations, readMigrations, type SqlSession } from "../../src/data/migrate.ts";
import { createServerDatabase } from "../support/testDatabase.ts";

describe("migrations applied by the app", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serverDatabase(): Promise<string> {
    const server = await createServerDatabase();
    cleanups.push(server.drop);
    return server.url;
  }

  async function connect(url: string): Promise<{ client: pg.Client; session: SqlSession }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanups.push(() => client.end());
    const session: SqlSession = {
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    };
    return { client, session };
  }

  async function recorded(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    } finally {
      await client.end();
    }
  }

  it("records each migration as Prisma does: name, sha256 of migration.sql, finished", async () => {
    const url = await serverDatabase();
    const db = await openDatabase({ kind: "server", url });
    cleanups.push(() => db.close());
    const rows = await recorded(url);
    const onDisk = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name));
    const init = onDisk[0]!;
    const sha = createHash("sha256").update(readFileSync(`prisma/migrations/${init.name}/migration.sql`)).digest("hex");
    expect(rows[0]).toMatchObject({ migration_name: init.name, checksum: sha, applied_steps_count: 1 });
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("lets two instances start at once on one server: each migration is applied once", async () => {
    const url = await serverDatabase();
    const opened: Database[] = await Promise.all([openDatabase({ kind: "server", url }), openDatabase({ kind: "server", url })]);
    for (const db of opened) cleanups.push(() => db.close());
    expect((await recorded(url)).length).toBe(readMigrations().length);
    await opened[0]!.prisma.party.create({ data: { name: "Northern Powergrid", category: "ELECTRICITY_NETWORK" } });
    expect(await opened[1]!.prisma.party.count()).toBe(1);
  });

  it("does nothing when started again", async () => {
    const url = await serverDatabase();
    const { session } = await connect(url);
    const first = await applyMigrations(session, { serialiseWithAdvisoryLock: true });
    const second = await applyMigrations(session, { serialiseWithAdvisoryLock: true });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
  });

  it("refuses to run when an applied migration was edited, and rolls back a failing one whole", async () => {
    const url = await serverDatabase();
    const { client, session } = await connect(url);
    const migrations = readMigrations();
    await applyMigrations(session, { serialiseWithAdvisoryLock: true, migrations });
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(applyMigrations(session, { serialiseWithAdvisoryLock: true, migrations: edited })).rejects.toThrow(/was edited after it was applied/);

    const broken = { name: "99999999999999_broken", sql: `CREATE TABLE "half" (id INT); SELECT * FROM "no_such_table";`, checksum: "x".repeat(64) };
    await expect(applyMigrations(session, { serialiseWithAdvisoryLock: true, migrations: [...migrations, broken] })).rejects.toThrow(/99999999999999_broken failed/);
    const half = await client.query(`SELECT to_regclass('public.half') AS t`);
    expect(half.rows[0].t).toBeNull();
    expect((await recorded(url)).map((r) => r.migration_name)).not.toContain(broken.name);
  });

  it("keeps an embedded database's data between runs in its data directory", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "modbot-pglite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ kind: "embedded", dataDir: dir });
    await first.prisma.party.create({ data: { name: "Shell Energy", category: "LARGE_SUPPLIER" } });
    await first.close();
    const second = await openDatabase({ kind: "embedded", dataDir: dir });
    cleanups.push(() => second.close());
    expect((await second.prisma.party.findMany()).map((p) => p.name)).toEqual(["Shell Energy"]);
  });
});
