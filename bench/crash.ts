import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseLocation } from "../test/support/amcheck.ts";
import { crashDuringImport, crashDuringRaises, writeLargeRegister, type ImportCrash, type RaiseCrash } from "../test/support/crashRounds.ts";
import { startFakeSlack } from "../test/support/fakeSlack.ts";
import { createServerDatabase } from "../test/support/testDatabase.ts";

// Crash safety, measured (issue 9): SIGKILL `modbot start` twenty times in the middle of a burst
// of raises from four writers, restarting it on the same data each time; then SIGKILL a large
// CSV import at varying points of its transaction. Targets: every confirmed write kept, nothing
// half-written, an import all or nothing, amcheck clean on every index and table.
// `npm run bench crash [rounds]` (default 20; this takes minutes).

const ROUNDS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 20);
const IMPORT_ROUNDS = Math.max(1, Math.round(ROUNDS / 4));
const IMPORT_ROWS = 300;

const verdict = (met: boolean) => (met ? "met" : "NOT MET");

async function raiseRounds(label: string, where: DatabaseLocation, apiUrl: string): Promise<void> {
  const rounds: RaiseCrash[] = [];
  let confirmedSoFar: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Kill after 5–40 confirmations: early in a burst, mid-way, late.
    const killAfter = 5 + Math.floor(Math.random() * 36);
    const outcome = await crashDuringRaises(where, apiUrl, `${label.replace(/\W/g, "")}${round}`, {
      killAfter,
      writers: 4,
      confirmedBefore: confirmedSoFar,
    });
    confirmedSoFar = [...confirmedSoFar, ...outcome.confirmed];
    rounds.push(outcome);
  }
  const confirmed = rounds.reduce((sum, r) => sum + r.confirmed.length, 0);
  const missing = rounds.reduce((sum, r) => sum + r.missing.length, 0);
  const halfWritten = rounds.reduce((sum, r) => sum + r.halfWritten.length, 0);
  const problems = rounds.flatMap((r) => r.integrityProblems);
  const unconfirmed = rounds.reduce((sum, r) => sum + r.committedUnconfirmed, 0);
  const starts = rounds.slice(1).map((r) => r.startMs).sort((a, b) => a - b);
  console.log(`${label}: ${ROUNDS} SIGKILLs mid-burst, ${confirmed} raises confirmed, ${unconfirmed} committed but cut off before confirming`);
  console.log(`  confirmed raises missing after restart: ${missing} (target 0: ${verdict(missing === 0)})`);
  console.log(`  half-written raises: ${halfWritten} (target 0: ${verdict(halfWritten === 0)})`);
  console.log(`  amcheck problems (${rounds[0]?.indexesChecked ?? 0} indexes, every table, each round): ${problems.length} (target 0: ${verdict(problems.length === 0)})`);
  for (const problem of problems.slice(0, 5)) console.log(`    ${problem}`);
  if (starts.length > 0) console.log(`  restart on the killed data, to the first answer: median ${(starts[Math.floor(starts.length / 2)]! / 1000).toFixed(1)} s`);
}

async function importRounds(label: string, where: DatabaseLocation): Promise<void> {
  const outcomes: ImportCrash[] = [];
  for (let round = 1; round <= IMPORT_ROUNDS; round++) {
    const csv = join(tmpdir(), `modbot-bench-crash-${process.pid}-${round}.csv`);
    const name = `Bench import ${label.replace(/\W/g, "")} ${round}`;
    writeLargeRegister(csv, name, 600, IMPORT_ROWS);
    try {
      outcomes.push(await crashDuringImport(where, csv, name, IMPORT_ROWS, Math.floor(Math.random() * 4000)));
    } finally {
      rmSync(csv, { force: true });
    }
  }
  const partial = outcomes.filter((o) => o.saved !== 0 && o.saved !== o.rows).length;
  const lostReported = outcomes.filter((o) => o.reported && o.saved !== o.rows).length;
  const none = outcomes.filter((o) => o.saved === 0).length;
  const problems = outcomes.flatMap((o) => o.integrityProblems);
  console.log(`${label}: ${IMPORT_ROUNDS} imports of ${IMPORT_ROWS} rows SIGKILLed while writing: ${none} left nothing, ${IMPORT_ROUNDS - none} had committed everything`);
  console.log(`  imports left partly written: ${partial}, reported but not kept: ${lostReported} (target 0: ${verdict(partial + lostReported === 0)}); amcheck problems: ${problems.length} (target 0: ${verdict(problems.length === 0)})`);
}

export async function run(): Promise<void> {
  const fake = await startFakeSlack();
  console.log(`\nCrash safety: SIGKILL mid-write, ${ROUNDS} rounds per database`);
  const dataDir = mkdtempSync(join(tmpdir(), "modbot-bench-crash-"));
  try {
    await raiseRounds("embedded PGlite", { dataDir }, fake.apiUrl);
    await importRounds("embedded PGlite", { dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    const server = await createServerDatabase();
    try {
      await raiseRounds("PostgreSQL server", { databaseUrl: server.url }, fake.apiUrl);
      await importRounds("PostgreSQL server", { databaseUrl: server.url });
    } finally {
      await server.drop();
    }
  } catch (error) {
    console.log(`(PostgreSQL server not measured: ${(error as Error).message})`);
  }
  await fake.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
