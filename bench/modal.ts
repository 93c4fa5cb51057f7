import { createAppContext } from "../src/appContext.ts";
import { openDatabase, type DatabaseTarget } from "../src/data/database.ts";
import { importDemoRegister } from "../src/data/register/registerSources.ts";
import { createSlackApp } from "../src/slack/app.ts";
import { startFakeSlack } from "../test/support/fakeSlack.ts";
import { interactionBody, postSigned, TEST_SIGNING_SECRET, viewSubmissionPayload } from "../test/support/slackRequests.ts";
import { createServerDatabase } from "../test/support/testDatabase.ts";
import { formatLatency, timeConcurrent, timeSequential } from "./support.ts";

// A modal submission round trip over signed HTTP: "Raise a Draft Proposal" submitted, validated,
// written in one transaction with its processed_request key and audit entry, answered with the
// confirmation view. Also a submission refused with field errors (validation only, no write).

const SEQUENTIAL = 200;
const ROUNDS = 4;
const CONCURRENCY = 20;
const ADMIN = "UBENCH";

let counter = 0;

function raiseSubmission(partyId: number, raisedOn: string | null) {
  counter++;
  const values: Record<string, Record<string, unknown>> = {
    title: { title: { type: "plain_text_input", value: `Benchmark proposal ${counter}` } },
    party: { party: { type: "static_select", selected_option: { value: String(partyId) } } },
    raised_on: { raised_on: { type: "plain_text_input", value: raisedOn } },
    summary: { summary: { type: "plain_text_input", value: "Measured." } },
    path: { path: { type: "static_select", selected_option: { value: "SELF_GOVERNANCE" } } },
  };
  return interactionBody(viewSubmissionPayload({ callbackId: "raise", values, privateMetadata: "{}", userId: ADMIN, viewId: `VBENCH${counter}` }));
}

async function measure(label: string, target: DatabaseTarget, apiUrl: string) {
  const db = await openDatabase(target);
  await importDemoRegister(db.prisma);
  const party = await db.prisma.party.findFirstOrThrow();
  const ctx = createAppContext({ prisma: db.prisma, now: () => new Date("2019-10-01T11:00:00Z"), initialAdmins: [ADMIN], changes: db.changes });
  const slack = createSlackApp({ ctx, botToken: "xoxb-bench", signingSecret: TEST_SIGNING_SECRET, apiUrl, isHealthy: db.isHealthy, logLevel: "error" });
  const { port } = await slack.start(0);
  const url = `http://127.0.0.1:${port}`;
  const call = (raisedOn: string | null, expected: string) => async () => {
    const response = await postSigned(url, raiseSubmission(party.id, raisedOn));
    if (response.status !== 200 || response.json().response_action !== expected) throw new Error(`${label}: ${response.status} ${response.text}`);
  };
  for (let i = 0; i < 20; i++) await call("1 Oct 2019", "update")();
  const before = await db.prisma.modification.count();
  const writes = await timeSequential(SEQUENTIAL, call("1 Oct 2019", "update"));
  const concurrent = await timeConcurrent(ROUNDS, CONCURRENCY, call("1 Oct 2019", "update"));
  const refused = await timeSequential(SEQUENTIAL, call("next blursday", "errors"));
  const created = (await db.prisma.modification.count()) - before;
  console.log(formatLatency(`${label}: raise, sequential`, writes));
  console.log(formatLatency(`${label}: raise, ${CONCURRENCY} concurrent`, concurrent));
  console.log(formatLatency(`${label}: field error (no write)`, refused));
  console.log(`${label}: ${created} proposals created for ${SEQUENTIAL + ROUNDS * CONCURRENCY} successful submissions`);
  await slack.stop();
  await db.close();
}

export async function run(): Promise<void> {
  const fake = await startFakeSlack();
  console.log("\nModal submission round trip (signed HTTP on loopback, view_submission → confirmation view)");
  await measure("embedded PGlite", { kind: "embedded", dataDir: "memory://" }, fake.apiUrl);
  try {
    const server = await createServerDatabase();
    await measure("PostgreSQL server", { kind: "server", url: server.url }, fake.apiUrl);
    await server.drop();
  } catch (error) {
    console.log(`(PostgreSQL server not measured: ${(error as Error).message})`);
  }
  await fake.close();
}
