import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModbot } from "../support/cli.ts";

// `modbot report` end to end: a real process on an embedded database holding the demo register.

describe("modbot report", () => {
  let dir: string;
  const modbot = (args: string[]) => runModbot(args, { cwd: dir, env: { DATA_DIR: join(dir, "data") } });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "modbot-report-"));
    expect(modbot(["import", "demo"]).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the Markdown report as at a date", () => {
    const { code, out } = modbot(["report", "--as-of", "4 Oct 2019"]);
    expect(code).toBe(0);
    expect(out).toContain("# Change Status Report — 4 October 2019");
    expect(out).toContain("| SECMP0024 | PA | 29 May 2019 | 15 WD | 89 WD |");
  });

  it("writes the Panel's PDF", () => {
    const { code, err } = modbot(["report", "--as-of", "2019-10-04", "--format", "pdf"]);
    expect(code).toBe(0);
    expect(err).toContain("Wrote change-status-report-2019-10-04.pdf");
    expect(readFileSync(join(dir, "change-status-report-2019-10-04.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("writes one CSV per table into a folder, and the chart as a PNG", () => {
    expect(modbot(["report", "--as-of", "2019-10-04", "--format", "csv", "--out", "tables"]).code).toBe(0);
    expect(readdirSync(join(dir, "tables"))).toContain("dcc_assessment_timescales.csv");
    expect(readFileSync(join(dir, "tables", "dcc_assessment_timescales.csv"), "utf8")).toContain("Impact Assessments open,2,55 WD");
    const { code, err } = modbot(["report", "--as-of", "2019-10-04", "--format", "png"]);
    expect(code).toBe(0);
    expect(err).toContain("Wrote change-status-report-2019-10-04-stages.png");
    const png = PNG.sync.read(readFileSync(join(dir, "change-status-report-2019-10-04-stages.png")));
    expect(png.width).toBe(800);
  });

  it("explains a bad format or date with exit code 2", () => {
    const format = modbot(["report", "--format", "docx"]);
    expect(format.code).toBe(2);
    expect(format.err).toContain(`"docx" isn't a report format. Use one of md, html, pdf, json, csv, zip, png.`);
    const date = modbot(["report", "--as-of", "blursday"]);
    expect(date.code).toBe(2);
    expect(date.err).toContain(`"blursday" isn't a date I understand`);
  });
});
