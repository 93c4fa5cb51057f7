import { describe, expect, it } from "vitest";
import {
  describeSchedule,
  nextSlotAfter,
  parseSchedule,
  planTick,
  slotsBetween,
  type SchedulableSubscription,
} from "../../src/jobs/schedule.ts";
import { schedulesFromText } from "../../src/jobs/scheduleText.ts";

const digest: SchedulableSubscription = {
  id: 1,
  channelId: "CDIGEST",
  kind: "DIGEST",
  schedule: "0 9 * * 1",
  timezone: "Europe/London",
  createdAt: new Date("2019-01-01T00:00:00Z"),
};
const nudges: SchedulableSubscription = { ...digest, id: 2, channelId: "CNUDGE", kind: "NUDGES", schedule: "0 9 * * 1-5" };
const report: SchedulableSubscription = { ...digest, id: 3, channelId: "CPANEL", kind: "REPORT", schedule: "0 9 1-7 * *" };
const at = (iso: string) => new Date(iso);
const times = (slots: { scheduledFor: Date }[]) => slots.map((s) => s.scheduledFor.toISOString());

describe("slots", () => {
  it("fall at 09:00 London time on both sides of the October clock change", () => {
    // 21 Oct 2019 is British Summer Time (UTC+1); the clocks went back on 27 Oct.
    expect(times(slotsBetween(digest, at("2019-10-20T00:00:00Z"), at("2019-10-30T00:00:00Z")))).toEqual([
      "2019-10-21T08:00:00.000Z",
      "2019-10-28T09:00:00.000Z",
    ]);
    // ...and the March one (31 Mar 2019).
    expect(times(slotsBetween(digest, at("2019-03-24T00:00:00Z"), at("2019-04-02T00:00:00Z")))).toEqual([
      "2019-03-25T09:00:00.000Z",
      "2019-04-01T08:00:00.000Z",
    ]);
  });

  it("are keyed by channel and local wall-clock minute", () => {
    const [slot] = slotsBetween(digest, at("2019-10-06T00:00:00Z"), at("2019-10-08T00:00:00Z"));
    expect(slot.key).toBe("digest:CDIGEST:2019-10-07 09:00");
    expect(slot.localDate.toISOString()).toBe("2019-10-07T00:00:00.000Z");
  });

  it("happen once in the hour the clocks repeat, and not at all in the hour they skip", () => {
    const night = { ...digest, schedule: "30 1 * * *" };
    expect(times(slotsBetween(night, at("2019-10-26T23:00:00Z"), at("2019-10-27T03:00:00Z")))).toEqual(["2019-10-27T00:30:00.000Z"]);
    expect(slotsBetween(night, at("2019-03-30T23:00:00Z"), at("2019-03-31T03:00:00Z"))).toEqual([]);
  });

  it("for nudges skip weekends and bank holidays", () => {
    // Fri 23 Aug 2019, then the weekend and the Summer bank holiday (Mon 26 Aug).
    const slots = slotsBetween(nudges, at("2019-08-23T00:00:00Z"), at("2019-08-28T00:00:00Z"));
    expect(times(slots)).toEqual(["2019-08-23T08:00:00.000Z", "2019-08-27T08:00:00.000Z"]);
  });

  it("for the monthly report fall on the first working day of each month only", () => {
    // 1 Jun 2019 is a Saturday; 1 Jan 2020 a bank holiday; 1 Feb 2020 a Saturday; 1 Apr 2019 a Monday.
    expect(slotsBetween(report, at("2019-03-25T00:00:00Z"), at("2019-06-10T00:00:00Z")).map((s) => s.key)).toEqual([
      "report:CPANEL:2019-04-01 09:00",
      "report:CPANEL:2019-05-01 09:00",
      "report:CPANEL:2019-06-03 09:00",
    ]);
    expect(times(slotsBetween(report, at("2019-12-25T00:00:00Z"), at("2020-02-10T00:00:00Z")))).toEqual([
      "2020-01-02T09:00:00.000Z",
      "2020-02-03T09:00:00.000Z",
    ]);
  });

  it("never come before the subscription was made", () => {
    const created = { ...digest, createdAt: at("2019-10-07T08:30:00Z") };
    const plan = planTick({ subscriptions: [created], lastRecorded: new Map(), now: at("2019-10-07T12:00:00Z"), lookbackMs: 8 * 86_400_000 });
    expect(plan).toEqual({ due: [], missed: [] });
  });
});

