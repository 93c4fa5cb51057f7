import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConsoleArgs } from "../../src/console/consoleOptions.ts";
import { runConsole } from "../../src/console/session.ts";
import type { DatabaseTarget } from "../../src/data/database.ts";
import { runModbot } from "../support/cli.ts";

// A newcomer's first ten minutes, replayed through the console with no flags on a fresh
// database: the demo register on its own date, a Change Board role given to yourself by name,
// a vote, steps, a release, the slips a person makes, and the CLI's --help. Asserts on what a
// person reads.

async function session(args: { script: string[] | string; database: DatabaseTarget; dataDir: string; terminal?: boolean; flags?: string[] }): Promise<string> {
  const parsed = parseConsoleArgs(args.flags ?? []);
  if (!parsed.ok) throw new Error(parsed.message);
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk) => chunks.push(String(chunk)));
  let input: Readable;
  if (args.terminal) {
    // Stands in for a terminal: readline edits lines and reads keys (↑, Ctrl-C, Ctrl-D) from it.
    const tty = new PassThrough() as PassThrough & { isTTY: boolean };
    tty.isTTY = true;
    tty.end(args.script as string);
    input = tty;
  } else {
    input = Readable.from([(args.script as string[]).map((line) => `${line}\n`).join("")]);
  }
  const code = await runConsole({ input, output, dataDir: args.dataDir, database: args.database, options: parsed.options, echo: !args.terminal, terminal: args.terminal });
  expect(code).toBe(0);
  return chunks.join("");
}

/** What the bot said in answer to `typed`, up to the next prompt. */
function answerTo(out: string, typed: string): string {
  const start = out.indexOf(`> ${typed}\n`);
  expect(start, `"${typed}" was typed`).toBeGreaterThanOrEqual(0);
  const end = out.indexOf("\n> ", start + typed.length + 3);
  return out.slice(start, end < 0 ? undefined : end);
}

