import { join } from "node:path";
import pg from "pg";
import { botEnvironment } from "../test/support/botProcess.ts";
import { modbotBin } from "../test/support/cli.ts";
import { startRoundRobinProxy, type RoundRobinProxy } from "../test/support/roundRobinProxy.ts";
import { createServerDatabase } from "../test/support/testDatabase.ts";
import {
  benchDir,
  BOT_NODE_ARGS,
  importDemoRegister,
  loadAverage,
  RAISES,
  reportBareBolt,
  reportModbot,
  reportRaises,
  startBurstHarness,
  STATUS,
  takeTurns,
  verdict,
  type BurstResult,
  type ServedProcess,
} from "./burstSupport.ts";

// The server part of bench/burst.ts: the same bursts on the PostgreSQL server (127.0.0.1:5432,
// or TEST_DATABASE_ADMIN_URL), as a deployment with a load balancer runs it: a fresh database
// loaded with the demo register, two `modbot start` replicas on it, and in front of them the
// round-robin proxy the rolling-restart test uses (test/support/roundRobinProxy.ts).
// bare Bolt stays ONE process, as in the embedded part, behind a one-backend proxy of its own, so
// both pay the same extra hop and only the apps differ. The memory and start-time targets are
// the embedded database's; here each replica's RSS and start → healthy time are only printed.
// This module has no run(), so bench/run.ts skips it; bench/burst.ts runs it.

const REPLICAS = 2;

export async function runServer(): Promise<void> {
  console.log(
    `\nBurst: ${STATUS} concurrent /mod status + ${RAISES} concurrent /mod raise, ${REPLICAS} modbot start replicas (PostgreSQL server, demo register)` +
      ` behind a round-robin proxy, next to ONE bare Bolt process`,
  );
  console.log(`load average at start: ${loadAverage()} (2 cores, shared with other engineers)`);
  const harness = await startBurstHarness();
  const database = await createServerDatabase("modbot_burst");
  const env = botEnvironment({ databaseUrl: database.url }, harness.fake.apiUrl);
  env.LOG_LEVEL = "warn";
  const proxies: RoundRobinProxy[] = [];
  try {
    importDemoRegister(env);
    const bare = await harness.start("bare Bolt", [join(benchDir, "bareBolt.mjs")], env, null);
    // Started together, as a deployment starts them (they take turns to check the migrations).
    const replicas = await Promise.all(
      Array.from({ length: REPLICAS }, (_, i) => harness.start(`modbot start replica ${i + 1}`, [...BOT_NODE_ARGS, modbotBin, "start"], env, "/healthz")),
    );
    const idleRss = replicas.map((replica) => replica.rssMb());
    const modbotProxy = await startRoundRobinProxy(() => replicas.map((replica) => replica.port));
    const bareProxy = await startRoundRobinProxy(() => [bare.port]);
    proxies.push(modbotProxy, bareProxy);
    const rss: number[][] = replicas.map(() => []);
    const turns = await takeTurns(harness, modbotProxy.url, bareProxy.url, () => replicas.forEach((replica, i) => rss[i]!.push(replica.rssMb())));
    const bareRss = bare.rssMb();
    await Promise.all([bare.stop(), ...replicas.map((replica) => replica.stop())]);

    reportBareBolt(`bare Bolt: ONE process (not two replicas), behind a one-backend proxy of its own, RSS ${bareRss} MB`, turns.bare);
    reportModbot(`modbot start: ${REPLICAS} replicas on one PostgreSQL server database, demo register, behind a round-robin proxy`, turns);
    await reportRegister(database.url, reportRaises(turns.modbot));
    reportSharing(modbotProxy, replicas);
    console.log(`\nresident memory per replica (no target: the memory target is the embedded database's):`);
    replicas.forEach((replica, i) => console.log(`  ${replica.name}: idle after start ${idleRss[i]} MB; after each burst ${rss[i]!.join(", ")} MB`));
    console.log(`  bare Bolt ${bareRss} MB`);
    console.log(
      `\nstart to healthy /healthz, both started together (no target: the start target is the embedded database's): ` +
        replicas.map((replica) => `${replica.name} ${Math.round(replica.startedInMs)} ms`).join("; "),
    );
    console.log(`load average at end: ${loadAverage()}`);
  } finally {
    for (const proxy of proxies) await proxy.close();
    await harness.close();
    await database.drop();
  }
}

/**
 * The register read back: each confirmed raise saved once under the DP number its confirmation
 * named, and no burst raise saved that nobody was told about (e.g. answered too late for Slack).
 */
async function reportRegister(url: string, confirmed: BurstResult["raised"]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const saved = await client
    .query<{ reference: string; title: string }>(`SELECT reference, title FROM modification WHERE title LIKE 'Burst proposal %'`)
    .finally(() => client.end());
  const key = (raise: { reference: string; title: string }) => `${raise.reference} ${raise.title}`;
  const savedKeys = new Set(saved.rows.map(key));
  const confirmedKeys = new Set(confirmed.map(key));
  const savedTwice = saved.rows.length - new Set(saved.rows.map((raise) => raise.title)).size;
  const missing = [...confirmedKeys].filter((raise) => !savedKeys.has(raise)).length;
  const neverConfirmed = [...savedKeys].filter((raise) => !confirmedKeys.has(raise)).length;
  console.log(
    `  in the register: ${saved.rows.length} burst raises; ${savedTwice} titles saved twice, ${missing} confirmed but not saved as confirmed, ${neverConfirmed} saved but never confirmed` +
      `   target each saved once, as confirmed: ${verdict(savedTwice === 0 && missing === 0 && neverConfirmed === 0)}`,
  );
}

/** How the proxy shared the requests out (its health checks send a busy replica's share to the other). */
function reportSharing(proxy: RoundRobinProxy, replicas: ServedProcess[]): void {
  const shares = replicas.map((replica) => `${replica.name} ${proxy.answeredBy.get(replica.port) ?? 0}`).join(", ");
  console.log(`  requests answered through the proxy: ${shares}; accepted and then dropped by a replica: ${proxy.dropped.length}`);
  for (const drop of new Set(proxy.dropped)) console.log(`    ${proxy.dropped.filter((d) => d === drop).length}× ${drop}`);
}
