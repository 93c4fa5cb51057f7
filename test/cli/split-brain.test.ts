import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/data/database.ts";
import { checkEmbeddedIntegrity } from "../support/amcheck.ts";
import { botEnvironment, raise, startBot, type BotProcess } from "../support/botProcess.ts";
import { modbotBin, type CliResult } from "../support/cli.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { postSigned, slashCommandBody } from "../support/slackRequests.ts";
import { readableText } from "../support/testApp.ts";

// The split-brain probe: CLI commands run beside a running bot on the same embedded data
// directory, while the bot takes writes from Slack. Before, the CLI opened a second PGlite on the
// same files: confirmed writes vanished and amcheck found broken indexes. Now every row either
// side confirmed must be there after a SIGKILL and a reopen, and every index must check clean.

const ROUNDS = 3;
const ROWS_PER_IMPORT = 5;
const RAISES_PER_ROUND = 5;

function runModbotAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [modbotBin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe("CLI commands beside a running bot on the same embedded database", () => {
  let slack: FakeSlack;
  let dataDir: string;
  let bot: BotProcess;
  let env: Record<string, string>;
  const confirmedRaises: string[] = [];
  const attemptedRaises: string[] = [];
  const importedReferences: string[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), "modbot-split-brain-"));
    env = botEnvironment({ dataDir }, slack.apiUrl);
    bot = await startBot(env);
  }, 300_000);
  afterAll(async () => {
    await bot?.stop("SIGKILL");
    await slack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = async (reference: string) =>
    readableText((await postSigned(bot.url, slashCommandBody({ text: `status ${reference}`, responseUrl: slack.responseUrl }))).json());

  it("imports through the running bot while it takes writes, and the bot shows the imported rows at once", async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      // Numbers well above the bot's own, so the bot's next DP numbers never meet the file's.
      const references = Array.from({ length: ROWS_PER_IMPORT }, (_, i) => `DP${900 - round * 10 + i}`);
      const csv = join(dataDir, `round-${round}.csv`);
      writeFileSync(csv, ["reference,title,status", ...references.map((r) => `${r},Imported in round ${round},DRAFT_RAISED`)].join("\n"));
      let importDone = false;
      const importing = runModbotAsync(["import", csv], env).finally(() => (importDone = true));
      // Raising goes on for as long as the import runs, so the two overlap.
      const raising = (async () => {
        for (let i = 1; i <= RAISES_PER_ROUND || !importDone; i++) {
          const title = `Raised in round ${round} number ${i}`;
          attemptedRaises.push(title);
          if (await raise(bot.url, title, `VSPLIT${round}x${i}`)) confirmedRaises.push(title);
        }
      })();
      const [imported] = await Promise.all([importing, raising]);
      expect(imported.err, bot.describe()).toBe("");
      expect(imported).toMatchObject({ code: 0, out: `Imported ${csv}: ${ROWS_PER_IMPORT} new and 0 updated modifications.\n` });
      importedReferences.push(...references);
      expect(await status(references[0]!)).toContain(`${references[0]} · Imported in round ${round}`);
    }
    expect(attemptedRaises.length).toBeGreaterThanOrEqual(ROUNDS * RAISES_PER_ROUND);
    expect(confirmedRaises.length).toBeGreaterThan(0);
  }, 900_000);

  it("migrates through the bot, and refuses a second bot in one line that names the first", async () => {
    const migrated = await runModbotAsync(["migrate"], env);
    expect(migrated.code).toBe(0);
    expect(migrated.out).toMatch(/^Already up to date: \d+ migrations applied \(embedded PostgreSQL in .*, through `modbot start` \(pid \d+, since .*\)\)\.\n$/);
    const second = await runModbotAsync(["start"], env);
    expect(second.code).toBe(1);
    expect(second.out).toBe("");
    expect(second.err).toBe(
      `modbot: ${dataDir} is in use by \`modbot start\` (pid ${bot.child.pid}, since ${second.err.match(/since (\d\d:\d\d:\d\d)/)?.[1]}); stop it first (one process opens an embedded database at a time; other modbot commands go through it), or use another DATA_DIR.\n`,
    );
  }, 300_000);

  it("keeps every confirmed row through a SIGKILL of the bot, with every index intact", async () => {
    expect(await bot.stop("SIGKILL")).toBeNull();
    const integrity = await checkEmbeddedIntegrity(dataDir);
    expect(integrity.problems).toEqual([]);
    expect(integrity.indexesChecked).toBeGreaterThan(40);
    const db = await openDatabase({ kind: "embedded", dataDir });
    try {
      const titles = new Set((await db.prisma.modification.findMany({ where: { title: { startsWith: "Raised in round" } } })).map((m) => m.title));
      // Every raise the bot confirmed is kept; one it committed but answered too late for is allowed.
      expect(confirmedRaises.filter((title) => !titles.has(title))).toEqual([]);
      expect([...titles].filter((title) => !attemptedRaises.includes(title))).toEqual([]);
      const imported = (await db.prisma.modification.findMany({ where: { title: { startsWith: "Imported in round" } } })).map((m) => m.reference);
      expect(imported.sort()).toEqual([...importedReferences].sort());
    } finally {
      await db.close();
    }
  }, 300_000);
});