describe("a newcomer's first session in the console", () => {
  let dataDir: string;
  let database: DatabaseTarget;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-newcomer-"));
    database = { kind: "embedded", dataDir: join(dataDir, "db") };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("reads the demo register on its own date, gives themselves a role by name, votes, moves, releases, and is told about slips", async () => {
    const out = await session({
      database,
      dataDir,
      script: [
        "status secmp24",
        'admin role @you change-board "Large Supplier"',
        "who",
        "admin roles",
        "admin role @UCONSOLEANALYST viewer",
        "admin role <@UCONSOLEANALYST> dcc",
        "move 53 report-consultation",
        "clock 10 Oct 2019",
        "move 53 consultation-closed",
        "vote 53",
        "",
        "approve",
        "",
        "",
        "",
        "release",
        "release November 2019 SEC Release",
        'release SECMP0025 standalone "Blursday release" on next blursday',
        'release SECMP0025 standalone "Impossible release" on 31 Feb 2027',
        'release SECMP0025 standalone "Test Two"',
        "workdays 25 Dec 2019 + 1",
        "stauts 53",
        "SECMP0053",
        "dcc 53 XA",
        "admin revoke @you admin",
        "clock",
        "quit",
      ],
    });
    // The demo's date, said in the banner, with the way to start elsewhere.
    expect(out).toContain("The bot's clock says 4 Oct 2019, the demo register's date");
    expect(out).toContain("npm run console -- --as-of DATE");
    const card = answerTo(out, "status secmp24");
    expect(card).toContain("As at 4 Oct 2019");
    expect(card).not.toMatch(/\d{4} working days|1[0-9]{3} WD/);
    // People by name, rendered as names.
    expect(answerTo(out, 'admin role @you change-board "Large Supplier"')).toContain("@Analyst now has the Change Board role, voting for Large Supplier.");
    expect(answerTo(out, "who")).toContain("@Analyst (you) · UCONSOLEANALYST · administrator, Change Board (Large Supplier)");
    expect(answerTo(out, "admin roles")).toContain("• @Analyst · Change Board (Large Supplier)");
    expect(answerTo(out, "admin role @UCONSOLEANALYST viewer")).toContain("@Analyst now has the viewer role.");
    expect(answerTo(out, "admin role <@UCONSOLEANALYST> dcc")).toContain("@Analyst now has the DCC role.");
    expect(out).not.toContain("isn't a Slack user I can use");
    // Steps are told to the channel, whether typed or from a form, once each.
    const opened = answerTo(out, "move 53 report-consultation");
    expect(opened).toContain("┌ modbot · in #modbot-console\n│ SECMP0053: Modification Report Consultation opened, on 4 Oct 2019.");
    expect(opened).toContain("│ Recorded by @Analyst");
    expect(answerTo(out, "clock 10 Oct 2019")).toContain("The bot's clock now says 10 Oct 2019.");
    expect(answerTo(out, "move 53 consultation-closed")).toContain("⚠ Closed early: it was due to close on 24 Oct 2019, 10 working days later.");
    const vote = answerTo(out, "vote 53");
    expect(vote).toContain("┌ modbot · form: Vote on SECMP0053");
    expect(vote).toContain("┌ modbot · in #modbot-console\n│ 🗳️ Large Supplier voted Approve on SECMP0053 at the Change Board of 10 Oct 2019.");
    expect(vote.match(/voted Approve/g)).toHaveLength(1);
    // Releases list their modifications; a release's name isn't a reference; dates are checked.
    expect(answerTo(out, "release")).toMatch(/November 2019 SEC Release \(scheduled\) · 7 Nov 2019[^\n]*\n(│ +\S+ · [^\n]*\n)*│ +SECMP0025 · Electricity Network Party Access/);
    const named = answerTo(out, "release November 2019 SEC Release");
    expect(named).toContain("SECMP0018 · Standard Electricity Distributor Configuration Settings");
    expect(named).not.toContain("EU Exit");
    expect(named).not.toContain("isn't a modification reference");
    expect(answerTo(out, 'release SECMP0025 standalone "Blursday release" on next blursday')).toContain(`Nothing was changed. "next blursday" isn't a date I understand.`);
    expect(answerTo(out, 'release SECMP0025 standalone "Impossible release" on 31 Feb 2027')).toContain(`Nothing was changed. "31 Feb 2027" isn't a date I understand.`);
    const moved = answerTo(out, 'release SECMP0025 standalone "Test Two"');
    expect(moved).toContain("┌ modbot · in #modbot-console\n│ 🚀 SECMP0025 is assigned to Test Two, a new standalone release (moved from November 2019 SEC Release).");
    // Working days, slips and the last administrator.
    expect(answerTo(out, "workdays 25 Dec 2019 + 1")).toContain("25 Dec 2019 is a bank holiday (Christmas Day), not a working day, so day 1 is the next working day, 27 Dec 2019.");
    const slip = answerTo(out, "stauts 53");
    expect(slip).toContain("I don't know `/mod stauts`. Did you mean `/mod status 53`?");
    expect(slip).not.toContain("Here is what I can do");
    expect(answerTo(out, "SECMP0053")).toContain("│ SECMP0053 · Amend Target Response Times");
    expect(answerTo(out, "dcc 53 XA")).toContain(`"XA" isn't PA or IA`);
    expect(answerTo(out, "admin revoke @you admin")).toContain("Nothing changed: You are the last administrator");
    expect(answerTo(out, "clock")).toContain("The bot's clock says 10 Oct 2019.");
    expect(out).toMatch(/Bye\. Everything the bot sent this session is in /);
  }, 300_000);

  it("edits lines on a terminal: ↑ recalls the last command, Ctrl-C cancels the form and not the console, Ctrl-D says goodbye", async () => {
    const out = await session({ database, dataDir, terminal: true, script: "workdays 30 Sep 2019 + 15\r\x1b[A\rmove 53\r\x03who\r\x04" });
    expect(out.match(/Working day 15 counting 30 Sep 2019 as day 1 is 18 Oct 2019/g)).toHaveLength(2);
    expect(out).toContain("┌ modbot · form: Move SECMP0053");
    expect(out).toContain("^C");
    expect(out).toContain("(Ctrl-C: the form is cancelled; nothing in it was saved)");
    expect(out).toContain("@Analyst (you) · UCONSOLEANALYST");
    expect(out).toMatch(/Bye\. Everything the bot sent this session is in /);
    // The history outlives the session.
    expect(readFileSync(join(dataDir, "console", "history"), "utf8")).toContain("move 53\n");
  }, 300_000);

  it("starts on another date with --as-of, and says so", async () => {
    const out = await session({ database, dataDir, flags: ["--as-of", "14 Oct 2019"], script: ["quit"] });
    expect(out).toContain("The bot's clock says 14 Oct 2019 (--as-of). clock DATE moves it");
  }, 300_000);

  it("has a CLI that explains itself", () => {
    for (const name of ["console", "workdays", "import"]) {
      const result = runModbot([name, "--help"], { env: { DATA_DIR: join(dataDir, "untouched") }, timeoutMs: 120_000 });
      expect(result.code).toBe(0);
      expect(result.out).toContain(`Usage: modbot ${name}`);
    }
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("npm run console -- --as-of");
  }, 400_000);
});

