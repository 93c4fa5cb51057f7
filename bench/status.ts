import { App } from "@slack/bolt";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createAppContext } from "../src/appContext.ts";
import { openDatabase, type DatabaseTarget } from "../src/data/database.ts";
import { importDemoRegister } from "../src/data/register/registerSources.ts";
import { createSlackApp } from "../src/slack/app.ts";
import { startFakeSlack } from "../test/support/fakeSlack.ts";
import { postSigned, slashCommandBody, TEST_SIGNING_SECRET } from "../test/support/slackRequests.ts";
import { createServerDatabase } from "../test/support/testDatabase.ts";
import { formatLatency, rssMb, summarise, timeConcurrent, timeSequential } from "./support.ts";

// `/mod status` latency over signed HTTP, next to a bare Bolt app measured in the same run.
// Targets (issue 12): cached, p99 ≤ 1.2× bare Bolt's, sequential and at 50 concurrent; the first
// lookup after a change to that modification (its card dropped from the cache, nothing else)
// ≤ 2× bare Bolt's sequential p99.

// Enough samples that a p99 is not one unlucky moment: with 8 rounds of 50, the p99 was the
// slowest round's, and one round that met a hiccup of the machine (or of the PostgreSQL server
// on the same two cores) moved a ratio between 0.7× and 2.4× from run to run of the same code.
const SEQUENTIAL = 1000;
const ROUNDS = 100;
const CONCURRENCY = 50;

async function measure(label: string, url: string, responseUrl: string, text: string) {
  const call = async () => {
    const response = await postSigned(url, slashCommandBody({ text, responseUrl }));
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
  };
  for (let i = 0; i < 30; i++) await call(); // warm-up
  const sequential = await timeSequential(SEQUENTIAL, call);
  const concurrent = await timeConcurrent(ROUNDS, CONCURRENCY, call);
  console.log(formatLatency(`${label}, sequential`, sequential));
  console.log(formatLatency(`${label}, ${CONCURRENCY} concurrent`, concurrent));
  return { sequential, concurrent };
}

const AFTER_CHANGE = 200;

/**
 * Sequential lookups, each after (untimed) a write to the modification that drops its cached card:
 * at once (the card is still being read again) or a moment later, as when someone looks after a move.
 */
async function measureAfterChange(label: string, url: string, responseUrl: string, text: string, change: () => Promise<unknown>, pauseMs: number) {
  const call = async () => {
    const response = await postSigned(url, slashCommandBody({ text, responseUrl }));
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
  };
  const samples: number[] = [];
  for (let i = 0; i < AFTER_CHANGE; i++) {
    await change();
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  const summary = summarise(samples);
  console.log(formatLatency(`${label}, first lookup ${pauseMs ? `${pauseMs} ms after` : "at once after"} a change`, summary));
  return summary;
}

// A write the change feed hears as "m:<id>" (the modification's row trigger), changing nothing.
const touchSecmp53 = (db: { prisma: { $executeRawUnsafe(sql: string): Promise<unknown> } }) => () =>
  db.prisma.$executeRawUnsafe(`UPDATE "modification" SET "title" = "title" WHERE "number" = 53`);

async function bareBolt(apiUrl: string) {
  const app = new App({ token: "xoxb-bench", signingSecret: TEST_SIGNING_SECRET, clientOptions: { slackApiUrl: apiUrl } });
  app.command("/mod", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "ok" });
  });
  const server = (await app.start(0)) as Server;
  return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function modbot(apiUrl: string, target: DatabaseTarget, options: { cache: boolean } = { cache: true }) {
  const db = await openDatabase(target);
  await importDemoRegister(db.prisma);
  // Without the change feed nothing is cached: every lookup reads the database, as the first
  // lookup after any change to the register does.
  const ctx = createAppContext({
    prisma: db.prisma,
    now: () => new Date("2019-10-01T11:00:00Z"),
    changes: options.cache ? db.changes : undefined,
  });
  const slack = createSlackApp({ ctx, botToken: "xoxb-bench", signingSecret: TEST_SIGNING_SECRET, apiUrl, isHealthy: db.isHealthy, logLevel: "error" });
  const { port } = await slack.start(0);
  return { slack, db, url: `http://127.0.0.1:${port}` };
}

