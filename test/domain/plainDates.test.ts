import { afterEach, describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { parsePlainDate, parseWorkdaysQuery, warmPlainDateParsing } from "../../src/domain/plainDates.ts";

const d = calendarDate;
// Monday 30 September 2019, the report's as-at date.
const today = d(2019, 9, 30);

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function dateOf(text: string, on: Date = today): Date {
  const result = parsePlainDate(text, { today: on });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.message}`);
  return result.date;
}

function messageOf(text: string, on: Date = today): string {
  const result = parsePlainDate(text, { today: on });
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} not to parse, got ${result.date.toISOString()}`);
  return result.message;
}

describe("parsePlainDate", () => {
  it.each([
    ["30 Sep 2019", d(2019, 9, 30)],
    ["2019-09-30", d(2019, 9, 30)],
    ["30/09/2019", d(2019, 9, 30)],
    ["03/04/2019", d(2019, 4, 3)],
    ["13/06/19", d(2019, 6, 13)],
    ["30th of September 2019", d(2019, 9, 30)],
    ["2 May 2019", d(2019, 5, 2)],
    ["on 30 Sep 2019", d(2019, 9, 30)],
  ])("reads %j", (text, expected) => {
    expect(dateOf(text)).toEqual(expected);
  });

  it("reads today, tomorrow and yesterday from the date given", () => {
    expect(dateOf("today")).toEqual(d(2019, 9, 30));
    expect(dateOf("Tomorrow")).toEqual(d(2019, 10, 1));
    expect(dateOf("yesterday")).toEqual(d(2019, 9, 29));
    expect(dateOf("tomorrow", d(2019, 12, 31))).toEqual(d(2020, 1, 1));
  });

  it("reads 'next Friday' as Friday of next week and 'this Friday' as this week's", () => {
    expect(dateOf("next Friday")).toEqual(d(2019, 10, 11));
    expect(dateOf("this Friday")).toEqual(d(2019, 10, 4));
    expect(dateOf("last Friday")).toEqual(d(2019, 9, 27));
  });

  it("takes the nearest date when the year or direction is left out", () => {
    expect(dateOf("30 Jul")).toEqual(d(2019, 7, 30));
    expect(dateOf("30 Jul", d(2020, 2, 1))).toEqual(d(2020, 7, 30));
    expect(dateOf("30 Mar")).toEqual(d(2020, 3, 30));
    expect(dateOf("friday")).toEqual(d(2019, 9, 27));
    expect(dateOf("friday", d(2019, 10, 2))).toEqual(d(2019, 10, 4));
  });

  it("reads 'Dec 25' as 25 December, not December 2025", () => {
    expect(dateOf("Dec 25")).toEqual(d(2019, 12, 25));
  });

  it("ignores a time of day", () => {
    expect(dateOf("tomorrow at 11pm")).toEqual(d(2019, 10, 1));
  });

  it("gives the same dates whatever the server's time zone", () => {
    // Winter offsets in minutes behind UTC, to show the zone really changed.
    const offsets = { "Pacific/Kiritimati": -840, "Pacific/Pago_Pago": 660, "Europe/London": 0, UTC: 0 };
    for (const [tz, offset] of Object.entries(offsets)) {
      process.env.TZ = tz;
      expect(new Date(Date.UTC(2019, 0, 1)).getTimezoneOffset(), tz).toBe(offset);
      expect(dateOf("today"), tz).toEqual(d(2019, 9, 30));
      expect(dateOf("next Friday"), tz).toEqual(d(2019, 10, 11));
      expect(dateOf("30 Jul"), tz).toEqual(d(2019, 7, 30));
      expect(dateOf("tomorrow", d(2019, 3, 30)), tz).toEqual(d(2019, 3, 31));
    }
  });

  it("says plainly when it understood nothing", () => {
    expect(messageOf("next blursday")).toBe(
      `"next blursday" isn't a date I understand. Try "30 Sep 2019", "next Friday" or "2019-09-30".`,
    );
    expect(messageOf("31/02/2019")).toBe(`"31/02/2019" isn't a date I understand. Try "30 Sep 2019", "next Friday" or "2019-09-30".`);
    expect(messageOf("  ")).toBe(`Which date? Try "30 Sep 2019", "next Friday" or "2019-09-30".`);
  });

  it("shows what it understood when only part of the text was a date", () => {
    expect(messageOf("30 Sep 2019 blah")).toBe(
      `I read "30 Sep 2019 blah" as Monday 30 Sep 2019 but couldn't use "blah". If that's the date, send just "30 Sep 2019".`,
    );
    expect(messageOf("fri-ish")).toBe(
      `I read "fri-ish" as Friday 27 Sep 2019 but couldn't use "-ish". If that's the date, send just "fri".`,
    );
  });

  it("refuses a month without a day, two dates, and a weekday that contradicts the date", () => {
    expect(messageOf("December 2019")).toBe(`I read "December 2019" as a month, but which day? Try "30 Sep 2019", "next Friday" or "2019-09-30".`);
    expect(messageOf("30 Sep or 1 Oct")).toBe(`"30 Sep or 1 Oct" has more than one date in it (30 Sep 2019, 1 Oct 2019). Send just one.`);
    expect(messageOf("30 Sep 2019 to 1 Oct 2019")).toContain("more than one date");
    expect(messageOf("Mon 1 Oct 2019")).toBe(`"Mon 1 Oct 2019" doesn't add up: 1 Oct 2019 is a Tuesday, not a Monday.`);
    expect(dateOf("Tue 1 Oct 2019")).toEqual(d(2019, 10, 1));
  });
});