describe("planning a tick", () => {
  const week = 8 * 86_400_000;
  const created = { ...digest, createdAt: at("2019-10-06T12:00:00Z") };

  it("runs a slot missed earlier the same day, late", () => {
    const plan = planTick({ subscriptions: [created], lastRecorded: new Map(), now: at("2019-10-07T14:00:00Z"), lookbackMs: week });
    expect(plan.due.map((s) => s.key)).toEqual(["digest:CDIGEST:2019-10-07 09:00"]);
    expect(plan.missed).toEqual([]);
  });

  it("records an older missed slot as skipped instead of posting it", () => {
    const plan = planTick({ subscriptions: [created], lastRecorded: new Map(), now: at("2019-10-08T09:00:00Z"), lookbackMs: week });
    expect(plan.due).toEqual([]);
    expect(plan.missed.map((s) => s.key)).toEqual(["digest:CDIGEST:2019-10-07 09:00"]);
  });

  it("does nothing for a slot already recorded", () => {
    const lastRecorded = new Map([[created.id, at("2019-10-07T08:00:00Z")]]);
    expect(planTick({ subscriptions: [created], lastRecorded, now: at("2019-10-07T08:01:00Z"), lookbackMs: week }).due).toEqual([]);
  });

  it("still posts a slot missed by a few minutes when midnight has passed", () => {
    const lateNight = { ...created, schedule: "55 23 * * *" };
    const plan = planTick({ subscriptions: [lateNight], lastRecorded: new Map([[1, at("2019-10-06T22:55:00Z")]]), now: at("2019-10-07T23:05:00Z"), lookbackMs: week });
    expect(plan.due.map((s) => s.key)).toEqual(["digest:CDIGEST:2019-10-07 23:55"]);
  });
});

describe("schedules", () => {
  it("find the next slot, skipping a bank holiday for nudges", () => {
    expect(nextSlotAfter(nudges, at("2019-08-23T10:00:00Z"))?.key).toBe("nudges:CNUDGE:2019-08-27 09:00");
    expect(nextSlotAfter(digest, at("2019-10-07T08:00:00Z"))?.key).toBe("digest:CDIGEST:2019-10-14 09:00");
    expect(nextSlotAfter(report, at("2019-10-01T08:00:00Z"))?.key).toBe("report:CPANEL:2019-11-01 09:00");
    expect(nextSlotAfter(report, at("2019-12-02T09:00:00Z"))?.key).toBe("report:CPANEL:2020-01-02 09:00");
  });

  it("are described in words", () => {
    expect(describeSchedule("DIGEST", "0 9 * * 1")).toBe("every Monday at 09:00");
    expect(describeSchedule("NUDGES", "30 8 * * 1-5")).toBe("every working day at 08:30");
    expect(describeSchedule("DIGEST", "0 9 1 * *")).toBe("on the schedule `0 9 1 * *`");
    expect(describeSchedule("REPORT", "30 10 1-7 * *")).toBe("on the first working day of each month at 10:30");
  });

  it("reject what the scheduler cannot run", () => {
    expect(parseSchedule("0 25 * * *")).toMatchObject({ ok: false, message: expect.stringContaining("hour") });
    expect(parseSchedule("*/10 0 9 * * 1")).toMatchObject({ ok: false });
  });

  it.each([
    ["", "0 9 * * 1", "0 9 * * 1-5", "0 9 1-7 * *"],
    ["friday 14:00", "0 14 * * 5", "0 14 * * 1-5", "0 14 1-7 * *"],
    ["fri 2pm", "0 14 * * 5", "0 14 * * 1-5", "0 14 1-7 * *"],
    ["on Mondays at 9.30am", "30 9 * * 1", "30 9 * * 1-5", "30 9 1-7 * *"],
    ["08:30", "30 8 * * 1", "30 8 * * 1-5", "30 8 1-7 * *"],
    ["0 7 * * 2", "0 7 * * 2", "0 7 * * 2", "0 7 * * 2"],
  ])("read %j as the digest's, the nudges' and the report's schedules", (text, digestSchedule, nudgeSchedule, reportSchedule) => {
    expect(schedulesFromText(text)).toMatchObject({ ok: true, digest: digestSchedule, nudges: nudgeSchedule, report: reportSchedule });
  });

  it("explain what they cannot read", () => {
    expect(schedulesFromText("blursday")).toMatchObject({ ok: false, message: expect.stringContaining(`"blursday"`) });
    expect(schedulesFromText("25:00")).toMatchObject({ ok: false });
    expect(schedulesFromText("0 25 * * 1")).toMatchObject({ ok: false, message: expect.stringContaining("hour") });
  });
});
