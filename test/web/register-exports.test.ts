import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/appContext.ts";
import { importCsvRegister, importDemoRegister } from "../../src/data/register/registerSources.ts";
import { csvColumns } from "../../src/data/register/csvRegister.ts";
import { registerCsv } from "../../src/web/registerCsv.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "../support/registers.ts";
import { startTestApp, type TestApp } from "../support/testApp.ts";
import { createTestDatabase, databaseKinds } from "../support/testDatabase.ts";

// /register.csv in the import's own columns (export → import → export gives the same file) and
// /calendar.ics read by an independent parser (ical.js), its UIDs stable when a date moves.

describe.each(databaseKinds)("the register's exports (%s database)", (database) => {
  let app: TestApp;
  const get = (path: string) => fetch(`${app.url}${path}`);

  beforeAll(async () => {
    app = await startTestApp({ database, now: () => new Date("2019-10-04T11:00:00Z"), seed: (db) => importDemoRegister(db.prisma).then(() => undefined) });
  });
  afterAll(() => app?.close());

  it("serves the register in the CSV import's columns", async () => {
    const response = await get("/register.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    expect(csv.split("\n")[0]).toBe(csvColumns.join(","));
    expect(csv).toContain("SECMP0024,Enduring Approach to Communication Hub Firmware Management,IN_REFINEMENT");
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.reference === "SECMP0024")!;
    // DCC's revised date is written; the original one follows from the accepted date and duration.
    expect([row.pa_accepted, row.pa_target_wd, row.pa_target_date, row.pa_status]).toEqual(["2019-05-29", "15", "2019-07-05", ""]);
  });

  it("round-trips: export, import into an empty register, export again", async () => {
    const first = await createTestDatabase(database);
    const second = await createTestDatabase(database);
    try {
      await importRegister(first.db.prisma, smallRegister(), { mode: "replace", actor: "test" });
      await first.db.prisma.modification.update({
        where: { reference: "SECMP0053" },
        data: { leadAnalyst: "Joe Bloggs", solution: 'Shorter targets, "quoted", and, commas\non two lines', impactedParties: "Large Suppliers, DCC", affectedDocuments: "Section H; Appendix AB" },
      });
      const csv = await registerCsv(createAppContext({ prisma: first.db.prisma }));
      const imported = await importCsvRegister(second.db.prisma, csv, "2019-10-04");
      expect(imported.ok ? [] : imported.problems).toEqual([]);
      if (imported.ok) expect(imported.summary.created).toBe(await first.db.prisma.modification.count());
      expect(await registerCsv(createAppContext({ prisma: second.db.prisma }))).toBe(csv);
      // And importing it back where it came from changes nothing.
      expect((await importCsvRegister(first.db.prisma, csv, "2019-10-04")).ok).toBe(true);
      expect(await registerCsv(createAppContext({ prisma: first.db.prisma }))).toBe(csv);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it("serves a calendar that ical.js reads, with stable UIDs", async () => {
    const read = async () => {
      const response = await get("/calendar.ics");
      expect(response.headers.get("content-type")).toContain("text/calendar");
      const component = new ICAL.Component(ICAL.parse(await response.text()));
      return component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    };
    const events = await read();
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const on = (summary: RegExp) => events.filter((e) => summary.test(e.summary)).map((e) => e.startDate.toString());
    expect(on(/^SECMP0024 PA target date \(15 WD\)$/)).toEqual(["2019-06-18"]);
    expect(on(/^SECMP0024 PA: DCC's revised date$/)).toEqual(["2019-07-05"]);
    expect(on(/^November 2019 SEC Release$/)).toEqual(["2019-11-07"]);
    expect(events.some((e) => e.summary === "Change Board meeting")).toBe(true);
    expect(events.every((e) => e.startDate.isDate)).toBe(true);

    // DCC agrees another date: the same event (same UID) moves.
    const revisedUid = events.find((e) => e.summary === "SECMP0024 PA: DCC's revised date")!.uid;
    const pa = await app.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "SECMP0024" }, type: "PA" } });
    await app.db.prisma.assessment.update({ where: { id: pa.id }, data: { targetDate: new Date("2019-10-18T00:00:00Z") } });
    const after = await read();
    const moved = after.find((e) => e.uid === revisedUid)!;
    expect(moved.startDate.toString()).toBe("2019-10-18");
    expect(after.map((e) => e.uid).sort()).toEqual([...uids].sort());
  });
});
