import type { IncomingMessage } from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { lateAssessmentCount } from "../../src/observability/lateAssessments.ts";
import { boltLogger, createLogger, redactSecrets } from "../../src/observability/logger.ts";
import { mayReadMetrics } from "../../src/observability/metrics.ts";
import { ADMIN } from "../flows/support.ts";
import { smallRegister } from "../support/registers.ts";
import { createAppContext } from "../../src/appContext.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import { capturingOperations, readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// What an operator reads: one JSON line per request, Prometheus metrics at /metrics, and never a secret.

function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).match(/^\{([^}]*)\}/)?.[1] ?? "";
    if (wanted.every((pair) => labelText.split(",").includes(pair))) return Number(line.split(" ").at(-1));
  }
  return undefined;
}

describe.each(databaseKinds)("logs and metrics (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      database,
      admins: [ADMIN],
      captureLogs: true,
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
    app.slackApp.operations.metrics.setProbes({ databaseUp: app.db.isHealthy, lateAssessments: () => lateAssessmentCount(app.ctx) });
  });
  afterAll(() => app?.close());

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };

  it("writes one line per request with its id, surface, user, outcome and duration", async () => {
    const before = app.logs.length;
    await app.command("status SECMP0053", { userId: "UREADER" });
    await app.action({ actionId: "status.history", value: "SECMP0053", userId: "UCLICKER" });
    const lines = app.logs.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", surface: "/mod status", user: "UREADER", outcome: "ok", msg: "/mod status ok" });
    expect(lines[1]).toMatchObject({ level: "info", surface: "action status.history", user: "UCLICKER", outcome: "ok" });
    for (const line of lines) {
      expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(new Date(line.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(lines[0]!.reqId).not.toBe(lines[1]!.reqId);
  });

  it("counts requests by surface and outcome, with latency histograms", async () => {
    const before = metricValue(await scrape(), "modbot_requests_total", { surface: "/mod list", outcome: "ok" }) ?? 0;
    await app.command("list");
    await app.command("list late");
    await app.action({ actionId: "not.registered" });
    const text = await scrape();
    expect(metricValue(text, "modbot_requests_total", { surface: "/mod list", outcome: "ok" })).toBe(before + 2);
    expect(metricValue(text, "modbot_requests_total", { surface: "action not.registered", outcome: "unhandled" })).toBe(1);
    expect(metricValue(text, "modbot_request_duration_seconds_count", { surface: "/mod list" })).toBe(before + 2);
    expect(metricValue(text, "modbot_request_duration_seconds_bucket", { surface: "/mod list", le: "+Inf" })).toBe(before + 2);
  });

  it("counts Slack Web API calls by method and error", async () => {
    app.slack.failNext("views.open", { status: 500 }, 1);
    await app.command("raise", { userId: ADMIN });
    app.slack.failNext("views.open", { error: "invalid_trigger" }, 1);
    await app.command("raise", { userId: ADMIN });
    await app.command("raise", { userId: ADMIN });
    await new Promise((resolve) => setTimeout(resolve, 50)); // an ok answer is read from a copy, after the call returns
    const text = await scrape();
    expect(metricValue(text, "modbot_slack_api_calls_total", { method: "views.open", error: "http_500" })).toBe(1);
    expect(metricValue(text, "modbot_slack_api_calls_total", { method: "views.open", error: "invalid_trigger" })).toBe(1);
    expect(metricValue(text, "modbot_slack_api_calls_total", { method: "views.open", error: "none" })).toBeGreaterThanOrEqual(1);
  });

  it("counts scheduler runs by kind and outcome, and logs them through the same logger", async () => {
    const scheduler = createScheduler({ ctx: app.ctx, client: app.slackApp.app.client, operations: app.slackApp.operations });
    await scheduler.tick();
    expect(metricValue(await scrape(), "modbot_job_runs_total", { kind: "housekeeping", outcome: "succeeded" })).toBe(1);
    expect(app.logs.at(-1)).toMatchObject({ level: "info", surface: "job housekeeping", outcome: "succeeded" });
  });

  it("reports the late assessments /mod list late shows, and that the database is up", async () => {
    const listed = readableText((await app.command("list late")).json());
    const lateInList = listed.match(/WD over/g)?.length ?? 0;
    expect(lateInList).toBeGreaterThan(0);
    const text = await scrape();
    expect(metricValue(text, "modbot_late_assessments")).toBe(lateInList);
    expect(metricValue(text, "modbot_database_up")).toBe(1);
  });
});

describe("who may read /metrics", () => {
  const from = (remoteAddress: string, authorization?: string) => ({ socket: { remoteAddress }, headers: { authorization } }) as unknown as IncomingMessage;

  it("serves loopback callers, and others only when opened by a setting", () => {
    expect(mayReadMetrics(from("127.0.0.1"), { public: false })).toBe(true);
    expect(mayReadMetrics(from("::1"), { public: false })).toBe(true);
    expect(mayReadMetrics(from("::ffff:127.0.0.1"), { public: false })).toBe(true);
    expect(mayReadMetrics(from("10.1.2.3"), { public: false })).toBe(false);
    expect(mayReadMetrics(from("10.1.2.3"), { public: true })).toBe(true);
    const token = "a-long-metrics-token-123";
    expect(mayReadMetrics(from("10.1.2.3", `Bearer ${token}`), { public: false, token })).toBe(true);
    expect(mayReadMetrics(from("10.1.2.3", "Bearer wrong-token-of-some-length"), { public: false, token })).toBe(false);
    expect(mayReadMetrics(from("10.1.2.3"), { public: false, token })).toBe(false);
  });
});

describe("the log level", () => {
  it("stays what LOG_LEVEL says after Bolt has set up its logger", () => {
    const { operations } = capturingOperations();
    operations.logger.level = "error";
    createSlackApp({ ctx: createAppContext({ prisma: {} as never }), botToken: "xoxb-x", signingSecret: "s", isHealthy: async () => true, operations });
    expect(operations.logger.level).toBe("error");
  });
});

describe("secrets in the log", () => {
  it("masks tokens, the signing secret and the database password wherever they appear", () => {
    const out: string[] = [];
    const destination = new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) });
    const databaseUrl = "postgresql://modbot:pa%24%24word-42@db.internal:5432/modbot";
    const logger = createLogger({ level: "info", destination, secrets: ["xoxb-1-secret-bot", "signing-secret-value", databaseUrl] });
    logger.error({ err: new Error(`could not connect to ${databaseUrl}`) }, "database unreachable");
    logger.warn({ detail: "password pa$$word-42 was refused" }, "login");
    logger.info("using xoxb-1-secret-bot and xapp-1-A1-other, signed with signing-secret-value");
    boltLogger(logger).error("Bolt said:", new Error("token xoxb-999-another rejected"));
    const written = out.join("");
    for (const secret of ["xoxb-1-secret-bot", "signing-secret-value", "pa%24%24word-42", "pa$$word-42", "xapp-1-A1-other", "xoxb-999-another"]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain("db.internal:5432");
    expect(written.trim().split("\n")).toHaveLength(4);
    expect(JSON.parse(written.trim().split("\n")[3]!)).toMatchObject({ level: "error", msg: "Bolt said:", err: { message: expect.stringContaining("rejected") } });
  });

  it("masks token-shaped strings and URL passwords it was not told about", () => {
    expect(redactSecrets("a xoxp-12-34 b postgres://u:p4ss@h/db c", [])).toBe("a xoxp-*** b postgres://u:***@h/db c");
  });
});
