import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../src/data/database.ts";
import { lookUpModificationCard } from "../src/data/modifications.ts";
import { importDemoRegister } from "../src/data/register/registerSources.ts";
import { formatLatency, timeSequential, type LatencySummary } from "./support.ts";

// What sharing an embedded database costs (issue 9): the process holding DATA_DIR reads
// in-process; every other process goes through its socket, one whole transaction at a time.
// Measured here: a status card read (no cache) and a trivial query, in the holder and through
// the socket; and the holder's reads while another connection writes back to back through it.
// Both ends run in this one process, so the socket figures include the client's own CPU.
// Targets: the socket adds under 1 ms per statement (p50); the holder's p99 read while a client
// writes stays within 3× of its idle p99 plus one client transaction.

const READS = 300;

const card = (db: Database) => async () => {
  const lookup = await lookUpModificationCard(db.prisma, "SECMP0053");
  if (lookup.kind !== "found") throw new Error("SECMP0053 not found");
};
/**
 * A read as a request makes it: after a turn of the event loop. In-process PGlite calls never
 * yield to I/O, so a loop of them would keep the socket's clients from even asking for a turn.
 */
const cardAsRequest = (db: Database) => async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await card(db)();
};
const trivial = (db: Database) => () => db.prisma.$queryRaw`SELECT 1`;

const verdict = (met: boolean) => (met ? "met" : "NOT MET");

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "modbot-bench-sharing-"));
  const holder = await openDatabase({ kind: "embedded", dataDir }, { holderName: "bench holder" });
  const through = await openDatabase({ kind: "embedded", dataDir });
  try {
    await importDemoRegister(holder.prisma);
    for (let i = 0; i < 30; i++) await Promise.all([card(holder)(), card(through)()]);
    console.log("\nSharing the embedded database: in the holder's process vs through its socket");
    const results: Record<string, LatencySummary> = {};
    for (const [label, call] of [
      ["SELECT 1, in the holder", trivial(holder)],
      ["SELECT 1, through the socket", trivial(through)],
      ["status card read, in the holder", cardAsRequest(holder)],
      ["status card read, through the socket", cardAsRequest(through)],
    ] as const) {
      results[label] = await timeSequential(READS, call);
      console.log(formatLatency(label, results[label]));
    }

    // Another process writing back to back: each write is one transaction of three statements.
    let writing = true;
    let writes = 0;
    const writeStarted = performance.now();
    const writeTimes: number[] = [];
    const writer = (async () => {
      while (writing) {
        const start = performance.now();
        await through.prisma.$transaction(
          async (tx) => {
            const party = await tx.party.create({ data: { name: `Bench writer ${writes}`, category: "DCC" } });
            await tx.party.update({ where: { id: party.id }, data: { name: `Bench writer ${writes} (renamed)` } });
            await tx.party.findMany({ take: 5 });
          },
          { maxWait: 10_000 }, // as the bot's own writes wait (writes.ts)
        );
        writeTimes.push(performance.now() - start);
        writes++;
      }
    })();
    const busy = await timeSequential(READS, cardAsRequest(holder));
    writing = false;
    await writer;
    const writesPerSecond = writes / ((performance.now() - writeStarted) / 1000);
    console.log(formatLatency("status card read, holder, while a client writes", busy));
    const clientTransaction = writeTimes.sort((a, b) => a - b)[Math.floor(writeTimes.length / 2)] ?? 0;
    console.log(`client write transactions through the socket meanwhile: ${writes} (${writesPerSecond.toFixed(0)}/s, median ${clientTransaction.toFixed(1)} ms each)`);

    const perStatement = results["SELECT 1, through the socket"]!.p50 - results["SELECT 1, in the holder"]!.p50;
    console.log(`socket cost per statement (p50): ${perStatement.toFixed(2)} ms (target < 1 ms: ${verdict(perStatement < 1)})`);
    const idleP99 = results["status card read, in the holder"]!.p99;
    const bound = 3 * idleP99 + clientTransaction;
    console.log(`holder p99 while a client writes: ${busy.p99.toFixed(2)} ms (target ≤ ${bound.toFixed(2)} ms: ${verdict(busy.p99 <= bound)})`);
  } finally {
    await through.close();
    await holder.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
