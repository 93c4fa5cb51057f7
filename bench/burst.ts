import { spawn, type ChildProcess } from "node:child_process";
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDemoRegister } from "../src/data/register/registerSources.ts";
import { startFakeSlack, type FakeSlack } from "../test/support/fakeSlack.ts";
import { botEnvironment, raiseSubmission, BOT_ADMIN } from "../test/support/botProcess.ts";
import { runModbot, modbotBin } from "../test/support/cli.ts";
import { postSigned, slashCommandBody } from "../test/support/slackRequests.ts";
import { summarise, type LatencySummary } from "./support.ts";

// A burst as when a Panel meeting ends: 200 concurrent `/mod status` and 50 concurrent
// `/mod raise` (and, from the second burst on, the 50 forms of the burst before submitted), sent
// to `modbot start` on the embedded database with the demo register, cold (the first burst,
// right after /healthz first answers 200) and warm; and the same burst sent to a bare Bolt app
// (bench/bareBolt.mjs) in the same run. Both run as their own processes, against the fake Slack
// Web API in this one, which timestamps each views.open as it arrives ("form opened").

const STATUS = 200;
const RAISES = 50;
const BURSTS = Number(process.env.BURST_ROUNDS ?? 10);
// e.g. BURST_NODE_ARGS=--cpu-prof to profile the bot (profiles land in the working directory).
const BOT_NODE_ARGS = (process.env.BURST_NODE_ARGS ?? "").split(" ").filter(Boolean);
const here = fileURLToPath(new URL(".", import.meta.url));

interface BurstResult {
  statusAck: number[];
  /** Command → the status card: in the acknowledgement, or on response_url after an empty one. */
  statusAnswer: number[];
  late: number;
  raiseAck: number[];
  formOpen: number[];
  submit: number[];
  notOpened: number;
  busy: number;
  failures: number;
  /** What failed, counted by kind (HTTP status or error message). */
  why: Map<string, number>;
}

