import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/appContext.ts";
import { listenToServerChanges } from "../../src/data/changeFeed.ts";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { lookUpModificationCard } from "../../src/data/modifications.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "../support/registers.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/testDatabase.ts";

// /mod status serves cards from memory until the register changes. These tests make sure no
// change, from any writer, is ever hidden by the cache.

async function titleOf(ctx: AppContext, typed: string): Promise<string | undefined> {
  const lookup = await lookUpModificationCard(ctx.prisma, typed, ctx.cache);
  return lookup.kind === "found" ? lookup.card.title : undefined;
}

describe.each(databaseKinds)("the status read cache (%s database)", (database) => {
  let t: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    t = await createTestDatabase(database);
    await importRegister(t.db.prisma, smallRegister(), { mode: "replace", actor: "test" });
    ctx = createAppContext({ prisma: t.db.prisma, changes: t.db.changes });
  });
  afterAll(() => t?.dispose());

  it("serves a repeated lookup without reading again, and rereads after any write", async () => {
    let reads = 0;
    const counting = () => {
      reads++;
      return Promise.resolve("value");
    };
    await ctx.cache.remember("k", counting);
    await ctx.cache.remember("k", counting);
    expect(reads).toBe(1);
    await t.db.prisma.party.create({ data: { name: `Writer ${database}`, category: "DCC" } });
    await ctx.cache.remember("k", counting);
    expect(reads).toBe(2);
  });

  it("reads a card again as soon as its own modification changes, so the next lookup is from memory", async () => {
    let reads = 0;
    const card = (title: string) => () => {
      reads++;
      return Promise.resolve({ title });
    };
    const modification = await t.db.prisma.modification.findUniqueOrThrow({ where: { reference: "MP079" } });
    const tags = () => [`m:${modification.id}`];
    await ctx.cache.remember("refresh-ahead:MP079", card("first"), tags, { refreshAhead: true });
    await ctx.cache.remember("plain:MP079", card("first"), tags);
    expect(reads).toBe(2);
    await t.db.prisma.modification.update({ where: { id: modification.id }, data: { summary: `touched ${database}` } });
    await expect.poll(() => reads).toBe(3);
    // The refreshed entry is served without a read; the plain one is read when asked for.
    expect(await ctx.cache.remember("refresh-ahead:MP079", card("later"), tags, { refreshAhead: true })).toEqual({ title: "first" });
    expect(reads).toBe(3);
    expect(await ctx.cache.remember("plain:MP079", card("later"), tags)).toEqual({ title: "later" });
    expect(reads).toBe(4);
  });

  it("reads a warmed card again too, when it says how", async () => {
    let reads = 0;
    const modification = await t.db.prisma.modification.findUniqueOrThrow({ where: { reference: "MP079" } });
    const tags = () => [`m:${modification.id}`];
    const read = () => {
      reads++;
      return Promise.resolve("read again");
    };
    await ctx.cache.warm(async () => [{ key: "warmed:MP079", value: "warmed", tags: tags(), readAgain: { read, tagsOf: tags } }]);
    await t.db.prisma.modification.update({ where: { id: modification.id }, data: { summary: `touched again ${database}` } });
    await expect.poll(() => reads).toBe(1);
    expect(await ctx.cache.remember("warmed:MP079", () => Promise.resolve("not read"), tags)).toBe("read again");
  });

  it("does not read cards again when a table every card reads changes", async () => {
    let reads = 0;
    const counting = () => {
      reads++;
      return Promise.resolve("card");
    };
    const modification = await t.db.prisma.modification.findUniqueOrThrow({ where: { reference: "MP079" } });
    await ctx.cache.remember("refresh-ahead:shared", counting, () => [`m:${modification.id}`, "release"], { refreshAhead: true });
    await t.db.prisma.release.create({ data: { name: `Release for ${database}`, kind: "SCHEDULED" } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads).toBe(1);
  });

  it("shows a change made through Prisma on the very next lookup", async () => {
    expect(await titleOf(ctx, "mp79")).toBe("Provisions for withdrawing modifications");
    await t.db.prisma.modification.update({ where: { reference: "MP079" }, data: { title: "Provisions for withdrawing modifications (v2)" } });
    expect(await titleOf(ctx, "mp79")).toBe("Provisions for withdrawing modifications (v2)");
  });

  it("shows a change to a related row (an assessment) at once", async () => {
    const before = await lookUpModificationCard(ctx.prisma, "SECMP0024", ctx.cache);
    expect(before.kind === "found" && before.card.assessments[0]!.deliveredOn).toBeNull();
    await t.db.prisma.assessment.updateMany({ where: { modification: { reference: "SECMP0024" } }, data: { deliveredOn: new Date("2019-10-01"), status: "DELIVERED" } });
    const after = await lookUpModificationCard(ctx.prisma, "SECMP0024", ctx.cache);
    expect(after.kind === "found" && after.card.assessments[0]!.status).toBe("DELIVERED");
  });

  it("finds a modification created after a miss was answered", async () => {
    expect(await titleOf(ctx, "DP099")).toBeUndefined();
    await t.db.prisma.modification.create({ data: { number: 99, series: "DP", reference: "DP099", title: "Brand new", status: "DRAFT_RAISED" } });
    expect(await titleOf(ctx, "DP099")).toBe("Brand new");
  });
});

// A title changed with the triggers off: nothing announces it, so a card read before it shows the
// old title for as long as the cache keeps it — which is how these tests see what was kept.
async function retitleUnannounced(prisma: AppContext["prisma"], reference: string, title: string): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`ALTER TABLE "modification" DISABLE TRIGGER USER`),
    prisma.$executeRaw`UPDATE "modification" SET "title" = ${title} WHERE "reference" = ${reference}`,
    prisma.$executeRawUnsafe(`ALTER TABLE "modification" ENABLE TRIGGER USER`),
  ]);
}

