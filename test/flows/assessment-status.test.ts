import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsvRegister } from "../../src/data/register/registerSources.ts";
import { assessmentStatusFor, type AssessmentStatusChoice } from "../../src/domain/assessmentDates.ts";
import { parseIsoDate } from "../../src/domain/calendarDate.ts";
import { type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { ADMIN, lastOpenedView, startFlowApp, submit } from "./support.ts";

// One rule for an assessment's status, shared by the DCC form and the CSV import: it follows the
// dates (accepted → in progress, delivered → delivered) unless it is on hold or cancelled, and a
// status the dates contradict is refused on the field to put right. One table of cases, run
// against the pure rule, the form (signed requests) and the CSV import, which must all agree.

const DCC = "UDCCSTATUS";

type Case = {
  name: string;
  received?: string;
  accepted?: string;
  delivered?: string;
  /** undefined: left to follow the dates. */
  chosen?: AssessmentStatusChoice;
  expect: { status: string } | { field: "status" | "acceptedOn" | "deliveredOn"; message: string };
};

const cases: Case[] = [
  { name: "requested, nothing else", received: "2019-09-02", expect: { status: "REQUESTED" } },
  { name: "accepted: in progress", received: "2019-09-02", accepted: "2019-09-03", expect: { status: "IN_PROGRESS" } },
  { name: "delivered: delivered", received: "2019-09-02", accepted: "2019-09-03", delivered: "2019-09-20", expect: { status: "DELIVERED" } },
  { name: "delivered without an accepted date", received: "2019-09-02", delivered: "2019-09-20", expect: { status: "DELIVERED" } },
  { name: "explicitly in progress, and it is", accepted: "2019-09-03", chosen: "IN_PROGRESS", expect: { status: "IN_PROGRESS" } },
  { name: "explicitly on hold", accepted: "2019-09-03", chosen: "ON_HOLD", expect: { status: "ON_HOLD" } },
  { name: "explicitly cancelled", received: "2019-09-02", chosen: "CANCELLED", expect: { status: "CANCELLED" } },
  {
    name: "\"Requested\" over an accepted date",
    received: "2019-09-02",
    accepted: "2019-09-03",
    chosen: "REQUESTED",
    expect: { field: "status", message: "The DCC accepted it on 3 Sep 2019, so it is in progress" },
  },
  { name: "\"Delivered\" with no delivered date", accepted: "2019-09-03", chosen: "DELIVERED", expect: { field: "deliveredOn", message: "Delivered on which date?" } },
  { name: "\"In progress\" with no accepted date", received: "2019-09-02", chosen: "IN_PROGRESS", expect: { field: "acceptedOn", message: "In progress since when?" } },
  {
    name: "\"In progress\" with a delivery",
    accepted: "2019-09-03",
    delivered: "2019-09-20",
    chosen: "IN_PROGRESS",
    expect: { field: "status", message: "It was delivered on 20 Sep 2019" },
  },
  { name: "on hold, yet delivered", accepted: "2019-09-03", delivered: "2019-09-20", chosen: "ON_HOLD", expect: { field: "status", message: "It was delivered on 20 Sep 2019, so it can't be on hold" } },
];

const formField = { status: "status", acceptedOn: "accepted_on", deliveredOn: "delivered_on" } as const;
const typed = (iso?: string) => (iso ? iso.split("-").reverse().join("/") : undefined);

describe("the assessment status rule, as a table", () => {
  it.each(cases)("$name", (c) => {
    const answer = assessmentStatusFor({ acceptedOn: c.accepted ? parseIsoDate(c.accepted) : null, deliveredOn: c.delivered ? parseIsoDate(c.delivered) : null }, c.chosen);
    if ("status" in c.expect) expect(answer).toEqual({ ok: true, status: c.expect.status });
    else expect(answer).toMatchObject({ ok: false, field: c.expect.field, message: expect.stringContaining(c.expect.message) });
  });
});

describe.each(databaseKinds)("the same table through the DCC form and the CSV import (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
    await app.command(`admin role <@${DCC}> dcc`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  const storedStatus = async () =>
    (await app.db.prisma.assessment.findFirst({ where: { modification: { reference: "MP080" }, type: "PA" }, select: { status: true } }))?.status ?? null;

  it.each(cases)("the DCC form: $name", async (c) => {
    const before = await storedStatus();
    await app.command("dcc MP080 PA", { userId: DCC });
    const answer = (
      await submit(
        app,
        lastOpenedView(app),
        {
          request_received_on: typed(c.received),
          accepted_on: typed(c.accepted),
          delivered_on: typed(c.delivered),
          revised_target_on: undefined,
          status: { option: c.chosen ?? "FROM_DATES" },
        },
        { userId: DCC },
      )
    ).json();
    if ("status" in c.expect) {
      expect(answer.response_action).toBe("update");
      expect(await storedStatus()).toBe(c.expect.status);
    } else {
      expect(answer.response_action).toBe("errors");
      expect(answer.errors[formField[c.expect.field]]).toContain(c.expect.message);
      expect(await storedStatus()).toBe(before);
    }
  });

  it.each(cases)("the CSV import: $name", async (c) => {
    const before = await storedStatus();
    const csv = [
      "reference,title,status,pa_request_received,pa_accepted,pa_delivered,pa_status",
      `MP080,Ensuring a managed move to DUIS version 3.1,IN_REFINEMENT,${c.received ?? ""},${c.accepted ?? ""},${c.delivered ?? ""},${c.chosen?.toLowerCase().replace("_", " ") ?? ""}`,
    ].join("\n");
    const result = await importCsvRegister(app.db.prisma, csv, "2019-10-01");
    if ("status" in c.expect) {
      expect(result).toMatchObject({ ok: true });
      expect(await storedStatus()).toBe(c.expect.status);
    } else {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems).toEqual([{ line: 2, message: expect.stringContaining(`PA: ${c.expect.message}`) }]);
      expect(await storedStatus()).toBe(before);
    }
  });
});
