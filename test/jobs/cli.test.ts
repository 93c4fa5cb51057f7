import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModbot } from "../support/cli.ts";

// `modbot digest` and `modbot nudges` print what would be posted, against the demo register.

describe("modbot digest and modbot nudges --dry-run", () => {
  let dataDir: string;
  const modbot = (args: string[]) => runModbot(args, { env: { DATA_DIR: dataDir } });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-jobs-cli-"));
    expect(modbot(["import", "demo"]).code).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints the digest that would be posted on a date", () => {
    const result = modbot(["digest", "--as-of", "2019-10-07", "--dry-run"]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Would post to a channel \(\d+ messages?; no earlier digest\):/);
    expect(result.out).toContain("📋 Modifications digest · 7 Oct 2019");
    expect(result.out).toContain("Due in the next 5 working days (to Fri 11 Oct 2019)");
    expect(result.out).toMatch(/Late DCC assessments \(\d+\)/);
    expect(result.out).toContain("⚠️ SECMP0024 Enduring Approach to Communication Hub Firmware Management — DCC PA 93 of 15 WD, due 18 Jun 2019: 78 WD over the 15 WD target and 65 WD past DCC's revised date 5 Jul 2019");
  });

  it("prints the nudges that would be posted, and none on a weekend", () => {
    const result = modbot(["nudges", "--as-of", "7 Oct 2019", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Would post \d+ nudges? in a newly subscribed channel/);
    // 29 May 2019 is working day 1; 7 Oct 2019 is day 93 (the report's 89 on 1 Oct, plus four).
    expect(result.out).toContain("SECMP0024 · Enduring Approach to Communication Hub Firmware Management\nPA accepted 29 May 2019: 93 of 15 WD, due 18 Jun 2019. Late: 78 WD over the 15 WD target and 65 WD past DCC's revised date 5 Jul 2019.");
    expect(result.out).toContain("[1] Log delivery   [2] Snooze 3 working days");
    expect(modbot(["nudges", "--as-of", "2019-10-05", "--dry-run"]).out).toContain("5 Oct 2019 isn't an SEC working day");
  });

  it("only previews, and says what was wrong with its options", () => {
    expect(modbot(["digest", "--as-of", "2019-10-07"])).toMatchObject({ code: 2, err: expect.stringContaining("Only --dry-run is supported") });
    expect(modbot(["digest", "--as-of", "next blursday", "--dry-run"])).toMatchObject({ code: 2, err: expect.stringContaining("isn't a date I understand") });
    expect(modbot(["nudges", "--channel", "general", "--dry-run"])).toMatchObject({ code: 2, err: expect.stringContaining("isn't a Slack channel id") });
  });
});