describe("wording a newcomer tripped on", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-wording-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("reads as a person would write it", async () => {
    const out = await session({
      database: { kind: "embedded", dataDir: join(dataDir, "db") },
      dataDir,
      script: ["status DP84", "status SECMP0066", "status MP062", "history SECMP0024", "list closed", `raise ${"Long title words ".repeat(15).trim()}`, "/cancel", 'admin role @Sam change-board "Big Supplier"', "subscriptions", "move MP079 hold", "quit"],
    });
    const dp84 = answerTo(out, "status DP84");
    expect(dp84).toContain("│ Raised  by Energy Savings Trust");
    expect(dp84).not.toContain("Path  raised");
    // The transcriber's remarks stay in the register file; people read the card.
    expect(out).not.toMatch(/OCR|column unclear/);
    const long = answerTo(out, `raise ${"Long title words ".repeat(15).trim()}`);
    expect(long).toContain("┌ modbot · form: Raise a Draft Proposal");
    expect(long).toContain("⚠ What you typed is 254 characters and a title can be at most 200");
    expect(long).toMatch(/1\. Title \[Long title words[^\]]*…\]/);
    expect(answerTo(out, "list closed")).toMatch(/│ Closed modifications \(\d+\)/);
    expect(out).not.toContain("Modifications in Closed");
    expect(answerTo(out, 'admin role @Sam change-board "Big Supplier"')).toContain(`│ "Big Supplier" isn't a Change Board voting group. The Change Board votes in five groups:`);
    expect(answerTo(out, "subscriptions")).toContain("No channel is subscribed now.");
    expect(answerTo(out, "move MP079 hold")).toContain("Put on hold, on 4 Oct 2019. Now on hold (with the Working Group).");
  }, 300_000);
});

describe("the DCC form's note", () => {
  it("is shown on the status card, as the form's hint promises", async () => {
    const { describeAssessment } = await import("../../src/slack/blocks/assessmentLines.ts");
    const lines = describeAssessment(
      { type: "PA", status: "IN_PROGRESS", requestReceivedOn: null, acceptedOn: new Date("2019-09-30T00:00:00Z"), targetDurationWd: 15, targetDate: null, deliveredOn: null, note: "Waiting for the Working Group's questions" },
      new Date("2019-10-04T00:00:00Z"),
    );
    expect(lines).toContain("Note: Waiting for the Working Group's questions");
  });
});

describe("the DCC form", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-dccform-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shows every problem at once, not one submit at a time", async () => {
    const out = await session({
      database: { kind: "embedded", dataDir: join(dataDir, "db") },
      dataDir,
      flags: ["--user", "Dee", "--role", "dcc"],
      script: ["/mod dcc SECMP0024", "next blursday", "", "", "", "1 Jan 2030", "", "", "", "", "", "/cancel", "quit"],
    });
    const problems = out.slice(out.indexOf("The form has problems"));
    expect(problems).toContain(`⚠ Working Group request received: "next blursday" isn't a date I understand.`);
    expect(problems).toMatch(/⚠ Delivered[^:]*: 1 Jan 2030 is in the future/);
  }, 300_000);
});
