import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import type { ChangeStatusReport } from "../../src/report/model.ts";
import { renderMarkdown } from "../../src/report/render/markdown.ts";
import { renderPdf } from "../../src/report/render/pdf.ts";
import { figureTables } from "../../src/report/tables.ts";
import { hasPdftotext, pdfToText } from "../support/pdfText.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

// The Panel's PDF, read back with poppler's pdftotext: the seed's section headings and the same
// figures as the Markdown report, both from the demo register as at the seed's date.

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe.skipIf(!hasPdftotext)("the report as PDF", () => {
  let database: TestDatabase;
  let report: ChangeStatusReport;
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    database = await createTestDatabase("embedded");
    await importDemoRegister(database.db.prisma);
    report = await buildChangeStatusReport(database.db.prisma, calendarDate(2019, 10, 4));
    pdf = await renderPdf(report);
    text = squash(pdfToText(pdf));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("is a PDF with the seed's section headings, as the Markdown has them", () => {
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const headings = renderMarkdown(report)
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .map((line) => squash(line.replace(/^#+\s*/, "").replace(/\\(.)/g, "$1")));
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of ["Summary", "Define", "Refine", "Opine", "Release", "Appendix A"]) {
      expect(headings.some((h) => h.includes(heading))).toBe(true);
    }
    for (const heading of headings) expect(text).toContain(heading);
  });

  it("has the Markdown's figures", () => {
    const markdown = squash(renderMarkdown(report));
    for (const table of figureTables(report)) {
      for (const row of table.rows) {
        for (const cell of row.filter(Boolean)) {
          expect(markdown).toContain(squash(cell));
          expect(text).toContain(squash(cell));
        }
      }
    }
    // The seed's open-assessment durations.
    for (const figure of ["89 WD", "45 WD", "65 WD", "78 WD"]) expect(text).toContain(figure);
  });

  it("is the same file for the same report", async () => {
    expect(Buffer.compare(await renderPdf(report), pdf)).toBe(0);
  });
});
