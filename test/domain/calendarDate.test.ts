import { afterEach, describe, expect, it } from "vitest";
import {
  addCalendarDays,
  calendarDate,
  calendarDaysBetween,
  compareDates,
  formatReportDate,
  formatLongDate,
  formatShortDate,
  parseIsoDate,
  toIsoDate,
  londonTimeOn,
  todayInLondon,
} from "../../src/domain/calendarDate.ts";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("calendarDate", () => {
  it("is midnight UTC with a 1-based month", () => {
    expect(calendarDate(2019, 9, 30).toISOString()).toBe("2019-09-30T00:00:00.000Z");
    expect(calendarDate(2020, 2, 29).toISOString()).toBe("2020-02-29T00:00:00.000Z");
  });

  it("refuses dates that do not exist", () => {
    expect(() => calendarDate(2019, 2, 29)).toThrow(RangeError);
    expect(() => calendarDate(2019, 13, 1)).toThrow(RangeError);
    expect(() => calendarDate(2019, 4, 31)).toThrow(RangeError);
    expect(() => calendarDate(2019, 4, 0)).toThrow(RangeError);
    expect(() => calendarDate(2019, 4, 1.5)).toThrow(RangeError);
  });

  it("keeps two-digit years as given instead of moving them to the 1900s", () => {
    expect(calendarDate(19, 9, 30).getUTCFullYear()).toBe(19);
    expect(toIsoDate(calendarDate(4, 2, 29))).toBe("0004-02-29");
  });
});

describe("parseIsoDate", () => {
  it("reads YYYY-MM-DD", () => {
    expect(parseIsoDate("2019-09-30")).toEqual(calendarDate(2019, 9, 30));
    expect(parseIsoDate("2020-02-29")).toEqual(calendarDate(2020, 2, 29));
  });

  it.each(["2019-9-30", "2019-02-30", "30/09/2019", "", "2019-09-30T00:00:00Z", " 2019-09-30"])("throws on %j", (text) => {
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });
});

describe("toIsoDate", () => {
  it("writes YYYY-MM-DD and round-trips", () => {
    expect(toIsoDate(calendarDate(2019, 5, 2))).toBe("2019-05-02");
    expect(toIsoDate(parseIsoDate("2027-12-28"))).toBe("2027-12-28");
  });
});

describe("londonTimeOn", () => {
  it("is the London wall-clock time on the date, in summer time and in winter", () => {
    expect(londonTimeOn(calendarDate(2019, 10, 7), 9).toISOString()).toBe("2019-10-07T08:00:00.000Z");
    expect(londonTimeOn(calendarDate(2019, 12, 2), 14, 30).toISOString()).toBe("2019-12-02T14:30:00.000Z");
    // 27 Oct 2019: the clocks went back at 02:00, so noon is GMT again.
    expect(londonTimeOn(calendarDate(2019, 10, 27), 12).toISOString()).toBe("2019-10-27T12:00:00.000Z");
  });
});

describe("todayInLondon", () => {
  it("is the London date either side of midnight in winter (GMT)", () => {
    expect(todayInLondon(new Date("2019-12-31T23:59:00Z"))).toEqual(calendarDate(2019, 12, 31));
    expect(todayInLondon(new Date("2020-01-01T00:00:00Z"))).toEqual(calendarDate(2020, 1, 1));
  });

  it("is a day ahead of UTC late in the evening during British Summer Time", () => {
    expect(todayInLondon(new Date("2019-06-30T22:59:59Z"))).toEqual(calendarDate(2019, 6, 30));
    expect(todayInLondon(new Date("2019-06-30T23:00:00Z"))).toEqual(calendarDate(2019, 7, 1));
  });

  it("follows the clocks changing on 31 Mar and 27 Oct 2019", () => {
    // BST began at 01:00 UTC on 31 Mar 2019 and ended at 01:00 UTC on 27 Oct 2019.
    expect(todayInLondon(new Date("2019-03-31T00:30:00Z"))).toEqual(calendarDate(2019, 3, 31));
    expect(todayInLondon(new Date("2019-03-31T23:30:00Z"))).toEqual(calendarDate(2019, 4, 1));
    expect(todayInLondon(new Date("2019-10-26T23:30:00Z"))).toEqual(calendarDate(2019, 10, 27));
    expect(todayInLondon(new Date("2019-10-27T23:30:00Z"))).toEqual(calendarDate(2019, 10, 27));
  });

  it("gives, minute by minute through a day the clocks change, the date London's own clock shows, and a Date the caller may change", () => {
    // It remembers its last answer for the UTC hour; London's clock is read here without it.
    const londonDate = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(at);
    for (let at = Date.parse("2019-10-26T21:00:00Z"); at < Date.parse("2019-10-28T02:00:00Z"); at += 60_000) {
      const today = todayInLondon(new Date(at));
      expect(toIsoDate(today)).toBe(londonDate(new Date(at)));
      today.setUTCFullYear(1999);
    }
  });

  it("does not depend on the server's time zone", () => {
    const winterOffsets = { "America/Los_Angeles": 480, "Pacific/Kiritimati": -840, UTC: 0 };
    for (const [tz, offset] of Object.entries(winterOffsets)) {
      process.env.TZ = tz;
      expect(new Date(Date.UTC(2019, 0, 1)).getTimezoneOffset(), tz).toBe(offset);
      expect(todayInLondon(new Date("2019-06-30T23:30:00Z"))).toEqual(calendarDate(2019, 7, 1));
      expect(todayInLondon(new Date("2019-12-31T12:00:00Z"))).toEqual(calendarDate(2019, 12, 31));
    }
  });
});