export async function run(): Promise<void> {
  const fake = await startFakeSlack();
  console.log(`\n/mod status latency (signed HTTP requests on loopback; RSS before: ${rssMb()} MB)`);
  const bare = await bareBolt(fake.apiUrl);
  const baseline = await measure("bare Bolt (ack only)", bare.url, fake.responseUrl, "status SECMP0053");
  await bare.app.stop();

  const uncached = await modbot(fake.apiUrl, { kind: "embedded", dataDir: "memory://" }, { cache: false });
  await measure("  (every lookup reading PGlite, no cache)", uncached.url, fake.responseUrl, "status secmp53");
  await uncached.slack.stop();
  await uncached.db.close();

  const embedded = await modbot(fake.apiUrl, { kind: "embedded", dataDir: "memory://" });
  const onEmbedded = await measure("modbot /mod status, embedded PGlite", embedded.url, fake.responseUrl, "status secmp53");
  const afterChangeEmbedded = await measureAfterChange("modbot /mod status, embedded PGlite", embedded.url, fake.responseUrl, "status secmp53", touchSecmp53(embedded.db), 0);
  const momentAfterChangeEmbedded = await measureAfterChange("modbot /mod status, embedded PGlite", embedded.url, fake.responseUrl, "status secmp53", touchSecmp53(embedded.db), 100);
  console.log(`resident memory with the embedded database and demo register: ${rssMb()} MB`);
  await embedded.slack.stop();
  await embedded.db.close();

  let onServer: Awaited<ReturnType<typeof measure>> | undefined;
  let afterChangeServer: Awaited<ReturnType<typeof measureAfterChange>> | undefined;
  let momentAfterChangeServer: Awaited<ReturnType<typeof measureAfterChange>> | undefined;
  try {
    const server = await createServerDatabase();
    const viaServer = await modbot(fake.apiUrl, { kind: "server", url: server.url });
    onServer = await measure("modbot /mod status, PostgreSQL server", viaServer.url, fake.responseUrl, "status secmp53");
    afterChangeServer = await measureAfterChange("modbot /mod status, PostgreSQL server", viaServer.url, fake.responseUrl, "status secmp53", touchSecmp53(viaServer.db), 0);
    momentAfterChangeServer = await measureAfterChange("modbot /mod status, PostgreSQL server", viaServer.url, fake.responseUrl, "status secmp53", touchSecmp53(viaServer.db), 100);
    await viaServer.slack.stop();
    await viaServer.db.close();
    await server.drop();
  } catch (error) {
    console.log(`(PostgreSQL server not measured: ${(error as Error).message})`);
  }
  await fake.close();

  const against = (what: string, p99: number, bareP99: number, target: number) => {
    const times = p99 / bareP99;
    return `${what} ${times.toFixed(2)}× (target ≤ ${target}×: ${times <= target ? "met" : "NOT met"})`;
  };
  const cached = (on: typeof onEmbedded, where: string) =>
    [against(`${where} sequential`, on.sequential.p99, baseline.sequential.p99, 1.2), against(`${where} 50 concurrent`, on.concurrent.p99, baseline.concurrent.p99, 1.2)];
  console.log(`cached, p99 vs bare Bolt: ${[...cached(onEmbedded, "embedded"), ...(onServer ? cached(onServer, "server") : [])].join("; ")}`);
  const afterChange = [
    against("embedded, at once", afterChangeEmbedded.p99, baseline.sequential.p99, 2),
    against("embedded, 100 ms later", momentAfterChangeEmbedded.p99, baseline.sequential.p99, 2),
    ...(afterChangeServer && momentAfterChangeServer
      ? [against("server, at once", afterChangeServer.p99, baseline.sequential.p99, 2), against("server, 100 ms later", momentAfterChangeServer.p99, baseline.sequential.p99, 2)]
      : []),
  ];
  console.log(`first lookup after a change to its modification, p99 vs bare Bolt sequential: ${afterChange.join("; ")}`);
}
