import { describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import {
  currentDurationWd,
  isLate,
  targetDateOf,
  wasDeliveredLate,
  workingDaysOverTarget,
} from "../../src/domain/assessmentTiming.ts";

const d = calendarDate;
const endOfSeptember2019 = d(2019, 9, 30);

// From the October 2019 report and its Appendix A.
const secmp0024Pa = { acceptedOn: d(2019, 5, 29), targetDurationWd: 15 };
const secmp0066Pa = { acceptedOn: d(2019, 6, 13), targetDurationWd: 15 };
const secmp0078Pa = { acceptedOn: d(2019, 9, 30), targetDurationWd: 15, targetDate: d(2019, 10, 18) };
const secmp0007Ia = { acceptedOn: d(2019, 7, 30), targetDurationWd: 40, targetDate: d(2019, 11, 4) };

describe("targetDateOf", () => {
  it("counts the target duration from the accepted day as day 1", () => {
    expect(targetDateOf(secmp0024Pa)).toEqual(d(2019, 6, 18));
    expect(targetDateOf(secmp0066Pa)).toEqual(d(2019, 7, 3));
    expect(targetDateOf({ acceptedOn: d(2019, 9, 30), targetDurationWd: 15 })).toEqual(d(2019, 10, 18));
  });

  it("prefers an explicit, revised target date", () => {
    expect(targetDateOf(secmp0007Ia)).toEqual(d(2019, 11, 4));
    expect(targetDateOf({ targetDate: d(2019, 10, 20) })).toEqual(d(2019, 10, 20));
  });

  it("starts the count on the next working day when accepted on a weekend", () => {
    expect(targetDateOf({ acceptedOn: d(2019, 9, 28), targetDurationWd: 15 })).toEqual(d(2019, 10, 18));
  });

  it("is null without enough to go on", () => {
    expect(targetDateOf({})).toBeNull();
    expect(targetDateOf({ acceptedOn: d(2019, 5, 29), targetDurationWd: null })).toBeNull();
    expect(targetDateOf({ acceptedOn: null, targetDurationWd: 15 })).toBeNull();
    expect(targetDateOf({ acceptedOn: d(2019, 5, 29), targetDurationWd: 0 })).toBeNull();
  });
});

describe("currentDurationWd", () => {
  it("counts working days from acceptance to the as-at date, both included", () => {
    expect(currentDurationWd(secmp0024Pa, endOfSeptember2019)).toBe(88);
    expect(currentDurationWd(secmp0066Pa, endOfSeptember2019)).toBe(77);
    expect(currentDurationWd(secmp0007Ia, endOfSeptember2019)).toBe(44);
    expect(currentDurationWd(secmp0078Pa, endOfSeptember2019)).toBe(1);
  });

  it("gives the report's 89 WD for SECMP0024 as at 1 Oct 2019", () => {
    expect(currentDurationWd(secmp0024Pa, d(2019, 10, 1))).toBe(89);
  });

  it("stops at delivery", () => {
    const delivered = { acceptedOn: d(2019, 8, 5), targetDurationWd: 40, deliveredOn: d(2019, 9, 20) };
    expect(currentDurationWd(delivered, d(2019, 12, 31))).toBe(34);
  });

  it("treats a delivery after the as-at date as not yet made", () => {
    const deliveredLater = { ...secmp0024Pa, deliveredOn: d(2019, 10, 15) };
    expect(currentDurationWd(deliveredLater, endOfSeptember2019)).toBe(88);
  });

  it("is 0 before acceptance or when accepted after the as-at date", () => {
    expect(currentDurationWd({ targetDurationWd: 15 }, endOfSeptember2019)).toBe(0);
    expect(currentDurationWd({ acceptedOn: d(2019, 10, 1) }, endOfSeptember2019)).toBe(0);
  });
});

describe("workingDaysOverTarget", () => {
  it("is the current duration less the target duration", () => {
    expect(workingDaysOverTarget(secmp0024Pa, endOfSeptember2019)).toBe(88 - 15);
    expect(workingDaysOverTarget(secmp0024Pa, d(2019, 10, 1))).toBe(74);
    expect(workingDaysOverTarget(secmp0066Pa, endOfSeptember2019)).toBe(77 - 15);
  });

  it("is 0 on or before the target date", () => {
    expect(workingDaysOverTarget(secmp0078Pa, endOfSeptember2019)).toBe(0);
    expect(workingDaysOverTarget(secmp0078Pa, d(2019, 10, 18))).toBe(0);
    expect(workingDaysOverTarget(secmp0007Ia, endOfSeptember2019)).toBe(0);
  });

  it("counts working days after a revised target date", () => {
    expect(workingDaysOverTarget(secmp0007Ia, d(2019, 11, 6))).toBe(2);
    expect(workingDaysOverTarget(secmp0078Pa, d(2019, 10, 21))).toBe(1);
  });

  it("counts from a target date that falls on a Sunday", () => {
    const secmp0015Ia = { acceptedOn: d(2019, 8, 19), targetDurationWd: 40, targetDate: d(2019, 10, 20) };
    expect(workingDaysOverTarget(secmp0015Ia, d(2019, 10, 20))).toBe(0);
    expect(workingDaysOverTarget(secmp0015Ia, d(2019, 10, 21))).toBe(1);
  });

  it("stops at a late delivery", () => {
    const secmp0062Ia = { acceptedOn: d(2019, 3, 20), targetDate: d(2019, 5, 20), deliveredOn: d(2019, 5, 22) };
    expect(workingDaysOverTarget(secmp0062Ia, endOfSeptember2019)).toBe(2);
  });

  it("is 0 without a target", () => {
    expect(workingDaysOverTarget({ acceptedOn: d(2019, 5, 29) }, endOfSeptember2019)).toBe(0);
  });
});

describe("isLate", () => {
  it("is true once the as-at date is past the target date and nothing is delivered", () => {
    expect(isLate(secmp0024Pa, endOfSeptember2019)).toBe(true);
    expect(isLate(secmp0066Pa, d(2019, 7, 4))).toBe(true);
  });

  it("is false on the target date itself and before", () => {
    expect(isLate(secmp0066Pa, d(2019, 7, 3))).toBe(false);
    expect(isLate(secmp0078Pa, endOfSeptember2019)).toBe(false);
    expect(isLate(secmp0007Ia, endOfSeptember2019)).toBe(false);
  });

  it("is false once delivered, even late", () => {
    expect(isLate({ ...secmp0024Pa, deliveredOn: d(2019, 9, 2) }, endOfSeptember2019)).toBe(false);
  });

  it("is true as at a date before a late delivery", () => {
    expect(isLate({ ...secmp0024Pa, deliveredOn: d(2019, 10, 15) }, endOfSeptember2019)).toBe(true);
  });

  it("is false without a target", () => {
    expect(isLate({ acceptedOn: d(2019, 5, 29) }, endOfSeptember2019)).toBe(false);
  });
});

describe("wasDeliveredLate", () => {
  it("compares delivery with the target date", () => {
    expect(wasDeliveredLate({ acceptedOn: d(2019, 3, 20), targetDate: d(2019, 5, 20), deliveredOn: d(2019, 5, 22) })).toBe(true);
    expect(wasDeliveredLate({ acceptedOn: d(2019, 7, 26), targetDurationWd: 40, deliveredOn: d(2019, 9, 20) })).toBe(false);
    expect(wasDeliveredLate({ ...secmp0024Pa, deliveredOn: d(2019, 6, 18) })).toBe(false);
    expect(wasDeliveredLate({ ...secmp0024Pa, deliveredOn: d(2019, 6, 19) })).toBe(true);
  });

  it("is false while undelivered or without a target", () => {
    expect(wasDeliveredLate(secmp0024Pa)).toBe(false);
    expect(wasDeliveredLate({ deliveredOn: d(2019, 6, 19) })).toBe(false);
  });
});
