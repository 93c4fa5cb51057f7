import net from "node:net";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/appContext.ts";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { lockDataDir, sessionSocketPath } from "../../src/data/embedded/dataDirLock.ts";
import { HOLDER_ANSWER_MS } from "../../src/data/embedded/embeddedDatabase.ts";
import { DEFAULT_IDLE_TURN_LIMIT_MS } from "../../src/data/embedded/sessionServer.ts";
import { lookUpModificationCard } from "../../src/data/modifications.ts";
import { createSharedEmbeddedDatabase } from "../support/testDatabase.ts";

// One process holds an embedded data directory; others reach its one PGlite session through a
// socket in the directory. These tests share one directory between a holder and clients in this
// process (the socket does not care), and check that nobody's statements land in somebody else's
// transaction, that a stuck or vanished client cannot hold the bot up or leave work half done,
// and that every process hears every commit.

const parties = async (db: Database, prefix: string) =>
  (await db.prisma.party.findMany({ where: { name: { startsWith: prefix } }, orderBy: { name: "asc" } })).map((p) => p.name);

describe("an embedded database shared through its holder", () => {
  let dataDir: string;
  let holder: Database;
  let through: Database;
  let socketDir: string;
  const rawClient = async () => {
    const client = new pg.Client({ host: socketDir, port: 5432, user: "postgres", database: "postgres" });
    await client.connect();
    return client;
  };

  let shared: Awaited<ReturnType<typeof createSharedEmbeddedDatabase>>;

  beforeAll(async () => {
    shared = await createSharedEmbeddedDatabase("modbot-shared-");
    ({ dataDir, holder, through } = shared);
    socketDir = sessionSocketPath(dataDir)!.replace(/\/[^/]+$/, "");
  }, 300_000);
  afterAll(() => shared?.dispose());

  it("is reached through the process holding it, which another process can't open or take", async () => {
    expect(through.reachedThrough).toMatch(/^`the test's holder` \(pid \d+, since \d\d:\d\d:\d\d\)$/);
    expect(through.migrations).toMatchObject({ applied: [] });
    const attempt = await lockDataDir(dataDir, "a second holder");
    expect(attempt).toMatchObject({ acquired: false, holder: { pid: process.pid, command: "the test's holder" } });
    await expect(openDatabase({ kind: "embedded", dataDir }, { access: "own" })).rejects.toThrow(
      /is in use by `the test's holder` \(pid \d+, since .*\); stop it first/,
    );
  });

  it("runs each side's transactions whole: interleaved commits and rollbacks keep exactly what committed", async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
    const writer = (db: Database, side: string) => (i: number) =>
      db.prisma
        .$transaction(async (tx) => {
          await tx.party.create({ data: { name: `${side}-${i}-a`, category: "DCC" } });
          await pause();
          if (i % 3 === 0) throw new Error("rolled back on purpose");
          await tx.party.create({ data: { name: `${side}-${i}-b`, category: "DCC" } });
        }, { maxWait: 60_000, timeout: 60_000 })
        .catch((error: Error) => expect(error.message).toBe("rolled back on purpose"));
    const raw = await rawClient();
    const rawTransactions = (async () => {
      for (let i = 0; i < 10; i++) {
        await raw.query("BEGIN");
        await raw.query("INSERT INTO party (name, category) VALUES ($1, 'DCC')", [`raw-${i}`]);
        await pause();
        await raw.query(i % 2 === 0 ? "ROLLBACK" : "COMMIT");
      }
    })();
    const ids = Array.from({ length: 12 }, (_, i) => i);
    await Promise.all([...ids.map(writer(holder, "holder")), ...ids.map(writer(through, "through")), rawTransactions]);
    await raw.end();
    const committed = ids.filter((i) => i % 3 !== 0).flatMap((i) => [`${i}-a`, `${i}-b`]);
    expect(await parties(holder, "holder-")).toEqual(committed.map((n) => `holder-${n}`).sort());
    expect(await parties(holder, "through-")).toEqual(committed.map((n) => `through-${n}`).sort());
    expect(await parties(holder, "raw-")).toEqual(["raw-1", "raw-3", "raw-5", "raw-7", "raw-9"]);
  });

  it("shows a write made through the socket in the holder's status cache at once, and the other way round", async () => {
    const holderCtx = createAppContext({ prisma: holder.prisma, changes: holder.changes });
    const throughCtx = createAppContext({ prisma: through.prisma, changes: through.changes });
    const title = async (ctx: typeof holderCtx) => {
      const lookup = await lookUpModificationCard(ctx.prisma, "MP080", ctx.cache);
      return lookup.kind === "found" ? lookup.card.title : undefined;
    };
    for (let round = 1; round <= 5; round++) {
      await title(holderCtx);
      await title(throughCtx);
      const writer = round % 2 ? through : holder;
      await writer.prisma.modification.update({ where: { reference: "MP080" }, data: { title: `Change Coordination ${round}` } });
      expect(await title(holderCtx)).toBe(`Change Coordination ${round}`);
      expect(await title(throughCtx)).toBe(`Change Coordination ${round}`);
    }
  });

  it("delivers notifications to the connections that LISTEN, from either side, even after another UNLISTENs", async () => {
    const listener = await rawClient();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query("LISTEN modbot_changes");
    const bystander = await rawClient();
    await bystander.query("UNLISTEN *");
    await holder.prisma.party.create({ data: { name: "heard-from-holder", category: "DCC" } });
    await bystander.query("INSERT INTO party (name, category) VALUES ('heard-from-socket', 'DCC')");
    await listener.query("SELECT 1");
    expect(heard).toEqual(["modbot_changes:party", "modbot_changes:party"]);
    const generation = await holder.changes.settledGeneration();
    await bystander.query("INSERT INTO party (name, category) VALUES ('after-unlisten', 'DCC')");
    expect(await holder.changes.settledGeneration()).toBe(generation! + 1);
    await bystander.end();
    await listener.end();
  });

  it("rolls back a client that vanishes mid-transaction or mid-statement, and resets what it SET", async () => {
    const quitter = await rawClient();
    quitter.on("error", () => undefined);
    await quitter.query("BEGIN");
    await quitter.query("INSERT INTO party (name, category) VALUES ('vanished-in-transaction', 'DCC')");
    await quitter.query("SET search_path = nowhere");
    (quitter as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();

    // Parse, Bind and Execute an INSERT, then drop the connection before Sync would commit it.
    const socket = net.connect(join(socketDir, ".s.PGSQL.5432"));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(startupMessage());
    await new Promise((resolve) => socket.once("data", resolve));
    socket.write(Buffer.concat([parseMessage("INSERT INTO party (name, category) VALUES ('vanished-before-sync', 'DCC')"), bindMessage(), executeMessage()]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();

    expect(await parties(holder, "vanished-")).toEqual([]);
    expect(await through.prisma.party.count({ where: { name: "heard-from-holder" } })).toBe(1);
  });

  it(`ends a client that holds a transaction open for ${DEFAULT_IDLE_TURN_LIMIT_MS / 1000} s without a word, so the bot carries on`, async () => {
    const stuck = await rawClient();
    const ended = new Promise<Error>((resolve) => stuck.on("error", resolve));
    await stuck.query("BEGIN");
    await stuck.query("INSERT INTO party (name, category) VALUES ('stuck-client', 'DCC')");
    const started = Date.now();
    await holder.prisma.party.create({ data: { name: "bot-after-stuck-client", category: "DCC" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(DEFAULT_IDLE_TURN_LIMIT_MS - 100);
    expect((await ended).message).toMatch(/held the embedded database for 5 s without sending anything/);
    expect(await parties(holder, "stuck-client")).toEqual([]);
    expect(await parties(holder, "bot-after-stuck-client")).toEqual(["bot-after-stuck-client"]);
  });
});

describe("a holder that does not answer", () => {
  it(`is named in one line after ${HOLDER_ANSWER_MS / 1000} s, and nothing opens the directory behind its back`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "modbot-hung-"));
    const attempt = await lockDataDir(dataDir, "modbot start");
    // A hung holder: its socket accepts connections and never says a word.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(sessionSocketPath(dataDir)!, resolve));
    try {
      await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toThrow(
        new RegExp(`^modbot: ${dataDir} is in use by \`modbot start\` \\(pid ${process.pid}, since \\d\\d:\\d\\d:\\d\\d\\), which did not answer within ${HOLDER_ANSWER_MS / 1000} s\\.$`),
      );
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(false);
    } finally {
      silent.close();
      if (attempt.acquired) await attempt.lock.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, HOLDER_ANSWER_MS + 30_000);
});

describe("closing a holder that others are using", () => {
  it("lets a client's transaction in progress finish, keeping the directory until then, and then releases it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "modbot-closing-"));
    try {
      const holder = await openDatabase({ kind: "embedded", dataDir }, { holderName: "closing holder" });
      const through = await openDatabase({ kind: "embedded", dataDir });
      let midway!: () => void;
      const halfDone = new Promise<void>((resolve) => (midway = resolve));
      const importing = through.prisma.$transaction(async (tx) => {
        await tx.party.create({ data: { name: "finished-while-closing", category: "DCC" } });
        midway();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.party.create({ data: { name: "finished-while-closing 2", category: "DCC" } });
      });
      await halfDone;
      const closing = holder.close();
      await expect(openDatabase({ kind: "embedded", dataDir }, { access: "own" })).rejects.toThrow(/in use by `closing holder`/);
      await importing;
      await closing;
      await through.close();
      const next = await openDatabase({ kind: "embedded", dataDir }, { access: "own" });
      expect(next.reachedThrough).toBeUndefined();
      expect(await parties(next, "finished-while-closing")).toEqual(["finished-while-closing", "finished-while-closing 2"]);
      await next.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

function typed(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function startupMessage(): Buffer {
  const body = Buffer.from("user\0postgres\0database\0postgres\0\0");
  const message = Buffer.alloc(8);
  message.writeInt32BE(8 + body.length, 0);
  message.writeInt32BE(196608, 4);
  return Buffer.concat([message, body]);
}

const parseMessage = (sql: string) => typed("P", Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])]));
const bindMessage = () => typed("B", Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]));
const executeMessage = () => typed("E", Buffer.from([0, 0, 0, 0, 0]));
