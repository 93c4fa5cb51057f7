import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subcommands } from "../../commands/index.ts";
import { parseRole } from "../../src/console/consoleOptions.ts";
import { schedulesFromText } from "../../src/jobs/scheduleText.ts";
import { explainChannelError } from "../../src/jobs/slackFailures.ts";
import { messageText } from "../../src/slack/render/blockKitText.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "../support/registers.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// Words that are properties of every plain object. Looking a typed word up in an object literal
// (`table[word]`) finds Object.prototype's members for these, which is how "/mod jobs __proto__"
// used to crash with "kinds is not iterable" instead of showing the usage.
const HOSTILE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"];

// Argument shapes that reach each subcommand's word lookups: W stands for the hostile word.
const SHAPES = [
  "W",
  "W W",
  "SECMP0053 W",
  "W SECMP0053",
  "SECMP0053 W W",
  "SECMP0053 PA W",
  "SECMP0053 IA new W",
  "role <@UHOSTILE> W",
  "revoke <@UHOSTILE> W",
  "role <@UHOSTILE> change-board W",
  "digest W",
  "digest monday W",
  "decide W W",
  "revise W to W",
  "W + 15",
  "30 Sep 2019 + W",
  "W to W",
  "standalone W",
  "SECMP0053 standalone W",
];

describe.each(databaseKinds)("hostile arguments (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      database,
      admins: ["UADMIN"],
      captureLogs: true,
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
  });
  afterAll(() => app?.close());

  const say = async (text: string) => {
    const response = await app.command(text, { userId: "UADMIN" });
    expect(response.status, text).toBe(200);
    return response.text ? readableText(response.json()) : "";
  };

  it("answers the reported cases with their usage", async () => {
    // (readableText draws Slack's mrkdwn: the typed __proto__ reads as an italic "_proto_".)
    const jobs = await say("jobs __proto__");
    expect(jobs).toContain("isn't a kind of run. Try failed, skipped, running or succeeded");
    expect(jobs).toContain("/mod jobs [failed|skipped|running|succeeded]");
    expect(await say("subscribe constructor")).toContain("/mod subscribe [digest|nudges|report|all] [DAY] [TIME]");
    const role = await say("admin role <@U1> __proto__");
    expect(role).toContain(`isn't a role. Roles: admin, change-board, dcc, viewer.`);
    expect(role).toContain("Usage:");
    expect(role).toContain("/mod admin role @user ROLE");
  });

  it("never fails on a word that names an Object.prototype member, in any subcommand", async () => {
    const failures: string[] = [];
    for (const command of subcommands) {
      for (const word of HOSTILE) {
        for (const shape of SHAPES) {
          const text = `${command.name} ${shape.replaceAll("W", word)}`;
          const answer = await say(text);
          if (/something went wrong|Sorry, I can't/i.test(answer)) failures.push(`/mod ${text} → ${answer.slice(0, 120)}`);
        }
      }
    }
    const errors = app.logs.filter((line) => line.level === "error" || line.outcome === "failed");
    expect(errors.map((line) => `${line.surface}: ${line.msg} ${line.err?.message ?? ""}`)).toEqual([]);
    expect(failures).toEqual([]);
  }, 300_000);
});

describe("typed words outside /mod", () => {
  it.each(HOSTILE)("treats %s as an unknown word in schedules, console roles, emoji and Slack errors", (word) => {
    expect(schedulesFromText(`${word} 09:00`)).toMatchObject({ ok: false });
    expect(parseRole(`change-board:${word}`)).toMatchObject({ ok: false, message: expect.stringContaining("isn't a Change Board voting group") });
    expect(messageText({ text: `:${word}: stays as typed` })).toBe(`:${word}: stays as typed`);
    expect(explainChannelError(word)).toBe(word);
  });
});
