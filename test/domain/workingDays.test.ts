import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectFile } from "../../src/projectFiles.ts";
import { addCalendarDays, calendarDate, parseIsoDate, toIsoDate } from "../../src/domain/calendarDate.ts";
import {
  addWorkingDays,
  bankHolidayNameOf,
  bankHolidaysIn,
  libraryBankHolidays,
  firstWorkingDayOfMonth,
  firstWorkingDayOnOrAfter,
  isBankHoliday,
  isWorkingDay,
  nthWorkingDay,
  workingDaysBetween,
} from "../../src/domain/workingDays.ts";

const d = calendarDate;
const iso = (dates: Date[]) => dates.map(toIsoDate);

// Hand-checked against gov.uk's list of bank holidays in England and Wales.
const HAND_CHECKED: Record<number, string[]> = {
  2011: ["2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"],
  2012: ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"],
  2019: ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"],
  2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
  2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"],
  2022: [
    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
    "2022-12-26", "2022-12-27",
  ],
  2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
  2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
  2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
};

// An independent statement of the rules, to catch a future date-holidays release drifting.
const ONE_OFF_DAYS = ["1999-12-31", "2002-06-03", "2011-04-29", "2012-06-05", "2022-06-03", "2022-09-19", "2023-05-08"];
const MOVED_DAYS: Record<string, string> = {
  "1995-05-01": "1995-05-08",
  "2002-05-27": "2002-06-04",
  "2012-05-28": "2012-06-04",
  "2020-05-04": "2020-05-08",
  "2022-05-30": "2022-06-02",
};

function easterSunday(year: number): Date {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const dd = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - dd - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return d(year, month, day);
}

const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

function mondayOnOrAfter(date: Date): Date {
  return addCalendarDays(date, (8 - date.getUTCDay()) % 7);
}

function ruleBasedBankHolidays(year: number): string[] {
  const days: Date[] = [];
  const takeOrSubstitute = (date: Date) => {
    let day = date;
    while (isWeekend(day) || days.some((taken) => taken.getTime() === day.getTime())) day = addCalendarDays(day, 1);
    days.push(day);
  };
  takeOrSubstitute(d(year, 1, 1));
  const easter = easterSunday(year);
  days.push(addCalendarDays(easter, -2), addCalendarDays(easter, 1));
  days.push(mondayOnOrAfter(d(year, 5, 1)));
  days.push(addCalendarDays(mondayOnOrAfter(d(year, 6, 1)), -7));
  days.push(addCalendarDays(mondayOnOrAfter(d(year, 9, 1)), -7));
  takeOrSubstitute(d(year, 12, 25));
  takeOrSubstitute(d(year, 12, 26));
  const isoDays = days.map(toIsoDate).map((day) => MOVED_DAYS[day] ?? day);
  isoDays.push(...ONE_OFF_DAYS.filter((day) => day.startsWith(`${year}-`)));
  return isoDays.sort();
}

// The definition, one day at a time, to check the arithmetic against.
function workingDaysCountedDayByDay(from: Date, to: Date): number {
  let count = 0;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

function addWorkingDaysDayByDay(date: Date, n: number): Date {
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addCalendarDays(day, Math.sign(n));
    if (isWorkingDay(day)) left--;
  }
  return day;
}

// Deterministic pseudo-random numbers, so a failure can be replayed.
function randomNumbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("bankHolidays.json", () => {
  const file = JSON.parse(readFileSync(projectFile("src/domain/bankHolidays.json"), "utf8")) as { from: number; to: number; years: Record<string, [string, string][]> };

  it("holds what the library says, with the corrections, for every year it covers (else: npm run bank-holidays)", () => {
    for (let year = file.from; year <= file.to; year++) {
      expect(file.years[year], String(year)).toEqual(libraryBankHolidays(year));
    }
  });

  it("covers the years the SEC works in, and years outside it still come from the library", () => {
    expect(file.from).toBeLessThanOrEqual(2013);
    expect(file.to).toBeGreaterThanOrEqual(2035);
    expect(bankHolidaysIn(2045).map(toIsoDate)).toContain("2045-12-25");
    expect(bankHolidaysIn(2045).map(toIsoDate)).toContain("2045-12-26");
  });
});

