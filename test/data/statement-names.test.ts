import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/data/database.ts";
import { lookUpModificationCard } from "../../src/data/modifications.ts";
import { openPgDatabase } from "../../src/data/pgDatabase.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { statementNamer } from "../../src/data/statementNames.ts";
import { smallRegister } from "../support/registers.ts";
import { createServerDatabase, createSharedEmbeddedDatabase } from "../support/testDatabase.ts";

// The statements Prisma repeats are prepared under a name (src/data/statementNames.ts): on a
// PostgreSQL server through pg's named queries, on the embedded database by its holder
// (namedStatements.ts), and never by a process reaching the embedded database through the
// holder's socket, whose session the holder's names live in.

const preparedHere = async (db: Database) =>
  db.prisma.$queryRawUnsafe<{ name: string; statement: string }[]>(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'modbot\\_%'`);

describe("statementNamer", () => {
  it("names a statement the second time its text is seen, and keeps that name", () => {
    const nameOf = statementNamer();
    expect(nameOf("SELECT 1")).toBeUndefined();
    const name = nameOf("SELECT 1");
    expect(name).toMatch(/^modbot_\d+$/);
    expect(nameOf("SELECT 1")).toBe(name);
    nameOf("SELECT 2");
    expect(nameOf("SELECT 2")).not.toBe(name);
  });

  it("names only queries and writes, and no more than it may", () => {
    const nameOf = statementNamer(2);
    for (const sql of ["CREATE INDEX ON item (name)", "BEGIN", "SET search_path TO x"]) {
      nameOf(sql);
      expect(nameOf(sql)).toBeUndefined();
    }
    for (const sql of ["SELECT 1", "UPDATE item SET name = $1", "DELETE FROM item"]) nameOf(sql);
    expect(["SELECT 1", "UPDATE item SET name = $1", "DELETE FROM item"].map(nameOf)).toEqual(["modbot_1", "modbot_2", undefined]);
  });
});

describe("prepared statements on a PostgreSQL server", () => {
  let server: { url: string; drop(): Promise<void> };
  let db: Database;
  beforeAll(async () => {
    server = await createServerDatabase();
    // One connection, so the statements prepared are those of the session asked about them.
    db = await openPgDatabase({ kind: "server", url: server.url }, { connectionString: server.url }, { poolSize: 1, serialiseMigrations: true });
    await importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await server?.drop();
  });

  it("reads a card prepared from its second reading on, with the same answer", async () => {
    const first = await lookUpModificationCard(db.prisma, "SECMP0053");
    expect((await preparedHere(db)).some((row) => row.statement.includes(`FROM "public"."modification" AS "t0" LEFT JOIN LATERAL`))).toBe(false);
    const second = await lookUpModificationCard(db.prisma, "SECMP0053");
    const third = await lookUpModificationCard(db.prisma, "SECMP0053");
    expect(first.kind).toBe("found");
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const card = (await preparedHere(db)).filter((row) => row.statement.includes(`FROM "public"."modification" AS "t0" LEFT JOIN LATERAL`));
    expect(card).toHaveLength(1);
  });
});

describe("prepared statements on an embedded database shared through its holder", () => {
  let shared: Awaited<ReturnType<typeof createSharedEmbeddedDatabase>>;
  let holder: Database;
  let through: Database;
  beforeAll(async () => {
    shared = await createSharedEmbeddedDatabase("modbot-names-");
    ({ holder, through } = shared);
  }, 300_000);
  afterAll(() => shared?.dispose());

  it("leaves naming to the holder: both read the same card, over and over, in the one session", async () => {
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push(await lookUpModificationCard(holder.prisma, "SECMP0053"), await lookUpModificationCard(through.prisma, "SECMP0053"));
    expect(reads[0]!.kind).toBe("found");
    for (const read of reads) expect(read).toEqual(reads[0]);
    const seenByHolder = await preparedHere(holder);
    expect(seenByHolder.filter((row) => row.statement.includes(`FROM "public"."modification" AS "t0" LEFT JOIN LATERAL`))).toHaveLength(1);
    // One session: the other process sees the holder's statements, and has added none of its own.
    const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
    expect(names(await preparedHere(through))).toEqual(names(await preparedHere(holder)));
  });
});
