import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModbot } from "../support/cli.ts";

// A newcomer's way into the CLI: every subcommand explains itself on --help and does nothing
// else; mistakes are one line with exit 2 (usage) or 1 (it failed), never a stack trace.

describe("modbot SUBCOMMAND --help", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-help-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const subcommands: [string, RegExp][] = [
    ["start", /Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/],
    ["migrate", /Applies the migrations/],
    ["import", /demo {6}the demo register/],
    ["workdays", /"30 Sep 2019 \+ 15" +the 15th SEC working day/],
    ["report", /--format/],
    ["digest", /--dry-run/],
    ["nudges", /--dry-run/],
    ["console", /--as-of DATE/],
  ];

  it.each(subcommands)("%s --help prints its usage, exits 0 and touches nothing", (name, says) => {
    const data = join(dataDir, name);
    const result = runModbot([name, "--help"], { env: { DATA_DIR: data, SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" }, timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Usage: modbot ${name}`);
    expect(result.out).toMatch(says);
    expect(result.err).toBe("");
    // start didn't start, migrate didn't migrate, import didn't import: no database was opened.
    expect(existsSync(data)).toBe(false);
  }, 120_000);

  it("answers mistakes in one line with exit 2, and failures with exit 1, without a stack trace", () => {
    const env = { DATA_DIR: join(dataDir, "mistakes") };
    const cases: [string[], number, RegExp][] = [
      [["workdays"], 2, /^Usage: modbot workdays/],
      [["workdays", "blah"], 2, /I need a date and a number of working days/],
      [["import"], 2, /^Usage: modbot import demo\|FILE\.csv\n$/],
      [["import", "missing.csv"], 1, /^modbot: cannot read missing\.csv: no such file\n$/],
      [["migrate", "--force"], 2, /^modbot migrate takes no arguments/],
      [["start", "now"], 2, /^modbot start takes no arguments/],
      [[], 2, /^Usage: modbot <command>/],
    ];
    for (const [args, code, says] of cases) {
      const result = runModbot(args, { env });
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.err).toMatch(says);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
    const unreachable = runModbot(["migrate"], { env: { DATABASE_URL: "postgresql://127.0.0.1:1/none" } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.err.trim().split("\n")).toHaveLength(1);
    expect(unreachable.err).toMatch(/^modbot migrate: .*ECONNREFUSED/);
  }, 600_000);

  it("says an empty register is empty instead of printing an all-zero report", () => {
    const env = { DATA_DIR: join(dataDir, "empty") };
    expect(runModbot(["migrate"], { env, timeoutMs: 120_000 }).code).toBe(0);
    const result = runModbot(["report", "--as-of", "4 Oct 2019"], { env, timeoutMs: 120_000 });
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toContain("The register is empty: there is nothing to report. Load one with modbot import demo");
  }, 300_000);
});
