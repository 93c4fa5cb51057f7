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
import { formatLatency, rssMb, timeConcurrent, timeSequential } from "./support.ts";

// `/mod status` latency over signed HTTP, next to a bare Bolt app measured in the same run.
// Target: p99 within 1.5× of bare Bolt.

const SEQUENTIAL = 400;
const ROUNDS = 8;
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
  console.log(`resident memory with the embedded database and demo register: ${rssMb()} MB`);
  await embedded.slack.stop();
  await embedded.db.close();

  let onServer: Awaited<ReturnType<typeof measure>> | undefined;
  try {
    const server = await createServerDatabase();
    const viaServer = await modbot(fake.apiUrl, { kind: "server", url: server.url });
    onServer = await measure("modbot /mod status, PostgreSQL server", viaServer.url, fake.responseUrl, "status secmp53");
    await viaServer.slack.stop();
    await viaServer.db.close();
    await server.drop();
  } catch (error) {
    console.log(`(PostgreSQL server not measured: ${(error as Error).message})`);
  }
  await fake.close();

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `p99 vs bare Bolt (target ≤ 1.5×): embedded sequential ${ratio(onEmbedded.sequential.p99, baseline.sequential.p99)}, ` +
      `concurrent ${ratio(onEmbedded.concurrent.p99, baseline.concurrent.p99)}` +
      (onServer
        ? `; server sequential ${ratio(onServer.sequential.p99, baseline.sequential.p99)}, concurrent ${ratio(onServer.concurrent.p99, baseline.concurrent.p99)}`
        : ""),
  );
}