describe("bankHolidaysIn", () => {
  it.each(Object.entries(HAND_CHECKED))("lists the bank holidays of %s", (year, expected) => {
    expect(iso(bankHolidaysIn(Number(year)))).toEqual(expected);
  });

  it("agrees with the rules and the announced one-off days for 1995–2040", () => {
    for (let year = 1995; year <= 2040; year++) {
      expect(iso(bankHolidaysIn(year)), String(year)).toEqual(ruleBasedBankHolidays(year));
    }
  });

  it("hands out copies, so a caller cannot change the cache", () => {
    const first = bankHolidaysIn(2019);
    first[0].setUTCFullYear(1900);
    first.pop();
    expect(iso(bankHolidaysIn(2019))).toEqual(HAND_CHECKED[2019]);
  });
});

describe("isBankHoliday", () => {
  it("knows fixed, moveable, substitute and one-off days", () => {
    expect(isBankHoliday(d(2019, 8, 26))).toBe(true);
    expect(isBankHoliday(d(2019, 4, 19))).toBe(true);
    expect(isBankHoliday(d(2020, 12, 28))).toBe(true);
    expect(isBankHoliday(d(2020, 5, 8))).toBe(true);
    expect(isBankHoliday(d(2011, 4, 29))).toBe(true);
    expect(isBankHoliday(d(2023, 5, 8))).toBe(true);
  });

  it("is false on ordinary days, on the moved VE Day Monday and on a holiday's weekend date", () => {
    expect(isBankHoliday(d(2019, 9, 30))).toBe(false);
    expect(isBankHoliday(d(2020, 5, 4))).toBe(false);
    // 25 Dec 2022 was a Sunday; 27 Dec was the day off in its place.
    expect(isBankHoliday(d(2022, 12, 25))).toBe(false);
    expect(isBankHoliday(d(2022, 12, 27))).toBe(true);
  });

  it("reads the UTC calendar date whatever the time of day", () => {
    expect(isBankHoliday(new Date("2019-08-26T23:59:59Z"))).toBe(true);
    expect(isBankHoliday(new Date("2019-08-25T23:00:00Z"))).toBe(false);
  });
});

describe("bankHolidayNameOf", () => {
  it("names the day, or gives null", () => {
    expect(bankHolidayNameOf(d(2019, 8, 26))).toBe("Summer bank holiday");
    expect(bankHolidayNameOf(d(2011, 4, 29))).toBe("Royal wedding");
    expect(bankHolidayNameOf(d(2019, 8, 27))).toBeNull();
  });
});

describe("isWorkingDay", () => {
  it("excludes weekends and bank holidays", () => {
    expect(isWorkingDay(d(2019, 9, 30))).toBe(true);
    expect(isWorkingDay(d(2019, 9, 28))).toBe(false);
    expect(isWorkingDay(d(2019, 9, 29))).toBe(false);
    expect(isWorkingDay(d(2019, 12, 25))).toBe(false);
    expect(isWorkingDay(d(2019, 12, 27))).toBe(true);
  });
});

