import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { namedStatements } from "../../src/data/embedded/namedStatements.ts";

// Prisma's statements on the embedded database are prepared once and bound by name after
// (src/data/embedded/namedStatements.ts). Against a real PGlite: the answers are query()'s, the
// session keeps what it should, and a statement the session lost is prepared again.

const ours = async (db: PGlite) =>
  (await db.query<{ name: string; statement: string }>(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'modbot\\_%' ORDER BY name`)).rows;

describe("named statements on PGlite", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create("memory://");
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.exec(`DEALLOCATE ALL; DROP TABLE IF EXISTS item; CREATE TABLE item (id int PRIMARY KEY, name text, due date, note text)`);
    await db.exec(`INSERT INTO item VALUES (1, 'one', '2026-07-30', NULL), (2, 'two', NULL, 'x')`);
  });

  it("answers as query() does, fields, rows and counts, with the options Prisma passes", async () => {
    const statements = namedStatements(db);
    const sql = "SELECT id, name, due, note FROM item WHERE id >= $1 ORDER BY id";
    const options = { rowMode: "array" as const, parsers: { 1082: (value: string) => `date ${value}` } };
    const expected = await db.query(sql, [1], options);
    const first = await statements.query(sql, [1], options, false);
    const again = await statements.query(sql, ["1"], options, false);
    for (const answer of [first, again]) {
      expect(answer.rows).toEqual(expected.rows);
      expect(answer.fields).toEqual(expected.fields);
    }
    expect(first.rows).toEqual([
      [1, "one", "date 2026-07-30", null],
      [2, "two", null, "x"],
    ]);
    const written = await statements.query("UPDATE item SET note = $1 WHERE id = $2", [null, 2], undefined, false);
    expect(written.affectedRows).toBe(1);
    expect((await db.query("SELECT note FROM item WHERE id = 2")).rows).toEqual([{ note: null }]);
  });

  it("prepares each statement once, under one name, and leaves DDL and a closed database to query()", async () => {
    const statements = namedStatements(db);
    for (let i = 0; i < 3; i++) await statements.query("SELECT name FROM item WHERE id = $1", [1], undefined, false);
    await statements.query("SELECT count(*) FROM item", [], undefined, false);
    expect((await ours(db)).map((row) => row.statement)).toEqual(["SELECT name FROM item WHERE id = $1", "SELECT count(*) FROM item"]);
    expect(statements.names("CREATE INDEX ON item (name)")).toBe(false);
    expect(statements.names("  with x as (select 1) select * from x")).toBe(true);
    const closed = await PGlite.create("memory://");
    await closed.close();
    expect(namedStatements(closed).names("SELECT 1")).toBe(false);
  });

  it("keeps at most as many as it is allowed, closing the one used longest ago", async () => {
    const statements = namedStatements(db, 2);
    await statements.query("SELECT 1 AS a", [], undefined, false);
    await statements.query("SELECT 2 AS b", [], undefined, false);
    await statements.query("SELECT 1 AS a", [], undefined, false); // used again: now the newest
    await statements.query("SELECT 3 AS c", [], undefined, false);
    expect(statements.size()).toBe(2);
    expect((await ours(db)).map((row) => row.statement).sort()).toEqual(["SELECT 1 AS a", "SELECT 3 AS c"]);
    expect((await statements.query("SELECT 2 AS b", [], undefined, false)).rows).toEqual([{ b: 2 }]);
  });

  it("prepares a statement again when the session lost it (a client's DISCARD ALL) or its result changed shape", async () => {
    const statements = namedStatements(db);
    await statements.query("SELECT name FROM item WHERE id = $1", [1], undefined, false);
    await db.exec("DISCARD ALL");
    expect((await statements.query("SELECT name FROM item WHERE id = $1", [2], undefined, false)).rows).toEqual([{ name: "two" }]);

    await statements.query("SELECT * FROM item WHERE id = $1", [1], undefined, false);
    await db.exec("ALTER TABLE item ADD COLUMN owner text DEFAULT 'nobody'");
    const reshaped = await statements.query("SELECT * FROM item WHERE id = $1", [1], undefined, false);
    expect(reshaped.rows).toEqual([{ id: 1, name: "one", due: new Date("2026-07-30T00:00:00Z"), note: null, owner: "nobody" }]);
  });

  it("throws what query() throws, and the session goes on", async () => {
    const statements = namedStatements(db);
    const insert = "INSERT INTO item (id, name) VALUES ($1, $2)";
    await expect(statements.query(insert, [1, "again"], undefined, false)).rejects.toMatchObject({ code: "23505" });
    await expect(statements.query("SELECT nothing FROM item", [], undefined, false)).rejects.toMatchObject({ code: "42703" });
    await statements.query(insert, [3, "three"], undefined, false);
    expect((await db.query("SELECT count(*)::int AS n FROM item")).rows).toEqual([{ n: 3 }]);
  });

  it("runs inside the transaction that holds the session: rolled back with it, committed with it", async () => {
    const statements = namedStatements(db);
    const insert = "INSERT INTO item (id, name) VALUES ($1, $2)";
    await expect(
      db.transaction(async () => {
        await statements.query(insert, [5, "five"], undefined, true);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await db.transaction(async () => {
      await statements.query(insert, [6, "six"], undefined, true);
    });
    expect((await db.query("SELECT id FROM item WHERE id > 2 ORDER BY id")).rows).toEqual([{ id: 6 }]);
  });
});
