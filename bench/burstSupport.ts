import { execSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { readDemoRegister } from "../src/data/register/registerSources.ts";
import { startFakeSlack, type FakeSlack } from "../test/support/fakeSlack.ts";
import { raiseSubmission, BOT_ADMIN } from "../test/support/botProcess.ts";
import { runModbot } from "../test/support/cli.ts";
import { freePort } from "../test/support/freePort.ts";
import { postSigned, slashCommandBody } from "../test/support/slackRequests.ts";
import { summarise, type LatencySummary } from "./support.ts";

// What both parts of bench/burst.ts (embedded database) and bench/burstServer.ts (PostgreSQL
// server) share: the burst itself, modbot and bare Bolt taking turns, and the report of each
// figure against its target. This module has no run(), so bench/run.ts skips it.

export const STATUS = 200;
export const RAISES = 50;
export const BURSTS = Number(process.env.BURST_ROUNDS ?? 10);
export const benchDir = fileURLToPath(new URL(".", import.meta.url));

/** The node options `npm start` gives modbot (package.json's start script), so the bench runs what an operator runs. */
function npmStartNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(benchDir, "..", "package.json"), "utf8")) as { scripts: { start: string } };
  const options = /^node((?: --\S+)*) bin\/modbot\.js start$/.exec(scripts.start);
  if (!options) throw new Error(`package.json's start script is "${scripts.start}"; the bench expects "node [--options] bin/modbot.js start"`);
  return options[1]!.split(" ").filter(Boolean);
}

// e.g. BURST_NODE_ARGS=--cpu-prof to profile the bot (profiles land in the working directory).
export const BOT_NODE_ARGS = [...npmStartNodeOptions(), ...(process.env.BURST_NODE_ARGS ?? "").split(" ").filter(Boolean)];

export interface BurstResult {
  statusAck: number[];
  /** Command → the status card: in the acknowledgement, or on response_url after an empty one. */
  statusAnswer: number[];
  late: number;
  raiseAck: number[];
  formOpen: number[];
  submit: number[];
  /** modbot's confirmations of the raises submitted: the DP number each was given. */
  raised: { reference: string; title: string }[];
  /** Submissions answered "Already raised." (each form is submitted once, so none are expected). */
  alreadyRaised: number;
  notOpened: number;
  busy: number;
  failures: number;
  /** What failed, counted by kind (HTTP status or error message). */
  why: Map<string, number>;
}

function emptyResult(): BurstResult {
  return { statusAck: [], statusAnswer: [], late: 0, raiseAck: [], formOpen: [], submit: [], raised: [], alreadyRaised: 0, notOpened: 0, busy: 0, failures: 0, why: new Map() };
}

function failed(result: BurstResult, why: string): void {
  result.failures++;
  result.why.set(why, (result.why.get(why) ?? 0) + 1);
}

const describeError = (error: unknown) => `${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ""}`;

/** A process serving HTTP on a port of our choosing: modbot start or bare Bolt. */
export interface ServedProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Spawn → the first 200 from its health path (or any answer, when it has none). */
  startedInMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Starts a process serving HTTP; resolves when GET healthPath answers 200 (any answer at all for null). */
