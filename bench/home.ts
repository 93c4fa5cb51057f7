import { createAppContext } from "../src/appContext.ts";
import { openDatabase } from "../src/data/database.ts";
import { importDemoRegister } from "../src/data/register/registerSources.ts";
import { watch } from "../src/data/watches.ts";
import { deliverWatchMessages } from "../src/jobs/watchMessages.ts";
import { defaultWorkingHours } from "../src/domain/workingHours.ts";
import { createSlackApp } from "../src/slack/app.ts";
import { startFakeSlack } from "../test/support/fakeSlack.ts";
import { eventCallbackBody, postSigned, TEST_SIGNING_SECRET } from "../test/support/slackRequests.ts";
import { formatLatency, ms, timeSequential } from "./support.ts";

// The Home tab: app_home_opened over signed HTTP until views.publish has been answered (the
// response waits for the listener), for an administrator who watches 50 modifications in a
// 1,000-modification register (the heaviest Home: the digest's due and late lines too).
// Target: p99 under 100 ms. Then the cost of one change fanned out to 200 watchers.

const REGISTER_SIZE = 1000;
const WATCHED = 50;
const SAMPLES = 200;
const WATCHERS = 200;

export async function run(): Promise<void> {
  const fake = await startFakeSlack();
  const db = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  await importDemoRegister(db.prisma);
  const existing = await db.prisma.modification.aggregate({ _max: { number: true }, _count: true });
  const start = (existing._max.number ?? 0) + 1;
  await db.prisma.modification.createMany({
    data: Array.from({ length: REGISTER_SIZE - existing._count }, (_, i) => ({
      number: start + i,
      series: "MP" as const,
      reference: `MP${start + i}`,
      title: `Bench modification ${start + i}`,
      status: "IN_REFINEMENT" as const,
    })),
  });
  const modifications = await db.prisma.modification.findMany({ select: { id: true }, orderBy: { number: "asc" } });
  const now = new Date("2019-10-01T11:00:00Z");
  const user = "UBENCHADMIN";
  for (const m of modifications.slice(0, WATCHED)) {
    await watch(db.prisma, user, m.id, now);
    await db.prisma.auditEntry.create({ data: { modificationId: m.id, entity: "modification", entityId: String(m.id), action: "Put on hold", actor: "UOTHER", at: now } });
  }
  let clock = now;
  const ctx = createAppContext({ prisma: db.prisma, now: () => clock, initialAdmins: [user], changes: db.changes });
  const slack = createSlackApp({ ctx, botToken: "xoxb-bench", signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl, isHealthy: db.isHealthy, logLevel: "error", processBeforeResponse: true });
  const { port } = await slack.start(0);
  const url = `http://127.0.0.1:${port}`;
  const open = async () => {
    const response = await postSigned(url, eventCallbackBody({ type: "app_home_opened", user, channel: "D1", tab: "home", event_ts: "1.0" }), { contentType: "application/json" });
    if (response.status !== 200) throw new Error(`app_home_opened: HTTP ${response.status}`);
  };
  for (let i = 0; i < 20; i++) await open();
  const published = fake.callsTo("views.publish").length;
  const home = await timeSequential(SAMPLES, open);
  if (fake.callsTo("views.publish").length - published !== SAMPLES) throw new Error("not every open published Home");
  const view = fake.callsTo("views.publish").at(-1)!.body.view;
  const blocks = (typeof view === "string" ? JSON.parse(view) : view).blocks.length;
  console.log(`\nHome publish (embedded PGlite, ${REGISTER_SIZE} modifications, ${WATCHED} watched, administrator; ${blocks} blocks on page 1)`);
  console.log(`${formatLatency("app_home_opened → views.publish answered", home)}  ${home.p99 < 100 ? "✓ under 100 ms" : "✗ over 100 ms"}`);

  // One change to a modification 200 people watch.
  const target = modifications[WATCHED + 1];
  for (let i = 0; i < WATCHERS; i++) await watch(db.prisma, `UW${i}`, target.id, now);
  await deliverWatchMessages(ctx, slack.app.client, { batchMs: 0, hours: defaultWorkingHours }); // the 50 above
  await db.prisma.auditEntry.create({ data: { modificationId: target.id, entity: "modification", entityId: String(target.id), action: "Put on hold", actor: "UOTHER", at: now } });
  fake.reset();
  clock = new Date(now.getTime() + 5 * 60_000);
  const started = performance.now();
  const report = await deliverWatchMessages(ctx, slack.app.client, { batchMs: 3 * 60_000, hours: defaultWorkingHours });
  const took = performance.now() - started;
  console.log(`\nDM fan-out: one change to a modification ${WATCHERS} people watch`);
  console.log(`  ${report.sent.length} messages (${fake.callsTo("chat.postMessage").length} chat.postMessage) in ${ms(took)}, ${ms(took / Math.max(1, report.sent.length))} a watcher (fake Slack on loopback: no rate limit)`);
  await slack.stop();
  await db.close();
  await fake.close();
}
