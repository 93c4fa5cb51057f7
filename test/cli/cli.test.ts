import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSettings } from "../../src/config.ts";
import { modbotBin, runModbot } from "../support/cli.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { postSigned, slashCommandBody, TEST_SIGNING_SECRET } from "../support/slackRequests.ts";

const modbot = (args: string[], env: Record<string, string> = {}) => runModbot(args, { env });

describe("settings", () => {
  it("name what is missing or malformed", () => {
    expect(() => readSettings({})).toThrow(/SLACK_BOT_TOKEN is not set/);
    expect(() => readSettings({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET is not set/);
    expect(() => readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "eighty" })).toThrow(/PORT: /);
    expect(() => readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: a PostgreSQL URL starts with postgresql:\/\//,
    );
    expect(() => readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", MODBOT_ADMINS: "U1,bob" })).toThrow(/MODBOT_ADMINS/);
  });

  it("default to HTTP on 3000 with the embedded database in ./data", () => {
    const settings = readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", MODBOT_ADMINS: "U1, U2", DATABASE_URL: "" });
    expect(settings).toMatchObject({ port: 3000, dataDir: "./data", databaseUrl: undefined, initialAdmins: ["U1", "U2"] });
  });
});

describe("the modbot command line", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-cli-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("does working-day arithmetic", () => {
    expect(modbot(["workdays", "30 Sep 2019 + 15"]).out.trim()).toBe("18 Oct 2019");
    expect(modbot(["workdays", "29", "May", "2019", "to", "1", "Oct", "2019"]).out.trim()).toBe("89");
    const bad = modbot(["workdays", "next", "blursday"]);
    expect(bad.code).toBe(2);
  });

  it("refuses to start without its Slack settings, naming them", () => {
    const result = modbot(["start"], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.err).toContain("SLACK_BOT_TOKEN is not set");
  });

  it("migrates, loads the demo register, and reports bad CSV rows without importing them", () => {
    const migrated = modbot(["migrate"], { DATA_DIR: dataDir });
    expect(migrated.code).toBe(0);
    expect(migrated.out).toMatch(/^Applied \d+ migrations \(embedded PostgreSQL in .*\): 20261124000000_init, /);
    const demo = modbot(["import", "demo"], { DATA_DIR: dataDir });
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Demo register loaded: \d+ new and 0 updated modifications/);
    const csv = join(dataDir, "bad.csv");
    writeFileSync(csv, "reference,title,status\nDP099,Fine,DRAFT_RAISED\nDP100,,DRAFT_RAISED\n");
    const bad = modbot(["import", csv], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Nothing was imported");
    expect(bad.err).toContain("line 3: title: title is empty");
    const missing = modbot(["import", join(dataDir, "missing.csv")], { DATA_DIR: dataDir });
    expect(missing).toMatchObject({ code: 1, out: "" });
    expect(missing.err.trim()).toBe(`modbot: cannot read ${join(dataDir, "missing.csv")}: no such file`);
  }, 180_000);

  it("shows its usage for an unknown command", () => {
    const result = modbot(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("Usage: modbot <command>");
  });
});

describe("modbot start (HTTP mode, embedded database)", () => {
  let slack: FakeSlack;
  let dataDir: string;
  let child: ReturnType<typeof spawn>;
  let baseUrl: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), "modbot-start-"));
    modbot(["import", "demo"], { DATA_DIR: dataDir });
    child = spawn(process.execPath, [modbotBin, "start"], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        PORT: "0",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: "info",
      },
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk) => {
        output += chunk;
        const port = /HTTP on port (\d+)/.exec(output)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.on("exit", (code) => reject(new Error(`modbot start exited with ${code}: ${output}`)));
    });
  });
  afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((resolve) => child?.once("exit", resolve));
    await slack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers /healthz and a signed /mod status from the demo register", async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    const response = await postSigned(baseUrl, slashCommandBody({ text: "status secmp53", responseUrl: slack.responseUrl }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json())).toContain("SECMP0053 · Amend Target Response Times");
  });
});