describe("nthWorkingDay", () => {
  it("counts the start day as day 1 (DOMAIN and the report's targets)", () => {
    expect(nthWorkingDay(d(2019, 9, 30), 15)).toEqual(d(2019, 10, 18));
    expect(nthWorkingDay(d(2019, 5, 29), 15)).toEqual(d(2019, 6, 18));
    expect(nthWorkingDay(d(2019, 6, 13), 15)).toEqual(d(2019, 7, 3));
    expect(nthWorkingDay(d(2019, 9, 30), 1)).toEqual(d(2019, 9, 30));
  });

  it("starts counting on the next working day from a weekend or bank holiday", () => {
    expect(nthWorkingDay(d(2019, 9, 28), 1)).toEqual(d(2019, 9, 30));
    expect(nthWorkingDay(d(2019, 9, 28), 15)).toEqual(d(2019, 10, 18));
    expect(nthWorkingDay(d(2019, 8, 26), 1)).toEqual(d(2019, 8, 27));
    expect(nthWorkingDay(d(2019, 4, 19), 2)).toEqual(d(2019, 4, 24));
  });

  it("steps over Christmas and into the new year", () => {
    expect(nthWorkingDay(d(2019, 12, 24), 2)).toEqual(d(2019, 12, 27));
    expect(nthWorkingDay(d(2020, 12, 24), 2)).toEqual(d(2020, 12, 29));
    expect(nthWorkingDay(d(2019, 12, 31), 2)).toEqual(d(2020, 1, 2));
    expect(nthWorkingDay(d(2021, 12, 24), 2)).toEqual(d(2021, 12, 29));
  });

  it("gives a 40 WD IA target across the August bank holiday", () => {
    // 30 Jul 2019 is day 1; 26 Aug is skipped.
    expect(nthWorkingDay(d(2019, 7, 30), 40)).toEqual(d(2019, 9, 24));
  });

  it("refuses counts below 1 and fractions", () => {
    expect(() => nthWorkingDay(d(2019, 9, 30), 0)).toThrow(RangeError);
    expect(() => nthWorkingDay(d(2019, 9, 30), 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts both ends", () => {
    expect(workingDaysBetween(d(2019, 9, 30), d(2019, 9, 30))).toBe(1);
    expect(workingDaysBetween(d(2019, 9, 30), d(2019, 10, 18))).toBe(15);
    expect(workingDaysBetween(d(2019, 9, 27), d(2019, 9, 30))).toBe(2);
  });

  it("is 0 for a weekend or bank holiday alone, and when to is before from", () => {
    expect(workingDaysBetween(d(2019, 9, 28), d(2019, 9, 29))).toBe(0);
    expect(workingDaysBetween(d(2019, 12, 25), d(2019, 12, 26))).toBe(0);
    expect(workingDaysBetween(d(2019, 10, 1), d(2019, 9, 30))).toBe(0);
  });

  it("counts whole years: weekdays less the bank holidays", () => {
    expect(workingDaysBetween(d(2019, 1, 1), d(2019, 12, 31))).toBe(261 - 8);
    expect(workingDaysBetween(d(2020, 1, 1), d(2020, 12, 31))).toBe(262 - 8);
    expect(workingDaysBetween(d(2022, 1, 1), d(2022, 12, 31))).toBe(260 - 10);
    // 2019/20: 366 days from a Monday = 262 weekdays, less Easter, two May, August, Christmas,
    // Boxing Day and New Year's Day.
    expect(workingDaysBetween(d(2019, 4, 1), d(2020, 3, 31))).toBe(262 - 8);
  });

  // The report's "current duration" column, as at the end of September 2019, is one working day
  // more than the DOMAIN rule gives for all three open assessments. The report's figures come
  // out exactly as at 1 Oct 2019 — or as at 30 Sep if 26 Aug 2019 were not a bank holiday.
  it("gives 88, 44 and 64 WD as at 30 Sep 2019 for SECMP0024 PA, SECMP0007 IA, SECMP0056 IA", () => {
    expect(workingDaysBetween(d(2019, 5, 29), d(2019, 9, 30))).toBe(88);
    expect(workingDaysBetween(d(2019, 7, 30), d(2019, 9, 30))).toBe(44);
    expect(workingDaysBetween(d(2019, 7, 2), d(2019, 9, 30))).toBe(64);
  });

  it("reproduces the report's 89, 45 and 65 WD as at 1 Oct 2019", () => {
    expect(workingDaysBetween(d(2019, 5, 29), d(2019, 10, 1))).toBe(89);
    expect(workingDaysBetween(d(2019, 7, 30), d(2019, 10, 1))).toBe(45);
    expect(workingDaysBetween(d(2019, 7, 2), d(2019, 10, 1))).toBe(65);
  });

  it("differs from the report as at 30 Sep only by the Summer bank holiday", () => {
    expect(isBankHoliday(d(2019, 8, 26))).toBe(true);
    expect(workingDaysBetween(d(2019, 5, 29), d(2019, 9, 30)) + 1).toBe(89);
    expect(workingDaysBetween(d(2019, 8, 26), d(2019, 8, 26))).toBe(0);
  });

  it("is not moved by the clocks changing (dates are UTC midnight)", () => {
    expect(workingDaysBetween(d(2019, 3, 29), d(2019, 4, 1))).toBe(2);
    expect(workingDaysBetween(d(2019, 10, 25), d(2019, 10, 28))).toBe(2);
  });

  it("matches a day-by-day count over random ranges, including before 1970", () => {
    const random = randomNumbers(20191004);
    for (let i = 0; i < 400; i++) {
      const from = addCalendarDays(d(1960, 1, 1), Math.floor(random() * 30_000));
      const to = addCalendarDays(from, Math.floor(random() * 800) - 5);
      expect(workingDaysBetween(from, to), `${toIsoDate(from)} to ${toIsoDate(to)}`).toBe(workingDaysCountedDayByDay(from, to));
    }
  });

  it("is fast enough for 10,000 year-long assessments in a report", () => {
    workingDaysBetween(d(2018, 4, 1), d(2021, 3, 31));
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 10_000; i++) total += workingDaysBetween(addCalendarDays(d(2019, 1, 1), i % 365), d(2020, 9, 30));
    expect(total).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("addWorkingDays", () => {
  it("counts working days after the date, not the date itself", () => {
    expect(addWorkingDays(d(2019, 9, 30), 14)).toEqual(d(2019, 10, 18));
    // "Snooze 3 working days" on the Friday before the Summer bank holiday.
    expect(addWorkingDays(d(2019, 8, 23), 3)).toEqual(d(2019, 8, 29));
    expect(addWorkingDays(d(2019, 9, 28), 1)).toEqual(d(2019, 9, 30));
  });

  it("counts backwards when n is negative", () => {
    expect(addWorkingDays(d(2020, 1, 2), -2)).toEqual(d(2019, 12, 30));
    expect(addWorkingDays(d(2019, 9, 28), -1)).toEqual(d(2019, 9, 27));
    expect(addWorkingDays(d(2019, 8, 27), -1)).toEqual(d(2019, 8, 23));
    expect(addWorkingDays(d(2019, 10, 18), -14)).toEqual(d(2019, 9, 30));
  });

  it("leaves the date alone when n is 0, even on a weekend", () => {
    expect(addWorkingDays(d(2019, 9, 28), 0)).toEqual(d(2019, 9, 28));
  });

  it("closes a 15 working day consultation opened on 14 Oct 2019 on 1 Nov 2019", () => {
    expect(addWorkingDays(d(2019, 10, 14), 14)).toEqual(d(2019, 11, 1));
  });

  it("jumps a whole year, Christmas included", () => {
    expect(addWorkingDays(d(2018, 12, 31), 253)).toEqual(d(2019, 12, 31));
    expect(addWorkingDays(d(2019, 12, 31), -253)).toEqual(d(2018, 12, 31));
  });

  it("matches a day-by-day walk in both directions over random starts", () => {
    const random = randomNumbers(7112019);
    for (let i = 0; i < 400; i++) {
      const start = addCalendarDays(d(1994, 1, 1), Math.floor(random() * 17_000));
      const n = Math.floor(random() * 600) - 300;
      expect(toIsoDate(addWorkingDays(start, n)), `${toIsoDate(start)} ${n}`).toBe(toIsoDate(addWorkingDaysDayByDay(start, n)));
    }
  });

  it("refuses fractions", () => {
    expect(() => addWorkingDays(d(2019, 9, 30), 0.5)).toThrow(RangeError);
  });
});

describe("firstWorkingDayOnOrAfter", () => {
  it("is the date itself on a working day", () => {
    expect(firstWorkingDayOnOrAfter(d(2019, 9, 30))).toEqual(d(2019, 9, 30));
    expect(firstWorkingDayOnOrAfter(new Date("2019-09-30T15:00:00Z"))).toEqual(d(2019, 9, 30));
  });

  it("moves off weekends and over Easter and Christmas", () => {
    expect(firstWorkingDayOnOrAfter(d(2019, 9, 28))).toEqual(d(2019, 9, 30));
    expect(firstWorkingDayOnOrAfter(d(2019, 4, 19))).toEqual(d(2019, 4, 23));
    expect(firstWorkingDayOnOrAfter(d(2020, 12, 25))).toEqual(d(2020, 12, 29));
  });
});

describe("firstWorkingDayOfMonth", () => {
  it("skips New Year and weekends", () => {
    expect(firstWorkingDayOfMonth(2020, 1)).toEqual(d(2020, 1, 2));
    expect(firstWorkingDayOfMonth(2022, 1)).toEqual(d(2022, 1, 4));
    expect(firstWorkingDayOfMonth(2019, 6)).toEqual(d(2019, 6, 3));
    expect(firstWorkingDayOfMonth(2020, 5)).toEqual(d(2020, 5, 1));
    expect(firstWorkingDayOfMonth(2019, 10)).toEqual(parseIsoDate("2019-10-01"));
  });
});
