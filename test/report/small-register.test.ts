import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { registerFile } from "../../src/data/register/registerFile.ts";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import { renderReportFiles } from "../../src/report/files.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/testDatabase.ts";

// A hand-made register whose answers were worked out on a calendar: a regulatory-year boundary
// on 1 April 2020, an assessment delivered on its target day, one delivered on the counting day,
// and one on hold.

const register = registerFile.parse({
  asOf: "2020-05-05",
  parties: [{ name: "Northern Powergrid", category: "ELECTRICITY_NETWORK" }],
  modifications: [
    {
      // 15 WD from Mon 2 Mar 2020 is Fri 20 Mar: delivered on its target day, in 2019/20.
      reference: "SECMP0101",
      title: "Delivered on its target day",
      status: "IN_REFINEMENT",
      raisedOn: "2020-01-06",
      assessments: [{ type: "PA", acceptedOn: "2020-03-02", targetDurationWd: 15, deliveredOn: "2020-03-20", status: "DELIVERED" }],
    },
    {
      // Delivered on 1 Apr 2020: open at the end of March (13th working day), completed in 2020/21.
      reference: "SECMP0102",
      title: "Delivered on the first day of the year",
      status: "IN_REFINEMENT",
      raisedOn: "2020-01-06",
      assessments: [{ type: "PA", acceptedOn: "2020-03-16", targetDurationWd: 15, deliveredOn: "2020-04-01", status: "DELIVERED" }],
    },
    {
      reference: "SECMP0103",
      title: "On hold",
      status: "IN_REFINEMENT",
      onHold: true,
      onHoldReason: "Waiting for the Alt HAN project",
      raisedOn: "2020-01-06",
      assessments: [{ type: "IA", acceptedOn: "2020-01-06", targetDurationWd: 40, status: "ON_HOLD" }],
    },
    {
      // 3 Feb – 1 Apr 2020 is 43 working days; to 1 May, 63 (Good Friday and Easter Monday off).
      reference: "SECMP0104",
      title: "A long Impact Assessment",
      status: "IN_REFINEMENT",
      raisedOn: "2020-01-06",
      assessments: [{ type: "IA", acceptedOn: "2020-02-03", targetDurationWd: 40, status: "IN_PROGRESS" }],
    },
    {
      // Raised 6 Jan, rejected 31 Mar 2020: 62 working days, concluded in 2019/20.
      reference: "MP105",
      title: "Rejected on the last day of the year",
      status: "REJECTED",
      path: "SELF_GOVERNANCE",
      raisedOn: "2020-01-06",
      concludedOn: "2020-03-31",
    },
    {
      reference: "DP106",
      title: "A new Draft Proposal",
      summary: "Something needs fixing.",
      status: "DRAFT_RAISED",
      raisedBy: "Northern Powergrid",
      raisedOn: "2020-03-25",
      history: [{ status: "DRAFT_RAISED", event: "Raised", on: "2020-03-25", actor: "Northern Powergrid" }],
    },
  ],
});

describe.each(databaseKinds)("Change Status Report on a small register with known answers (%s database)", (database) => {
  let testDatabase: TestDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(database);
    await importRegister(testDatabase.db.prisma, register, { mode: "replace", actor: "test" });
  });
  afterAll(() => testDatabase?.dispose());

  const build = (year: number, month: number, day: number) => buildChangeStatusReport(testDatabase.db.prisma, calendarDate(year, month, day));

  it("as at the end of March 2020: 2019/20, with the 1 April delivery still open", async () => {
    const report = await build(2020, 4, 2);
    expect(report.figures.countedThrough).toEqual(calendarDate(2020, 4, 1));
    const [paOpen, paCompleted, iaOpen, iaCompleted] = report.refine.assessmentTimescales;
    expect(paOpen).toEqual({ label: "Preliminary Assessments open", total: 1, averageWd: 13, measured: 1 });
    expect(paCompleted).toEqual({ label: "Preliminary Assessments completed during 2019/20", total: 1, averageWd: 15, measured: 1 });
    expect(iaOpen).toEqual({ label: "Impact Assessments open", total: 1, averageWd: 43, measured: 1 });
    expect(iaCompleted).toMatchObject({ total: 0, averageWd: null });
    expect(report.refine.openAssessments.map((a) => [a.reference, a.currentDurationWd, a.late])).toEqual([
      ["SECMP0102", 13, false],
      ["SECMP0104", 43, true],
    ]);
    expect(report.refine.completedAssessments.map((a) => [a.reference, a.durationWd])).toEqual([["SECMP0101", 15]]);
    expect(report.refine.onHoldAssessments).toEqual([{ reference: "SECMP0103", title: "On hold", type: "IA" }]);
    const [open, concluded] = report.opine.proposalTimescales;
    // Four modifications raised 6 Jan (63 WD to 1 Apr) and DP106 (6 WD): (4 × 63 + 6) / 5 = 51.6.
    expect(open).toEqual({ label: "Proposals open (pre-decision)", total: 5, averageWd: 52, measured: 5 });
    expect(concluded).toEqual({ label: "Proposals concluded during 2019/20", total: 1, averageWd: 62, measured: 1 });
  });

  it("as at the end of April 2020: 2020/21 starts afresh on 1 April", async () => {
    const report = await build(2020, 5, 5);
    expect(report.figures.regulatoryYear.label).toBe("2020/21");
    const [paOpen, paCompleted, iaOpen] = report.refine.assessmentTimescales;
    expect(paOpen.total).toBe(0);
    expect(paCompleted).toEqual({ label: "Preliminary Assessments completed during 2020/21", total: 1, averageWd: 13, measured: 1 });
    expect(iaOpen).toMatchObject({ total: 1, averageWd: 63 });
    expect(report.opine.proposalTimescales[1]).toMatchObject({ label: "Proposals concluded during 2020/21", total: 0, averageWd: null });
  });

  it("tells this month's new Draft Proposal only in the month it was raised", async () => {
    expect((await build(2020, 4, 2)).define.newDraftProposals.map((d) => [d.reference, d.raisedBy, d.problemStatement])).toEqual([
      ["DP106", "Northern Powergrid", "Something needs fixing."],
    ]);
    expect((await build(2020, 5, 5)).define.newDraftProposals).toEqual([]);
  });

  it("leaves out what did not exist yet on the report date", async () => {
    const report = await build(2020, 3, 24);
    expect(report.summary.stageCounts.find((s) => s.stage === "Define")!.count).toBe(0);
    expect((await build(2020, 3, 25)).summary.stageCounts.find((s) => s.stage === "Define")!.count).toBe(1);
  });

  it("says where an average or a list is empty instead of printing a blank", async () => {
    const md = renderReportFiles(await build(2020, 5, 5), "md")[0].content as string;
    expect(md).toContain("No decisions on any Modification Proposals were received this month.");
    expect(md).toContain("| SECMP0104 | IA | 3 Feb 2020 | 40 WD | 63 WD |");
    expect(md).toContain("The Change Sub-Committee (CSC) made no decisions on Draft Proposals this month.");
    expect(md).toContain("| Preliminary Assessments open | 0 | – |");
    expect(md).toContain("On hold, and not counted above: SECMP0103 IA.");
  });
});
