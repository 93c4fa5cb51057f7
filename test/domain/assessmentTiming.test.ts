import { describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import {
  agreedTargetDateOf,
  assessmentVerdict,
  isLateInProgress,
  originalTargetDateOf,
  revisedTargetDateOf,
  verdictClock,
  verdictHeadline,
  verdictLateness,
} from "../../src/domain/assessmentTiming.ts";

const d = calendarDate;
const endOfSeptember2019 = d(2019, 9, 30);

// From the October 2019 report and its Appendix A; targetDate is DCC's agreed (revised) date.
const secmp0024Pa = { status: "IN_PROGRESS" as const, acceptedOn: d(2019, 5, 29), targetDurationWd: 15, targetDate: d(2019, 7, 5) };
const secmp0066Pa = { acceptedOn: d(2019, 6, 13), targetDurationWd: 15 };
const mp078Pa = { acceptedOn: d(2019, 9, 30), targetDurationWd: 15, targetDate: d(2019, 10, 18) };
const secmp0007Ia = { acceptedOn: d(2019, 7, 30), targetDurationWd: 40, targetDate: d(2019, 11, 4) };

describe("the target dates", () => {
  it("counts the original from the accepted day as day 1", () => {
    expect(originalTargetDateOf(secmp0024Pa)).toEqual(d(2019, 6, 18));
    expect(originalTargetDateOf(secmp0066Pa)).toEqual(d(2019, 7, 3));
    expect(originalTargetDateOf(secmp0007Ia)).toEqual(d(2019, 9, 24));
    expect(originalTargetDateOf({ acceptedOn: d(2019, 9, 28), targetDurationWd: 15 })).toEqual(d(2019, 10, 18));
  });

  it("reads the stored date as DCC's agreed one, and as a revision only where it differs from the original", () => {
    expect(revisedTargetDateOf(secmp0024Pa)).toEqual(d(2019, 7, 5));
    expect(agreedTargetDateOf(secmp0024Pa)).toEqual(d(2019, 7, 5));
    expect(revisedTargetDateOf(mp078Pa)).toBeNull();
    expect(agreedTargetDateOf(secmp0066Pa)).toEqual(d(2019, 7, 3));
    // Appendix A's date without an accepted date: DCC's target, with no original to revise.
    expect(revisedTargetDateOf({ targetDate: d(2019, 9, 20) })).toBeNull();
    expect(agreedTargetDateOf({ targetDate: d(2019, 9, 20) })).toEqual(d(2019, 9, 20));
  });

  it("is null without enough to go on", () => {
    expect(originalTargetDateOf({ acceptedOn: d(2019, 5, 29), targetDurationWd: null })).toBeNull();
    expect(originalTargetDateOf({ acceptedOn: null, targetDurationWd: 15 })).toBeNull();
    expect(agreedTargetDateOf({})).toBeNull();
  });
});

describe("assessmentVerdict", () => {
  it("measures the current duration against the target duration, as the SECAS report does", () => {
    const v = assessmentVerdict(secmp0024Pa, d(2019, 10, 1));
    expect(v).toMatchObject({ state: "in-progress", currentDurationWd: 89, targetDurationWd: 15, workingDaysOverTarget: 74, late: true });
    expect(v.originalTargetDate).toEqual(d(2019, 6, 18));
  });

  it("says separately how far past DCC's revised date it is", () => {
    expect(assessmentVerdict(secmp0024Pa, d(2019, 10, 1)).workingDaysPastAgreedDate).toBe(61);
    const ia = assessmentVerdict(secmp0007Ia, d(2019, 10, 4));
    expect(ia).toMatchObject({ currentDurationWd: 48, workingDaysOverTarget: 8, workingDaysPastAgreedDate: 0, late: true });
    expect(assessmentVerdict(secmp0007Ia, d(2019, 11, 5))).toMatchObject({ workingDaysOverTarget: 30, workingDaysPastAgreedDate: 1 });
  });

  it("is late the working day after the target duration runs out, not on it", () => {
    expect(assessmentVerdict(secmp0066Pa, d(2019, 7, 3))).toMatchObject({ late: false, currentDurationWd: 15, workingDaysOverTarget: 0 });
    expect(assessmentVerdict(secmp0066Pa, d(2019, 7, 4))).toMatchObject({ late: true, workingDaysOverTarget: 1 });
    expect(assessmentVerdict(mp078Pa, d(2019, 10, 18)).late).toBe(false);
    expect(assessmentVerdict(mp078Pa, d(2019, 10, 21)).late).toBe(true);
  });

  it("counts past an agreed date that falls on a Sunday from the Monday", () => {
    const onSunday = { acceptedOn: d(2019, 8, 19), targetDurationWd: 60, targetDate: d(2019, 10, 20) };
    expect(assessmentVerdict(onSunday, d(2019, 10, 20)).workingDaysPastAgreedDate).toBe(0);
    expect(assessmentVerdict(onSunday, d(2019, 10, 21)).workingDaysPastAgreedDate).toBe(1);
  });

  it("stops the clock at delivery, and says whether it was delivered late", () => {
    const delivered = assessmentVerdict({ ...secmp0066Pa, deliveredOn: d(2019, 10, 1) }, d(2019, 12, 31));
    expect(delivered).toMatchObject({ state: "delivered", currentDurationWd: 78, workingDaysOverTarget: 63, late: true });
    expect(isLateInProgress(delivered)).toBe(false);
    const onTime = assessmentVerdict({ acceptedOn: d(2019, 7, 26), targetDurationWd: 40, deliveredOn: d(2019, 9, 20) }, d(2019, 12, 31));
    expect(onTime).toMatchObject({ state: "delivered", late: false });
  });

  it("treats a delivery after the as-at date as not yet made", () => {
    const v = assessmentVerdict({ ...secmp0024Pa, status: "DELIVERED", deliveredOn: d(2019, 10, 15) }, endOfSeptember2019);
    expect(v).toMatchObject({ state: "in-progress", currentDurationWd: 88, late: true });
  });

  it("follows the dates, not a stored status that contradicts them, except on hold and cancelled", () => {
    expect(assessmentVerdict({ ...secmp0024Pa, status: "REQUESTED" }, endOfSeptember2019).state).toBe("in-progress");
    expect(assessmentVerdict({ ...secmp0024Pa, status: "ON_HOLD" }, endOfSeptember2019)).toMatchObject({ state: "on-hold", late: false, currentDurationWd: null });
    expect(assessmentVerdict({ ...secmp0024Pa, status: "CANCELLED" }, endOfSeptember2019)).toMatchObject({ state: "cancelled", late: false });
    expect(assessmentVerdict({ status: "DELIVERED" }, endOfSeptember2019).state).toBe("delivered");
    expect(assessmentVerdict({ targetDurationWd: 15 }, endOfSeptember2019)).toMatchObject({ state: "awaiting-acceptance", currentDurationWd: null, late: false });
  });

  it("at the start of the report's counting day, leaves that day's events out but counts the day", () => {
    const atStart = assessmentVerdict({ ...secmp0066Pa, deliveredOn: d(2019, 10, 1) }, d(2019, 10, 1), { moment: "start-of-day" });
    expect(atStart).toMatchObject({ state: "in-progress", currentDurationWd: 78 });
    expect(assessmentVerdict({ ...mp078Pa, acceptedOn: d(2019, 10, 1) }, d(2019, 10, 1), { moment: "start-of-day" }).state).toBe("awaiting-acceptance");
    expect(assessmentVerdict({ ...secmp0066Pa, deliveredOn: d(2019, 10, 1) }, d(2019, 10, 1)).state).toBe("delivered");
  });
});

describe("the verdict in words", () => {
  it("says both readings where they differ", () => {
    const v = assessmentVerdict(secmp0007Ia, d(2019, 10, 4));
    expect(verdictHeadline("IA", v)).toBe("IA in progress · accepted 30 Jul 2019 · 48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019");
    expect(verdictLateness(v)).toBe("8 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed");
    expect(verdictLateness(assessmentVerdict(secmp0024Pa, d(2019, 10, 1)))).toBe("74 WD over the 15 WD target and 61 WD past DCC's revised date 5 Jul 2019");
  });

  it("says one reading where there is only one", () => {
    const v = assessmentVerdict(mp078Pa, d(2019, 10, 4));
    expect(verdictClock(v)).toBe("5 of 15 WD, due 18 Oct 2019");
    expect(verdictLateness(v)).toBeNull();
    expect(verdictLateness(assessmentVerdict(mp078Pa, d(2019, 11, 5)))).toBe("12 WD over the 15 WD target");
    const dccOnly = assessmentVerdict({ acceptedOn: d(2019, 9, 2), targetDate: d(2019, 9, 30) }, d(2019, 10, 4));
    expect(verdictClock(dccOnly)).toBe("25 WD · DCC's target date 30 Sep 2019");
    expect(verdictLateness(dccOnly)).toBe("4 WD past DCC's target date 30 Sep 2019");
  });

  it("words deliveries, requests, holds and cancellations", () => {
    const at = d(2019, 12, 31);
    expect(verdictHeadline("PA", assessmentVerdict({ ...secmp0066Pa, targetDate: d(2019, 7, 30), deliveredOn: d(2019, 10, 1) }, at))).toBe(
      "PA delivered 1 Oct 2019 in 78 of 15 WD — late: 63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019",
    );
    expect(verdictHeadline("IA", assessmentVerdict({ acceptedOn: d(2019, 7, 26), targetDurationWd: 40, deliveredOn: d(2019, 9, 20) }, at))).toBe(
      "IA delivered 20 Sep 2019 in 40 of 40 WD — on target (40 WD)",
    );
    expect(verdictHeadline("IA 2", assessmentVerdict({ targetDurationWd: 40 }, at), { requestReceivedOn: d(2019, 10, 1) })).toBe(
      "IA 2 requested 1 Oct 2019 · awaiting DCC acceptance",
    );
    expect(verdictHeadline("PA", assessmentVerdict({ status: "ON_HOLD" }, at), { note: "Alt HAN" })).toBe("PA on hold · Alt HAN");
  });
});