async function startProcess(name: string, args: string[], env: Record<string, string>, healthPath: string | null): Promise<ServedProcess> {
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
    port,
    url,
    child,
    startedInMs,
    rssMb: () => rssOf(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

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

/** The fake Slack Web API, the response_url server and the processes one part of the bench started. */
export interface BurstHarness {
  fake: FakeSlack;
  responses: Awaited<ReturnType<typeof startResponseUrls>>;
  /** The demo register's references, which the status commands ask for in turn. */
  references: string[];
  /** Starts a process that close() kills if it is still running, so a failed run leaves none behind. */
  start(name: string, args: string[], env: Record<string, string>, healthPath: string | null): Promise<ServedProcess>;
  close(): Promise<void>;
}

export async function startBurstHarness(): Promise<BurstHarness> {
  const fake = await startFakeSlack();
  const responses = await startResponseUrls();
  const started: ServedProcess[] = [];
  return {
    fake,
    responses,
    references: readDemoRegister().modifications.map((m) => m.reference),
    async start(name, args, env, healthPath) {
      const served = await startProcess(name, args, env, healthPath);
      started.push(served);
      return served;
    },
    async close() {
      for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await fake.close();
      await responses.close();
    },
  };
}

/** `modbot import demo` on the database env names (DATA_DIR or DATABASE_URL): migrated and loaded before any bot starts. */
export function importDemoRegister(env: Record<string, string>): void {
  const imported = runModbot(["import", "demo"], { env, timeoutMs: 120_000 });
  if (imported.code !== 0) throw new Error(`modbot import demo failed: ${imported.err}`);
}

export const loadAverage = () => execSync("uptime").toString().trim();

let sequence = 0;

/**
 * One burst sent to url: STATUS status commands and RAISES raise commands at once, with the
 * forms opened by the burst before (toSubmit, view ids) submitted alongside. Resolves with the
 * figures and the view ids of the forms this burst opened, once every late answer and form is in.
 */
export async function burst(harness: BurstHarness, url: string, toSubmit: string[]): Promise<{ result: BurstResult; opened: string[] }> {
  const { fake, responses, references } = harness;
  const lateStatus = new Map<string, number>();
  const result = emptyResult();
  const sentAt = new Map<string, number>();
  const opened: string[] = [];
  const sendCommand = async (text: string, kind: "status" | "raise") => {
    const id = `${kind}-${++sequence}`;
    const triggerId = `trigger.${id}`;
    const body = slashCommandBody({ text, userId: BOT_ADMIN, triggerId, responseUrl: `${responses.base}/response/${id}` });
    const start = Date.now();
    sentAt.set(triggerId, start);
    try {
      const response = await postSigned(url, body);
      const elapsed = Date.now() - start;
      if (response.status !== 200) failed(result, `${kind}: HTTP ${response.status}`);
      (kind === "status" ? result.statusAck : result.raiseAck).push(elapsed);
      if (kind === "status" && response.text) result.statusAnswer.push(elapsed);
      else if (kind === "status") {
        result.late++;
        lateStatus.set(`/response/${id}`, start);
      }
      if (/busy/i.test(response.text)) result.busy++;
    } catch (error) {
      failed(result, `${kind}: ${describeError(error)}`);
    }
  };
  const sendSubmission = async (viewId: string) => {
    const title = `Burst proposal ${viewId}`;
    const start = Date.now();
    try {
      const response = await postSigned(url, raiseSubmission(title, viewId));
      if (response.status !== 200) failed(result, `submission: HTTP ${response.status}`);
      result.submit.push(Date.now() - start);
      // modbot's confirmation names the DP number ("*DP084* raised: …"); bare Bolt's names none.
      const reference = /\*(DP\d+)\* raised:/.exec(response.text)?.[1];
      if (reference) result.raised.push({ reference, title });
      else if (/Already raised/.test(response.text)) result.alreadyRaised++;
    } catch (error) {
      failed(result, `submission: ${describeError(error)}`);
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

export interface Turns {
  modbot: BurstResult[];
  bare: BurstResult[];
}

/**
 * BURSTS bursts each to modbot (botUrl) and to bare Bolt (bareUrl), taking turns burst by burst so
 * each pair sees about the same load from the rest of the machine; the first burst of each comes
 * right after its start. Each burst submits the forms its target's burst before opened.
 * afterModbotBurst is called, and awaited, after each modbot burst (to sample its memory).
 */
export async function takeTurns(harness: BurstHarness, botUrl: string, bareUrl: string, afterModbotBurst: () => void | Promise<void> = () => {}): Promise<Turns> {
  const turns: Turns = { modbot: [], bare: [] };
  let botToSubmit: string[] = [];
  let bareToSubmit: string[] = [];
  for (let i = 0; i < BURSTS; i++) {
    const botBurst = await burst(harness, botUrl, botToSubmit);
    turns.modbot.push(botBurst.result);
    await afterModbotBurst();
    botToSubmit = botBurst.opened;
    const bareBurst = await burst(harness, bareUrl, bareToSubmit);
    turns.bare.push(bareBurst.result);
    bareToSubmit = bareBurst.opened;
  }
  return turns;
}

function merge(results: BurstResult[]): BurstResult {
  return {
    statusAck: results.flatMap((r) => r.statusAck),
    statusAnswer: results.flatMap((r) => r.statusAnswer),
    late: results.reduce((n, r) => n + r.late, 0),
    raiseAck: results.flatMap((r) => r.raiseAck),
    formOpen: results.flatMap((r) => r.formOpen),
    submit: results.flatMap((r) => r.submit),
    raised: results.flatMap((r) => r.raised),
    alreadyRaised: results.reduce((n, r) => n + r.alreadyRaised, 0),
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
export const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
const warmLabel = `warm (bursts 2–${BURSTS})`;

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
  const bareStatus = bare && sum(bare.statusAnswer);
  if (bareStatus && status) {
    const ratio = status.p99 / bareStatus.p99;
    console.log(`  status p99 vs bare Bolt p99 ${Math.round(bareStatus.p99)} ms: ${ratio.toFixed(2)}×   target ≤ 2×: ${verdict(ratio <= 2)}`);
  }
}

export function reportBareBolt(heading: string, bare: BurstResult[]): void {
  console.log(`\n${heading}`);
  report("  cold (first burst)", bare[0]!, null);
  if (bare.length > 1) report(`  ${warmLabel}`, merge(bare.slice(1)), null);
}

/** modbot's figures cold and warm, each against bare Bolt's in the same turns. */
export function reportModbot(heading: string, turns: Turns): void {
  const { modbot, bare } = turns;
  console.log(`\n${heading}`);
  report("  cold (first burst, right after /healthz)", modbot[0]!, bare[0]!);
  const p99 = (r: BurstResult) => (r.statusAnswer.length ? Math.round(summarise(r.statusAnswer).p99) : "–");
  console.log(`  status p99 per burst, modbot / bare Bolt: ${modbot.map((r, i) => `${p99(r)}/${p99(bare[i]!)}`).join(", ")} ms`);
  if (modbot.length < 2) return;
  report(`  ${warmLabel}`, merge(modbot.slice(1)), merge(bare.slice(1)));
  const worstWarm = modbot.slice(1).map((r) => Math.max(...r.formOpen, 0));
  console.log(`  worst form per warm burst: ${worstWarm.map((x) => `${x} ms`).join(", ")}`);
}

/**
 * Every raise submitted is confirmed once, with a DP number no other raise got: concurrent writes
 * (and, on the server, two replicas) must never hand out one number twice. Returns what was
 * confirmed, for a caller that can also check the register itself.
 */
export function reportRaises(modbot: BurstResult[]): BurstResult["raised"] {
  const all = merge(modbot);
  const numbers = new Set(all.raised.map((r) => r.reference));
  const givenTwice = all.raised.length - numbers.size;
  const unconfirmed = all.submit.length - all.raised.length - all.alreadyRaised;
  console.log(
    `  raises submitted and answered ${all.submit.length}: ${all.raised.length} confirmed with ${numbers.size} distinct DP numbers` +
      ` (${givenTwice} given twice), ${all.alreadyRaised} "Already raised", ${unconfirmed} not confirmed` +
      `   target each confirmed once, no DP number twice: ${verdict(givenTwice === 0 && all.alreadyRaised === 0 && unconfirmed === 0)}`,
  );
  return all.raised;
}

export interface MemorySample {
  rssMb: number;
  /** V8's heap in use and reserved, and memory outside it held by JS objects (Buffers), from /metrics. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** A process's resident memory with its JavaScript part, read from modbot's own /metrics (loopback). */
export async function memoryOf(target: ServedProcess): Promise<MemorySample> {
  const metrics = await (await fetch(`${target.url}/metrics`)).text();
  const megabytes = (name: string) => Math.round(Number(new RegExp(`^${name} (\\S+)$`, "m").exec(metrics)?.[1] ?? NaN) / 1048576);
  return {
    rssMb: target.rssMb(),
    heapUsedMb: megabytes("modbot_nodejs_heap_size_used_bytes"),
    heapTotalMb: megabytes("modbot_nodejs_heap_size_total_bytes"),
    externalMb: megabytes("modbot_nodejs_external_memory_bytes"),
  };
}