describe("parseWorkdaysQuery", () => {
  const usage =
    `Try "30 Sep 2019 + 15" for the 15th working day counting 30 Sep 2019 as day 1, ` +
    `or "29 May 2019 to 1 Oct 2019" for the working days from one date to the other, both included.`;

  it("reads a date plus a number of working days", () => {
    expect(parseWorkdaysQuery("30 Sep 2019 + 15", today)).toEqual({ kind: "nth", start: d(2019, 9, 30), n: 15 });
    expect(parseWorkdaysQuery("today+40", today)).toEqual({ kind: "nth", start: d(2019, 9, 30), n: 40 });
    expect(parseWorkdaysQuery("30/09/2019 + 15 WD", today)).toEqual({ kind: "nth", start: d(2019, 9, 30), n: 15 });
    expect(parseWorkdaysQuery("30 Sep 2019 + 1 working day", today)).toEqual({ kind: "nth", start: d(2019, 9, 30), n: 1 });
  });

  it("reads two dates joined by 'to' or 'until'", () => {
    expect(parseWorkdaysQuery("29 May 2019 to 1 Oct 2019", today)).toEqual({ kind: "between", from: d(2019, 5, 29), to: d(2019, 10, 1) });
    expect(parseWorkdaysQuery("29/05/2019 until today", today)).toEqual({ kind: "between", from: d(2019, 5, 29), to: d(2019, 9, 30) });
    expect(parseWorkdaysQuery("today TO tomorrow", today)).toEqual({ kind: "between", from: d(2019, 9, 30), to: d(2019, 10, 1) });
  });

  it("passes on what was wrong with a date", () => {
    expect(parseWorkdaysQuery("next blursday + 3", today)).toEqual({
      kind: "error",
      message: `"next blursday" isn't a date I understand. Try "30 Sep 2019", "next Friday" or "2019-09-30".`,
    });
    expect(parseWorkdaysQuery("29 May 2019 to never", today)).toEqual({
      kind: "error",
      message: `"never" isn't a date I understand. Try "30 Sep 2019", "next Friday" or "2019-09-30".`,
    });
  });

  it("refuses dates in the wrong order and impossible counts", () => {
    expect(parseWorkdaysQuery("1 Oct 2019 to 29 May 2019", today)).toEqual({
      kind: "error",
      message: "29 May 2019 is before 1 Oct 2019: put the earlier date first.",
    });
    expect(parseWorkdaysQuery("today + 0", today)).toEqual({
      kind: "error",
      message: `Working days are counted from 1 to 9999, so "+ 0" won't do. ${usage}`,
    });
    expect(parseWorkdaysQuery("today + 100000", today)).toMatchObject({ kind: "error" });
  });

  it("shows both usages for anything else", () => {
    const expected = { kind: "error", message: `I need a date and a number of working days, or two dates. ${usage}` };
    expect(parseWorkdaysQuery("", today)).toEqual(expected);
    expect(parseWorkdaysQuery("30 Sep 2019", today)).toEqual(expected);
    expect(parseWorkdaysQuery("30 Sep 2019 - 1 Oct 2019", today)).toEqual(expected);
    expect(parseWorkdaysQuery("a to b to c", today)).toEqual(expected);
  });
});

describe("warmPlainDateParsing", () => {
  it("reads every one of its warm-up dates, so each parser it means to warm has run", () => {
    expect(warmPlainDateParsing(today)).toBe(4);
  });
});