describe("formatReportDate", () => {
  it("writes dates as the report's prose does", () => {
    expect(formatReportDate(calendarDate(2019, 5, 2))).toBe("2 May 2019");
    expect(formatReportDate(calendarDate(2019, 9, 30))).toBe("30 Sep 2019");
    expect(formatReportDate(calendarDate(2019, 11, 7))).toBe("7 Nov 2019");
    expect(formatLongDate(calendarDate(2019, 9, 30))).toBe("30 September 2019");
  });
});

describe("formatShortDate", () => {
  it("writes dates as the report's tables do", () => {
    expect(formatShortDate(calendarDate(2019, 7, 30))).toBe("30 Jul 19");
    expect(formatShortDate(calendarDate(2019, 7, 2))).toBe("2 Jul 19");
    expect(formatShortDate(calendarDate(2019, 6, 5))).toBe("5 Jun 19");
    expect(formatShortDate(calendarDate(2000, 1, 1))).toBe("1 Jan 00");
    expect(formatShortDate(calendarDate(2009, 9, 9))).toBe("9 Sep 09");
  });
});

describe("addCalendarDays", () => {
  it("adds whole days across month, year and clock changes", () => {
    expect(addCalendarDays(calendarDate(2019, 3, 30), 1)).toEqual(calendarDate(2019, 3, 31));
    expect(addCalendarDays(calendarDate(2019, 3, 31), 1)).toEqual(calendarDate(2019, 4, 1));
    expect(addCalendarDays(calendarDate(2019, 10, 27), 1)).toEqual(calendarDate(2019, 10, 28));
    expect(addCalendarDays(calendarDate(2019, 12, 31), 1)).toEqual(calendarDate(2020, 1, 1));
    expect(addCalendarDays(calendarDate(2020, 3, 1), -1)).toEqual(calendarDate(2020, 2, 29));
    expect(addCalendarDays(calendarDate(2019, 9, 30), 0)).toEqual(calendarDate(2019, 9, 30));
  });
});

describe("calendarDaysBetween", () => {
  it("counts days from one date to the other, negative backwards", () => {
    expect(calendarDaysBetween(calendarDate(2019, 9, 30), calendarDate(2019, 10, 1))).toBe(1);
    expect(calendarDaysBetween(calendarDate(2019, 1, 1), calendarDate(2020, 1, 1))).toBe(365);
    expect(calendarDaysBetween(calendarDate(2020, 1, 1), calendarDate(2021, 1, 1))).toBe(366);
    expect(calendarDaysBetween(calendarDate(2019, 10, 1), calendarDate(2019, 9, 30))).toBe(-1);
    expect(calendarDaysBetween(calendarDate(2019, 9, 30), calendarDate(2019, 9, 30))).toBe(0);
  });
});

describe("compareDates", () => {
  it("orders calendar dates and sorts with Array.prototype.sort", () => {
    expect(compareDates(calendarDate(2019, 5, 29), calendarDate(2019, 9, 30))).toBe(-1);
    expect(compareDates(calendarDate(2019, 9, 30), calendarDate(2019, 5, 29))).toBe(1);
    expect(compareDates(calendarDate(2019, 9, 30), parseIsoDate("2019-09-30"))).toBe(0);
    const sorted = [calendarDate(2019, 7, 30), calendarDate(2019, 5, 29), calendarDate(2019, 7, 2)].sort(compareDates);
    expect(sorted.map(toIsoDate)).toEqual(["2019-05-29", "2019-07-02", "2019-07-30"]);
  });
});
