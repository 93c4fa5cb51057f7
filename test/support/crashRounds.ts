import { spawn } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { checkIntegrity, withDatabaseSession, type DatabaseLocation, type Query } from "./amcheck.ts";
import { botEnvironment, raise, startBot } from "./botProcess.ts";
import { modbotBin } from "./cli.ts";

// Crash rounds shared by test/cli/crash-safety.test.ts (a few) and bench/crash.ts (twenty):
// SIGKILL `modbot start` in the middle of a burst of confirmed writes, or a `modbot import` in the
// middle of its transaction, then look at the data with PostgreSQL's own checks.

export interface RaiseCrash {
  /** Writes the bot confirmed before it was killed. */
  confirmed: string[];
  /** Confirmed writes not in the database afterwards (must be none). */
  missing: string[];
  /** Raises missing part of what their one transaction writes (must be none). */
  halfWritten: string[];
  /** Raises committed whose confirmation the kill cut off (allowed: the user was not told either way). */
  committedUnconfirmed: number;
  integrityProblems: string[];
  indexesChecked: number;
  /** From spawning `modbot start` to its first answer, on data left by the previous kill. */
  startMs: number;
}

/**
 * Starts the bot, keeps `writers` raising until `killAfter` raises are confirmed, SIGKILLs it,
 * and checks the data (embedded: opened directly once the bot is gone).
 */
export async function crashDuringRaises(
  where: DatabaseLocation,
  slackApiUrl: string,
  round: string,
  options: { killAfter: number; writers: number; confirmedBefore?: readonly string[] },
): Promise<RaiseCrash> {
  const started = performance.now();
  const bot = await startBot(botEnvironment(where, slackApiUrl));
  const startMs = performance.now() - started;
  const confirmed: string[] = [];
  let killed = false;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  // A bot that never confirms (or died on its own) must fail the round, not spin until the test times out.
  const giveUpAt = Date.now() + 120_000;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      for (let i = 0; !killed; i++) {
        if (exited || Date.now() > giveUpAt) {
          killed = true;
          bot.child.kill("SIGKILL");
          throw new Error(`round ${round}: ${confirmed.length} of ${options.killAfter} raises confirmed before the bot ${exited ? "exited" : "stopped confirming"}: ${bot.errors().slice(-2000)}`);
        }
        const title = `Crash ${round} writer ${writer} raise ${i}`;
        if (!(await raise(bot.url, title, `VCRASH-${round}-${writer}-${i}`))) continue;
        confirmed.push(title);
        if (confirmed.length >= options.killAfter && !killed) {
          killed = true;
          bot.child.kill("SIGKILL");
        }
      }
    }),
  );
  await bot.exited;
  return withDatabaseSession(where, async (query) => {
    const integrity = await checkIntegrity(query);
    const saved = await raisesIn(query, "Crash %");
    const everConfirmed = [...(options.confirmedBefore ?? []), ...confirmed];
    const savedTitles = new Set(saved.map((r) => r.title));
    const thisRound = saved.filter((r) => r.title.startsWith(`Crash ${round} `));
    return {
      confirmed,
      missing: everConfirmed.filter((title) => !savedTitles.has(title)),
      halfWritten: [...saved.filter((r) => !r.whole).map((r) => r.title), ...(await keysWithoutResult(query))],
      committedUnconfirmed: thisRound.length - confirmed.length,
      integrityProblems: integrity.problems,
      indexesChecked: integrity.indexesChecked,
      startMs,
    };
  });
}

/** Each raise's one transaction writes the modification, its first stage transition, an audit entry and its request key. */
async function raisesIn(query: Query, titlePattern: string): Promise<{ title: string; whole: boolean }[]> {
  const rows = await query(
    `SELECT m.title,
       (SELECT count(*)::int FROM stage_transition s WHERE s.modification_id = m.id) AS transitions,
       (SELECT count(*)::int FROM audit_entry a WHERE a.entity = 'modification' AND a.action = 'raised' AND a.entity_id = m.id::text) AS audits,
       (SELECT count(*)::int FROM processed_request p WHERE p.result->>'title' = m.title) AS keys
     FROM modification m WHERE m.title LIKE $1`,
    [titlePattern],
  );
  return rows.map((row) => ({ title: String(row.title), whole: row.transitions === 1 && row.audits === 1 && row.keys === 1 }));
}

async function keysWithoutResult(query: Query): Promise<string[]> {
  const rows = await query(`SELECT key FROM processed_request WHERE key LIKE 'view:raise:VCRASH-%' AND result IS NULL`);
  return rows.map((row) => `request ${row.key} recorded without its result`);
}

export interface ImportCrash {
  rows: number;
  /** Rows of the file in the database afterwards: all of them or none. */
  saved: number;
  /** Whether the import had reported success before it was killed. */
  reported: boolean;
  /** Whether it was still running (writing, or about to) when killed. */
  killedWhileRunning: boolean;
  integrityProblems: string[];
}

/** A register of `rows` new modifications, numbered from `first` (under 1000, the reference format's limit). */
export function writeLargeRegister(path: string, label: string, first: number, rows: number): void {
  const lines = ["reference,title,status,raised_by,raised_by_category,raised_on,pa_request_received,pa_accepted"];
  for (let i = 0; i < rows; i++) {
    lines.push(`DP${first + i},${label} row ${i},IN_REFINEMENT,Import Party ${i % 7},OTHER_SEC_PARTY,2019-05-01,2019-05-02,2019-05-03`);
  }
  writeFileSync(path, lines.join("\n"));
}

/**
 * Runs `modbot import FILE` with no bot running (embedded: the import holds the directory
 * itself) and SIGKILLs it `afterMs` after its transaction opened.
 */
export async function crashDuringImport(where: DatabaseLocation, csv: string, label: string, rows: number, afterMs: number): Promise<ImportCrash> {
  const env = botEnvironment(where, "http://127.0.0.1:9/api/");
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [modbotBin, "import", csv], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let ended = false;
  void exited.then(() => (ended = true));
  const opened = await transactionOpened(where, spawnedAt, () => ended);
  if (opened) await sleep(afterMs);
  const stillRunning = !ended;
  child.kill("SIGKILL");
  await exited;
  return withDatabaseSession(where, async (query) => {
    const integrity = await checkIntegrity(query);
    const [{ saved }] = (await query(`SELECT count(*)::int AS saved FROM modification WHERE title LIKE $1`, [`${label} row %`])) as [{ saved: number }];
    return {
      rows,
      saved,
      reported: out.includes("Imported"),
      killedWhileRunning: opened && stillRunning,
      integrityProblems: integrity.problems,
    };
  });
}

/** Waits until the import is writing: its socket is up (embedded) or its server session has a transaction id. */
async function transactionOpened(where: DatabaseLocation, spawnedAt: number, ended: () => boolean): Promise<boolean> {
  const client = where.databaseUrl ? new pg.Client({ connectionString: where.databaseUrl }) : null;
  await client?.connect();
  try {
    while (!ended()) {
      if (client) {
        const { rows } = await client.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
        );
        if (rows.length > 0) return true;
      } else if (servedSince(join(where.dataDir!, ".s.PGSQL.5432")) >= spawnedAt - 1000) {
        // The import serves its directory once it has opened it, just before it validates and writes.
        return true;
      }
      await sleep(10);
    }
    return false;
  } finally {
    await client?.end();
  }
}

function servedSince(socketPath: string): number {
  try {
    return statSync(socketPath).mtimeMs;
  } catch {
    return 0;
  }
}
