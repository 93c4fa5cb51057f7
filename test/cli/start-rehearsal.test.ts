import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, startBot, type BotProcess } from "../support/botProcess.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { freePort } from "../support/freePort.ts";
import { postSigned, slashCommandBody } from "../support/slackRequests.ts";
import { createServerDatabaseWithSmallRegister } from "../support/testDatabase.ts";

// On the PostgreSQL server, `modbot start` rehearses status lookups on itself before /healthz
// says healthy (src/slack/rehearsal.ts); they must not show up as Slack's traffic.

async function statusRequestsCounted(botUrl: string): Promise<number> {
  const metrics = await (await fetch(`${botUrl}/metrics`)).text();
  return [...metrics.matchAll(/^modbot_requests_total\{surface="\/mod status",outcome="ok"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe("modbot start's rehearsal of its first requests", () => {
  let slack: FakeSlack;
  let database: Awaited<ReturnType<typeof createServerDatabaseWithSmallRegister>>;
  let dataDir: string;
  let onServer: BotProcess;
  let embedded: BotProcess;

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createServerDatabaseWithSmallRegister();
    dataDir = mkdtempSync(join(tmpdir(), "modbot-rehearsal-"));
    [onServer, embedded] = await Promise.all([startBot(botEnvironment({ databaseUrl: database.url }, slack.apiUrl)), startBot(botEnvironment({ dataDir }, slack.apiUrl))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([onServer?.stop("SIGKILL"), embedded?.stop("SIGKILL")]);
    await slack?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("on the server, answers every rehearsed lookup with a card before it says it is healthy", async () => {
    const running = onServer.logLines().find((line) => /modbot is running/.test(line.msg));
    // Up to 60, as many as fit in its 500 ms (two bots start at once here, on two cores); a
    // lookup answered without a card would be a warning.
    expect(running?.rehearsed).toBeGreaterThanOrEqual(10);
    expect(running?.rehearsed).toBeLessThanOrEqual(60);
    expect(running?.startMs.rehearsing).toBeGreaterThan(0);
    expect(onServer.logLines().filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);
    expect((await fetch(`${onServer.url}/healthz`)).status).toBe(200);
  });

  it("says /healthz 503 (warming) while it rehearses, and 200 only after", async () => {
    const port = await freePort();
    const seen: { status: number; body: any }[] = [];
    const starting = startBot({ ...botEnvironment({ databaseUrl: database.url }, slack.apiUrl), PORT: String(port) });
    const start = { done: false, failed: false };
    void starting.then(() => (start.done = true), () => (start.failed = true));
    while (!start.failed && (!start.done || seen.at(-1)?.status !== 200)) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then(async (response) => ({ status: response.status, body: await response.json() }), () => undefined);
      if (health && seen.at(-1)?.status !== health.status) seen.push(health);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const bot = await starting;
    try {
      // Each change of answer, in order: warming from the moment it listens, then healthy.
      expect(seen.map((health) => health.body)).toEqual([{ ok: false, database: "up", warming: true }, { ok: true, database: "up" }]);
      expect(bot.logLines().find((line) => /modbot is running/.test(line.msg))?.rehearsed).toBeGreaterThanOrEqual(10);
    } finally {
      await bot.stop("SIGKILL");
    }
  });

  it("neither logs nor counts the rehearsals as requests, while a real lookup is both", async () => {
    expect(await statusRequestsCounted(onServer.url)).toBe(0);
    expect(onServer.logLines().filter((line) => line.surface === "/mod status")).toEqual([]);
    const reference = "SECMP0053";
    const answer = await postSigned(onServer.url, slashCommandBody({ text: `status ${reference}`, responseUrl: slack.responseUrl }));
    expect(answer.text).toContain(reference);
    expect(await statusRequestsCounted(onServer.url)).toBe(1);
    await expect.poll(() => onServer.logLines().filter((line) => line.surface === "/mod status").length).toBe(1);
  });

  it("does not rehearse on the embedded database, where it measured no gain", () => {
    const running = embedded.logLines().find((line) => /modbot is running/.test(line.msg));
    expect(running).toBeDefined();
    expect(running?.rehearsed).toBeUndefined();
    expect(running?.startMs.rehearsing).toBeUndefined();
  });
});