function failed(result: BurstResult, why: string): void {
  result.failures++;
  result.why.set(why, (result.why.get(why) ?? 0) + 1);
}

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Starts a process serving HTTP on a port of our choosing; resolves when GET /healthz (or any answer) says so. */
async function startTarget(name: string, args: string[], env: Record<string, string>, healthPath: string | null): Promise<Target & { startedInMs: number }> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`${name} did not become healthy: ${output.slice(-2000)}`);
    try {
      const response = await fetch(`${url}${healthPath ?? "/"}`);
      if (healthPath === null || response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startedInMs = performance.now() - began;
  return {
    name,
    url,
    child,
    startedInMs,
    rssMb: () => rssOf(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

let sequence = 0;

/** Where late answers go: records when each response_url (one per command) was posted to. */
async function startResponseUrls() {
  const arrived = new Map<string, number>();
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrived.set(req.url ?? "", Date.now());
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { base, arrived, close: () => new Promise((resolve) => server.close(resolve)) };
}

let responses: Awaited<ReturnType<typeof startResponseUrls>>;

async function burst(target: Target, fake: FakeSlack, references: string[], toSubmit: string[]): Promise<{ result: BurstResult; opened: string[] }> {
  const base = responses.base;
  const lateStatus = new Map<string, number>();
  const result: BurstResult = { statusAck: [], statusAnswer: [], late: 0, raiseAck: [], formOpen: [], submit: [], notOpened: 0, busy: 0, failures: 0, why: new Map() };
  const sentAt = new Map<string, number>();
  const opened: string[] = [];
  const sendCommand = async (text: string, kind: "status" | "raise") => {
    const id = `${kind}-${++sequence}`;
    const triggerId = `trigger.${id}`;
    const body = slashCommandBody({ text, userId: BOT_ADMIN, triggerId, responseUrl: `${base}/response/${id}` });
    const start = Date.now();
    sentAt.set(triggerId, start);
    try {
      const response = await postSigned(target.url, body);
      const elapsed = Date.now() - start;
      if (response.status !== 200) failed(result, `${kind}: HTTP ${response.status}`);
      (kind === "status" ? result.statusAck : result.raiseAck).push(elapsed);
      if (kind === "status" && response.text) result.statusAnswer.push(elapsed);
      else if (kind === "status") {
        result.late++;
        lateStatus.set(`/response/${id}`, start);
      }
      if (kind === "raise" && /busy/i.test(response.text)) result.busy++;
      if (kind === "status" && /busy/i.test(response.text)) result.busy++;
    } catch (error) {
      failed(result, `${kind}: ${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ""}`);
    }
  };
  const sendSubmission = async (viewId: string) => {
    const start = Date.now();
    try {
      const response = await postSigned(target.url, raiseSubmission(`Burst proposal ${viewId}`, viewId));
      if (response.status !== 200) failed(result, `submission: HTTP ${response.status}`);
      result.submit.push(Date.now() - start);
    } catch (error) {
      failed(result, `submission: ${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ""}`);
    }
  };
  const callsBefore = fake.calls.length;
  const work: Promise<void>[] = [];
  for (let i = 0; i < STATUS + RAISES; i++) {
    // Raises spread through the statuses, as people click at once.
    if (i % 5 === 4) work.push(sendCommand("raise", "raise"));
    else work.push(sendCommand(`status ${references[i % references.length]}`, "status"));
  }
  for (const viewId of toSubmit) work.push(sendSubmission(viewId));
  await Promise.all(work);
  // Late answers still on their way to response_url.
  for (let waited = 0; waited < 10_000 && [...lateStatus.keys()].some((path) => !responses.arrived.has(path)); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const [path, start] of lateStatus) {
    const at = responses.arrived.get(path);
    if (at === undefined) failed(result, "status: late answer never reached response_url");
    else result.statusAnswer.push(at - start);
  }
  // A form may open after its empty acknowledgement; Slack's trigger lasts 3 s from the command.
  const raiseSentAt = [...sentAt].filter(([trigger]) => trigger.startsWith("trigger.raise")).map(([, at]) => at);
  const formsOpened = () => fake.calls.slice(callsBefore).filter((call) => call.method === "views.open" && sentAt.has(String(call.body.trigger_id))).length;
  while (formsOpened() < raiseSentAt.length && Date.now() < Math.max(...raiseSentAt) + 3_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const call of fake.calls.slice(callsBefore)) {
    if (call.method !== "views.open") continue;
    const triggerId = String(call.body.trigger_id);
    const sent = sentAt.get(triggerId);
    if (sent === undefined) continue;
    result.formOpen.push(call.at - sent);
    opened.push(`V${triggerId.slice("trigger.".length)}`);
  }
  result.notOpened = RAISES - result.formOpen.length;
  return { result, opened };
}

function merge(results: BurstResult[]): BurstResult {
  return {
    statusAck: results.flatMap((r) => r.statusAck),
    statusAnswer: results.flatMap((r) => r.statusAnswer),
    late: results.reduce((n, r) => n + r.late, 0),
    raiseAck: results.flatMap((r) => r.raiseAck),
    formOpen: results.flatMap((r) => r.formOpen),
    submit: results.flatMap((r) => r.submit),
    notOpened: results.reduce((n, r) => n + r.notOpened, 0),
    busy: results.reduce((n, r) => n + r.busy, 0),
    failures: results.reduce((n, r) => n + r.failures, 0),
    why: results.reduce((all, r) => {
      for (const [k, v] of r.why) all.set(k, (all.get(k) ?? 0) + v);
      return all;
    }, new Map<string, number>()),
  };
}

const fmt = (s: LatencySummary | null) => (s ? `p50 ${String(Math.round(s.p50)).padStart(5)} ms  p99 ${String(Math.round(s.p99)).padStart(5)} ms  max ${String(Math.round(s.max)).padStart(5)} ms  (n=${s.n})` : "(none)");
const sum = (xs: number[]) => (xs.length ? summarise(xs) : null);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

function report(label: string, r: BurstResult, bare: BurstResult | null): void {
  const ack = sum([...r.statusAck, ...r.raiseAck]);
  const status = sum(r.statusAnswer);
  const forms = sum(r.formOpen);
  console.log(`${label}:`);
  console.log(`  acknowledgement (status + raise)  ${fmt(ack)}   target every ack < 1000 ms: ${verdict(!!ack && ack.max < 1000)}`);
  console.log(`  /mod status answered (ack or late) ${fmt(status)}`);
  if (r.late) console.log(`    of which ${r.late} answered on response_url after an empty acknowledgement`);
  console.log(
    `  form opened (command → views.open) ${fmt(forms)}   target every form < 2000 ms: ${verdict(!!forms && forms.max < 2000 && r.notOpened === 0)}` +
      (r.notOpened ? `; ${r.notOpened} never opened` : ""),
  );
  if (r.submit.length) console.log(`  raise submitted (view_submission) ${fmt(sum(r.submit))}`);
  if (r.busy || r.failures) console.log(`  answered "busy": ${r.busy}; failed requests: ${r.failures}`);
  for (const [why, n] of r.why) console.log(`    ${n}× ${why}`);
  if (bare && status) {
    const bareStatus = summarise(bare.statusAnswer);
    const ratio = status.p99 / bareStatus.p99;
    console.log(`  status p99 vs bare Bolt p99 ${Math.round(bareStatus.p99)} ms: ${ratio.toFixed(2)}×   target ≤ 2×: ${verdict(ratio <= 2)}`);
  }
}

export async function run(): Promise<void> {
  console.log(`\nBurst: ${STATUS} concurrent /mod status + ${RAISES} concurrent /mod raise, modbot start (embedded, demo register) next to bare Bolt`);
  console.log(`load average at start: ${execSync("uptime").toString().trim()} (2 cores, shared with other engineers)`);
  const fake = await startFakeSlack();
  responses = await startResponseUrls();
  const dataDir = mkdtempSync(join(tmpdir(), "modbot-burst-"));
  const env = botEnvironment({ dataDir }, fake.apiUrl);
  env.LOG_LEVEL = "warn";
  const references = readDemoRegister().modifications.map((m) => m.reference);
  try {
    // An existing data directory: migrated and loaded before the bot starts.
    const migrated = runModbot(["import", "demo"], { env, timeoutMs: 120_000 });
    if (migrated.code !== 0) throw new Error(`modbot import demo failed: ${migrated.err}`);

    const pgliteAlone = Number(execSync(`${process.execPath} ${join(here, "pgliteAlone.mjs")} ${dataDir}`, { cwd: join(here, "..") }).toString().trim());

    // Bare Bolt and modbot take turns, burst by burst, so each pair sees about the same load
    // from the rest of the machine; the first burst of each comes right after its start.
    const bare = await startTarget("bare Bolt", [join(here, "bareBolt.mjs")], env, null);
    const bot = await startTarget("modbot start", [...BOT_NODE_ARGS, modbotBin, "start"], env, "/healthz");
    const idleRss = bot.rssMb();
    const bareResults: BurstResult[] = [];
    const results: BurstResult[] = [];
    const rss: number[] = [];
    let bareToSubmit: string[] = [];
    let toSubmit: string[] = [];
    for (let i = 0; i < BURSTS; i++) {
      const botBurst = await burst(bot, fake, references, toSubmit);
      results.push(botBurst.result);
      rss.push(bot.rssMb());
      toSubmit = botBurst.opened;
      const bareBurst = await burst(bare, fake, references, bareToSubmit);
      bareResults.push(bareBurst.result);
      bareToSubmit = bareBurst.opened;
    }
    const bareRss = bare.rssMb();
    await bare.stop();
    await bot.stop();
    const bareCold = bareResults[0]!;
    const bareWarm = merge(bareResults.slice(1));
    // Start again on the same (now existing) directory: what an operator's restart costs.
    const restarted = await startTarget("modbot start", [...BOT_NODE_ARGS, modbotBin, "start"], env, "/healthz");
    await restarted.stop();

    console.log(`\nbare Bolt (ack with a static card / views.open a static modal), RSS ${bareRss} MB`);
    report("  cold (first burst)", bareCold, null);
    report(`  warm (bursts 2–${BURSTS})`, bareWarm, null);
    console.log(`\nmodbot start, embedded PGlite, demo register`);
    report("  cold (first burst, right after /healthz)", results[0]!, bareCold);
    console.log(`  status p99 per burst, modbot / bare Bolt: ${results.map((r, i) => `${Math.round(summarise(r.statusAnswer).p99)}/${Math.round(summarise(bareResults[i]!.statusAnswer).p99)}`).join(", ")} ms`);
    report(`  warm (bursts 2–${BURSTS})`, merge(results.slice(1)), bareWarm);
    const worstWarm = results.slice(1).map((r) => Math.max(...r.formOpen, 0));
    console.log(`  worst form per warm burst: ${worstWarm.map((x) => `${x} ms`).join(", ")}`);

    const last = rss.at(-1)!;
    const spread = (Math.max(...rss) - Math.min(...rss)) / Math.min(...rss);
    console.log(`\nresident memory: idle after start ${idleRss} MB; after each burst ${rss.join(", ")} MB`);
    console.log(`  PGlite alone on the same data ${pgliteAlone} MB; bare Bolt ${bareRss} MB`);
    console.log(`  modbot after ${BURSTS} bursts ${last} MB = ${(last / pgliteAlone).toFixed(2)}× PGlite alone   target ≤ 1.3×: ${verdict(last / pgliteAlone <= 1.3)}`);
    console.log(`  spread across the ${BURSTS} bursts ${(spread * 100).toFixed(1)}%   target flat ±5% (spread ≤ 10%): ${verdict(spread <= 0.1)}`);
    console.log(`\nstart to healthy /healthz: on a just-imported directory ${Math.round(bot.startedInMs)} ms; restart on the existing directory ${Math.round(restarted.startedInMs)} ms   target ≤ 1500 ms: ${verdict(restarted.startedInMs <= 1500)}`);
    console.log(`load average at end: ${execSync("uptime").toString().trim()}`);
  } finally {
    await fake.close();
    await responses.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