describe.each(databaseKinds)("the status read cache drops only what a change touched (%s database, signed HTTP)", (database) => {
  const ADMIN = "UADMIN";
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      database,
      admins: [ADMIN],
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
  });
  afterAll(() => app?.close());

  const say = async (text: string) => readableText((await app.command(text, { userId: ADMIN })).json());

  it("keeps another modification's card after a write, and shows the written one fresh", async () => {
    expect(await say("status MP079")).toContain("Provisions for withdrawing modifications");
    expect(await say("status DP084")).not.toContain("Ready for the Panel to convert");
    await retitleUnannounced(app.db.prisma, "MP079", "Retitled where nobody heard");

    expect(await say("move DP084 ready")).toContain("Now ready for the Panel to convert");
    expect(await say("status DP084")).toContain("Ready for the Panel to convert (CSC decision)");
    // MP079's card was not touched by the write to DP084, so it is still served from memory.
    const mp79 = await say("status MP079");
    expect(mp79).toContain("Provisions for withdrawing modifications");
    expect(mp79).not.toContain("Retitled where nobody heard");

    // A party added is on no card; a party renamed is on the cards it raised, and only those.
    await retitleUnannounced(app.db.prisma, "DP084", "Seating, retitled unheard");
    await app.db.prisma.party.create({ data: { name: "Newly Registered Energy", category: "OTHER_SEC_PARTY" } });
    expect(await say("status DP084")).not.toContain("Seating, retitled unheard");
    await app.db.prisma.party.updateMany({ where: { name: "Energy Savings Trust" }, data: { name: "Energy Savings Trust Ltd" } });
    const renamed = await say("status DP084");
    expect(renamed).toContain("Seating, retitled unheard");
    expect(renamed).toContain("Raised  by Energy Savings Trust Ltd");
    expect(await say("status MP079")).not.toContain("Retitled where nobody heard");
  });

  it("finds a modification raised after a miss, without dropping the other cards", async () => {
    expect(await say("status SECMP0024")).toContain("Enduring Approach to Communication Hub Firmware Management");
    expect(await say("status DP099")).toContain("I couldn't find DP099");
    await retitleUnannounced(app.db.prisma, "SECMP0024", "Firmware, retitled unheard");
    await app.db.prisma.modification.create({ data: { number: 99, series: "DP", reference: "DP099", title: "Raised after the miss", status: "DRAFT_RAISED" } });
    expect(await say("status DP099")).toContain("Raised after the miss");
    expect(await say("status SECMP0024")).not.toContain("retitled unheard");
  });
});

describe("the status read cache across replicas (server database)", () => {
  let t: TestDatabase;
  let other: Database;
  beforeAll(async () => {
    t = await createTestDatabase("server");
    await importRegister(t.db.prisma, smallRegister(), { mode: "replace", actor: "test" });
    other = await openDatabase({ kind: "server", url: t.url! });
  });
  afterAll(async () => {
    await other?.close();
    await t?.dispose();
  });

  it("shows a change another instance committed on the next lookup", async () => {
    const here = createAppContext({ prisma: t.db.prisma, changes: t.db.changes });
    for (let round = 1; round <= 20; round++) {
      const title = `Change Coordination, revision ${round}`;
      await other.prisma.modification.update({ where: { reference: "MP080" }, data: { title } });
      expect(await titleOf(here, "MP080")).toBe(title);
    }
  });

  it("is served from the database again when the change feed is lost", async () => {
    const here = createAppContext({ prisma: t.db.prisma, changes: t.db.changes });
    await titleOf(here, "MP079");
    const admin = await import("pg");
    const client = new admin.default.Client({ connectionString: t.url });
    await client.connect();
    // Cut the listening connection (its last statement is LISTEN or the SELECT 1 barrier), as a network failure would.
    const cut = await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')`,
    );
    expect(cut.rowCount).toBeGreaterThanOrEqual(1);
    await client.query(`UPDATE modification SET title = 'Renamed while nobody listened' WHERE reference = 'MP079'`);
    await client.end();
    expect(await titleOf(here, "MP079")).toBe("Renamed while nobody listened");
  });

  it("sends one barrier for every read as of the same moment, and reflects what committed before it", async () => {
    // The listening connection's socket, watched: after LISTEN, all it sends is barriers, each a
    // simple Query "SELECT 1" (1 + 4 + 9 bytes).
    let socket: net.Socket | undefined;
    const feed = await listenToServerChanges({ connectionString: t.url, stream: () => (socket = new net.Socket()) });
    const barriersSince = (bytes: number) => (socket!.bytesWritten - bytes) / "Q....SELECT 1\0".length;
    try {
      const before = await feed.settledGeneration();
      await other.prisma.modification.update({ where: { reference: "MP080" }, data: { title: "Change Coordination, as of a moment" } });
      const moment = performance.now();
      const sent = socket!.bytesWritten;
      const generations = await Promise.all(Array.from({ length: 20 }, () => feed.settledGeneration(moment)));
      expect(generations.every((generation) => generation! > before!)).toBe(true);
      expect(await feed.settledGeneration(moment)).toBeGreaterThan(before!);
      expect(barriersSince(sent)).toBe(1);
      // Asked as of now, after that barrier was sent: a barrier of its own.
      await feed.settledGeneration();
      expect(barriersSince(sent)).toBe(2);
    } finally {
      await feed.close();
    }
  });
});
