import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsvRegister, importDemoRegister, readDemoRegister } from "../../src/data/register/registerSources.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/testDatabase.ts";

const goodCsv = `reference,title,status,path,raised_by,raised_by_category,raised_on,pa_accepted,pa_target_wd,pa_delivered,ia_accepted
SECMP0024,Enduring Approach to Communication Hub Firmware Management,in refinement,,,,,29/05/2019,15,,
DP090,A new proposal,DRAFT_RAISED,Self-Governance,Octopus Energy,Large Supplier,2019-10-02,,,,
MP080,Ensuring a managed move to DUIS version 3.1,IN_REFINEMENT,,,,,2019-09-02,,2019-09-20,
MP079,Provisions for withdrawing modifications,IN_REFINEMENT,,,,,,,,
`;

describe.each(databaseKinds)("loading a register (%s database)", (database) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(database);
  });
  afterAll(() => t?.dispose());

  it("loads every modification and assessment the seed report names, and loading it again changes nothing", async () => {
    const register = readDemoRegister();
    const first = await importDemoRegister(t.db.prisma);
    expect(first.created).toBe(register.modifications.length);
    expect(await t.db.prisma.modification.count()).toBe(register.modifications.length);
    const assessments = await t.db.prisma.assessment.count();
    expect(assessments).toBe(register.modifications.reduce((n, m) => n + m.assessments.length, 0));

    const second = await importDemoRegister(t.db.prisma);
    expect(second).toMatchObject({ created: 0, updated: register.modifications.length });
    expect(await t.db.prisma.modification.count()).toBe(register.modifications.length);
    expect(await t.db.prisma.assessment.count()).toBe(assessments);
    expect(await t.db.prisma.stageTransition.count()).toBe(register.modifications.reduce((n, m) => n + m.history.length, 0));
  });

  it("holds what the report says of the modifications it names", async () => {
    const mp076 = await t.db.prisma.modification.findUniqueOrThrow({
      where: { reference: "MP076" },
      include: { changeBoardVotes: { include: { meeting: true } } },
    });
    expect(mp076.status).toBe("AWAITING_AUTHORITY");
    expect(mp076.changeBoardVotes.map((v) => [v.meeting.heldOn.toISOString().slice(0, 10), v.outcome, v.effect])).toEqual([
      ["2019-09-18", "APPROVE", "RECOMMENDATION"],
    ]);
    const november = await t.db.prisma.release.findUniqueOrThrow({
      where: { name: "November 2019 SEC Release" },
      include: { modifications: true, revisionRequests: true },
    });
    expect(november.modifications).toHaveLength(9);
    expect(november.revisionRequests.map((r) => r.requestedDate.toISOString().slice(0, 10))).toEqual(["2019-11-24"]);
    const dp084 = await t.db.prisma.modification.findUniqueOrThrow({ where: { reference: "DP084" }, include: { raisedBy: true } });
    expect([dp084.raisedBy?.name, dp084.raisedOn?.toISOString().slice(0, 10)]).toEqual(["Energy Savings Trust", "2019-09-10"]);
    const open = await t.db.prisma.assessment.findMany({
      where: { status: "IN_PROGRESS", acceptedOn: { lte: new Date("2019-09-29") } },
      include: { modification: true },
      orderBy: { modification: { number: "asc" } },
    });
    expect(open.map((a) => `${a.modification.reference} ${a.type}`)).toEqual(["SECMP0007 IA", "SECMP0024 PA", "SECMP0056 IA"]);
  });

  it("keeps DCC's revised target dates as revisions of the original, as Appendix A gives them", async () => {
    const revised = await t.db.prisma.targetRevision.findMany({ include: { assessment: { include: { modification: true } } }, orderBy: { id: "asc" } });
    const iso = (d: Date | null) => d?.toISOString().slice(0, 10);
    expect(revised.map((r) => [r.assessment.modification.reference, r.assessment.type, iso(r.previousTargetDate), iso(r.newTargetDate)]).sort()).toEqual([
      ["SECMP0007", "IA", "2019-09-24", "2019-11-04"],
      ["SECMP0024", "PA", "2019-06-18", "2019-07-05"],
      ["SECMP0056", "IA", "2019-08-27", "2019-10-31"],
      ["SECMP0066", "PA", "2019-07-03", "2019-07-30"],
    ]);
    // The stored target is the agreed (revised) one; MP078's is its original, 15 WD from 30 Sep 2019.
    const mp078 = await t.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "MP078" } } });
    expect(iso(mp078.targetDate)).toBe("2019-10-18");
    expect(await t.db.prisma.targetRevision.count({ where: { assessmentId: mp078.id } })).toBe(0);
  });

  it("reads the five paths in the CSV, and lets only the SEC Panel raise a fast-track one", async () => {
    const csv = [
      "reference,title,status,path,raised_by,raised_by_category",
      "DP120,One,DRAFT_RAISED,Path 1,,",
      "DP121,Two,DRAFT_RAISED,urgent,,",
      "DP122,Three,DRAFT_RAISED,Fast-Track Self-Governance,SEC Panel,Panel/committee",
    ].join("\n");
    expect(await importCsvRegister(t.db.prisma, csv.replace("Panel/committee", "PANEL_OR_COMMITTEE"), "2019-10-04")).toMatchObject({ ok: true });
    const paths = await t.db.prisma.modification.findMany({ where: { number: { in: [120, 121, 122] } }, orderBy: { number: "asc" }, select: { path: true } });
    expect(paths.map((p) => p.path)).toEqual(["AUTHORITY_LED", "URGENT", "FAST_TRACK"]);
    const bad = await importCsvRegister(t.db.prisma, "reference,title,status,path,raised_by\nDP123,Four,DRAFT_RAISED,fast track,Northern Powergrid\nDP124,Five,DRAFT_RAISED,path 4,\n", "2019-10-04");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]!.message).toContain(`path: "path 4" is not a path: use AUTHORITY_LED (Path 1: Authority-led)`);
    const notPanel = await importCsvRegister(t.db.prisma, "reference,title,status,path,raised_by\nDP123,Four,DRAFT_RAISED,fast track,Northern Powergrid\n", "2019-10-04");
    expect(notPanel).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("DP123: Only the SEC Panel raises Fast-Track Self-Governance modifications, not Northern Powergrid.") }] });
  });

  it("keeps the previous agreed target when an import revises it", async () => {
    const csv = (target: string) => `reference,title,status,pa_accepted,pa_target_wd,pa_target_date\nSECMP0024,Enduring Approach to Communication Hub Firmware Management,IN_REFINEMENT,2019-05-29,15,${target}\n`;
    const pa = await t.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "SECMP0024" }, type: "PA" } });
    const before = await t.db.prisma.targetRevision.count({ where: { assessmentId: pa.id } });
    expect(await importCsvRegister(t.db.prisma, csv("2019-07-26"), "2019-10-04")).toMatchObject({ ok: true });
    expect(await importCsvRegister(t.db.prisma, csv("2019-07-26"), "2019-10-04")).toMatchObject({ ok: true });
    const revisions = await t.db.prisma.targetRevision.findMany({ where: { assessmentId: pa.id }, orderBy: { id: "asc" } });
    expect(revisions).toHaveLength(before + 1);
    expect([revisions.at(-1)!.previousTargetDate?.toISOString().slice(0, 10), revisions.at(-1)!.newTargetDate?.toISOString().slice(0, 10), revisions.at(-1)!.revisedBy]).toEqual([
      "2019-07-05",
      "2019-07-26",
      "csv import",
    ]);
  });

  it("imports a CSV register, creating parties and updating existing modifications", async () => {
    const result = await importCsvRegister(t.db.prisma, goodCsv, "2019-10-04");
    expect(result).toMatchObject({ ok: true, summary: { created: 1, updated: 3 } });
    const dp090 = await t.db.prisma.modification.findUniqueOrThrow({ where: { reference: "DP090" }, include: { raisedBy: true } });
    expect([dp090.path, dp090.raisedBy?.name, dp090.raisedBy?.category]).toEqual(["SELF_GOVERNANCE", "Octopus Energy", "LARGE_SUPPLIER"]);
    const pa = await t.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "MP080" }, type: "PA" } });
    expect([pa.status, pa.targetDurationWd, pa.deliveredOn?.toISOString().slice(0, 10)]).toEqual(["DELIVERED", 15, "2019-09-20"]);
    // Merging keeps what the CSV does not carry: MP079's expected consultation and Working Group item.
    const mp079 = await t.db.prisma.modification.findUniqueOrThrow({
      where: { reference: "MP079" },
      include: { consultations: true, workingGroupItems: true },
    });
    expect(mp079.consultations.map((c) => [c.kind, c.status])).toEqual([["REFINEMENT", "EXPECTED"]]);
    expect(mp079.workingGroupItems).toHaveLength(1);
  });

  it("rejects a file with bad rows, naming each line, and imports none of it", async () => {
    const before = await t.db.prisma.modification.count();
    const bad = [
      "reference,title,status,pa_accepted,pa_delivered",
      "DP091,Fine row,DRAFT_RAISED,,",
      "DP092,Bad date,DRAFT_RAISED,31/02/2019,",
      "DP093,Bad status,PONDERING,,",
      "DP094,Delivered before accepted,IN_REFINEMENT,2019-09-10,2019-09-01",
      "DP091,Duplicate,DRAFT_RAISED,,",
      ",No reference,DRAFT_RAISED,,",
    ].join("\n");
    const result = await importCsvRegister(t.db.prisma, bad, "2019-10-04");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.problems[0]!.message).toContain(`"31/02/2019" is not a date`);
    expect(result.problems[1]!.message).toMatch(/status: "PONDERING" is not one of DRAFT_RAISED/);
    expect(result.problems[2]!.message).toContain("PA: The assessment can't be delivered before the request was accepted.");
    expect(result.problems[3]!.message).toContain("DP091 is also on line 2");
    expect(result.problems[4]!.message).toContain("reference is empty");
    expect(await t.db.prisma.modification.count()).toBe(before);
  });

  it("rolls the whole file back when the database finds a problem (an unknown party)", async () => {
    const before = await t.db.prisma.modification.count();
    const csv = "reference,title,status,raised_by\nDP095,First,DRAFT_RAISED,\nDP096,Second,DRAFT_RAISED,Nobody We Know\n";
    const result = await importCsvRegister(t.db.prisma, csv, "2019-10-04");
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("Nobody We Know") }] });
    expect(await t.db.prisma.modification.count()).toBe(before);
    expect(await t.db.prisma.modification.findUnique({ where: { reference: "DP095" } })).toBeNull();
  });

  it("explains unknown and missing columns", async () => {
    const result = await importCsvRegister(t.db.prisma, "ref,title\nDP097,x\n", "2019-10-04");
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 1, message: "unknown column(s): ref" },
        { line: 1, message: "missing column: reference" },
        { line: 1, message: "missing column: status" },
      ],
    });
  });
});
