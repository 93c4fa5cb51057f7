import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { botEnvironment } from "../test/support/botProcess.ts";
import { modbotBin } from "../test/support/cli.ts";
import { runServer } from "./burstServer.ts";
import {
  benchDir,
  BOT_NODE_ARGS,
  BURSTS,
  importDemoRegister,
  loadAverage,
  memoryOf,
  type MemorySample,
  RAISES,
  reportBareBolt,
  reportModbot,
  reportRaises,
  startBurstHarness,
  STATUS,
  takeTurns,
  verdict,
} from "./burstSupport.ts";

// A burst as when a Panel meeting ends: 200 concurrent `/mod status` and 50 concurrent
// `/mod raise` (and, from the second burst on, the 50 forms of the burst before submitted), sent
// to `modbot start` cold (the first burst, right after /healthz first answers 200) and warm; and
// the same burst sent to a bare Bolt app (bench/bareBolt.mjs) in the same run. Both run as their
// own processes, against the fake Slack Web API in this one, which timestamps each views.open as
// it arrives ("form opened").
//
// Two parts, embedded first:
//   embedded  one `modbot start` on the embedded PGlite database (this file), with the memory
//             and start-time targets, which are for the embedded database only;
//   server    two `modbot start` replicas on one PostgreSQL server database behind a round-robin
//             proxy (bench/burstServer.ts).
// BURST_DATABASE=embedded|server|both (default both) picks them; BURST_ROUNDS (default 10) sets
// the number of bursts; BURST_NODE_ARGS passes node options to modbot (e.g. --cpu-prof).
// The burst and the report are shared, in bench/burstSupport.ts.

const PARTS = ["embedded", "server", "both"] as const;

export async function run(): Promise<void> {
  const chosen = process.env.BURST_DATABASE ?? "both";
  if (!(PARTS as readonly string[]).includes(chosen)) throw new Error(`BURST_DATABASE is ${chosen}; it is one of ${PARTS.join(", ")}`);
  if (chosen !== "server") await runEmbedded();
  if (chosen !== "embedded") await runServer();
}

async function runEmbedded(): Promise<void> {
  console.log(`\nBurst: ${STATUS} concurrent /mod status + ${RAISES} concurrent /mod raise, modbot start (embedded, demo register; node ${BOT_NODE_ARGS.join(" ")}, as npm start runs it) next to bare Bolt`);
  console.log(`load average at start: ${loadAverage()} (2 cores, shared with other engineers)`);
  const harness = await startBurstHarness();
  const dataDir = mkdtempSync(join(tmpdir(), "modbot-burst-"));
  const env = botEnvironment({ dataDir }, harness.fake.apiUrl);
  env.LOG_LEVEL = "warn";
  try {
    // An existing data directory: migrated and loaded before the bot starts.
    importDemoRegister(env);
    // The median of three runs: one run's figure moved 272–308 MB within a session (whether V8's
    // background compiler had finished with PostgreSQL's WebAssembly when it was read).
    const pgliteAloneWith = (nodeArgs: string) =>
      median([1, 2, 3].map(() => Number(execSync(`${process.execPath} ${nodeArgs} ${join(benchDir, "pgliteAlone.mjs")} ${dataDir}`, { cwd: join(benchDir, "..") }).toString().trim())));
    const pgliteAlone = pgliteAloneWith("");
    // modbot runs PGlite's WebAssembly with V8's baseline compiler only (embeddedDatabase.ts).
    const pgliteAloneBaseline = pgliteAloneWith("--liftoff-only");

    const bare = await harness.start("bare Bolt", [join(benchDir, "bareBolt.mjs")], env, null);
    const bot = await harness.start("modbot start", [...BOT_NODE_ARGS, modbotBin, "start"], env, "/healthz");
    const idle = await memoryOf(bot);
    const samples: MemorySample[] = [];
    const turns = await takeTurns(harness, bot.url, bare.url, async () => void samples.push(await memoryOf(bot)));
    const rss = samples.map((sample) => sample.rssMb);
    const bareRss = bare.rssMb();
    await bare.stop();
    await bot.stop();
    // Start again on the same (now existing) directory: what an operator's restart costs.
    const restarted = await harness.start("modbot start", [...BOT_NODE_ARGS, modbotBin, "start"], env, "/healthz");
    await restarted.stop();

    reportBareBolt(`bare Bolt (ack with a static card / views.open a static modal), RSS ${bareRss} MB`, turns.bare);
    reportModbot(`modbot start, embedded PGlite, demo register`, turns);
    reportRaises(turns.modbot);

    const last = rss.at(-1)!;
    const spread = (Math.max(...rss) - Math.min(...rss)) / Math.min(...rss);
    console.log(`\nresident memory: idle after start ${idle.rssMb} MB; after each burst ${rss.join(", ")} MB`);
    console.log(`  of which V8 heap used/reserved + external (MB): idle ${describeJsMemory(idle)}; after each burst ${samples.map(describeJsMemory).join(", ")}`);
    console.log(`  the rest of RSS is PGlite's WebAssembly memory, compiled code and Node itself`);
    console.log(`  PGlite alone on the same data ${pgliteAlone} MB (${pgliteAloneBaseline} MB with --liftoff-only, as modbot runs it; each the median of 3 runs); bare Bolt ${bareRss} MB`);
    console.log(`  modbot after ${BURSTS} bursts ${last} MB = ${(last / pgliteAlone).toFixed(2)}× PGlite alone   target ≤ 1.3×: ${verdict(last / pgliteAlone <= 1.3)}`);
    console.log(`  spread across the ${BURSTS} bursts ${(spread * 100).toFixed(1)}%   target flat ±5% (spread ≤ 10%): ${verdict(spread <= 0.1)}`);
    console.log(`\nstart to healthy /healthz: on a just-imported directory ${Math.round(bot.startedInMs)} ms; restart on the existing directory ${Math.round(restarted.startedInMs)} ms   target ≤ 1500 ms: ${verdict(restarted.startedInMs <= 1500)}`);
    console.log(`load average at end: ${loadAverage()}`);
  } finally {
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const describeJsMemory = (sample: MemorySample) => `${sample.heapUsedMb}/${sample.heapTotalMb}+${sample.externalMb}`;
