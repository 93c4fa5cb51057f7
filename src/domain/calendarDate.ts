import { TZDate } from "@date-fns/tz";

// A calendar date is a JS Date at 00:00 UTC, which is how Prisma returns @db.Date columns.
// Everything here reads and writes UTC fields only, so the server's time zone and British
// Summer Time can never shift a date by a day.

const MS_PER_DAY = 86_400_000;

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

const SHORT_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** The calendar date y-m-d (month 1–12). Throws on dates that do not exist, such as 31 Feb. */
export function calendarDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // Unlike Date.UTC, setUTCFullYear does not turn years 0–99 into 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (
    !Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) ||
    date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day
  ) {
    throw new RangeError(`${year}-${month}-${day} is not a calendar date`);
  }
  return date;
}

/** "2019-09-30" → 30 Sep 2019. Throws on anything else, including 2019-02-30. */
export function parseIsoDate(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not an ISO date (YYYY-MM-DD)`);
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** 30 Sep 2019 → "2019-09-30", for storage and logs, never for people. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The instant it is `hours:minutes` in London on a calendar date, whatever the season or server. */
export function londonTimeOn(date: Date, hours: number, minutes = 0): Date {
  return new Date(new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes, 0, "Europe/London").getTime());
}

const HOUR_MS = 3_600_000;
/** The last answer, for the UTC clock hour it holds for. */
let londonDateOfHour: { hour: number; date: Date } | undefined;

/** The calendar date it is in London at `now`, whatever the server's time zone. */
export function todayInLondon(now: Date = new Date()): Date {
  // London's midnight and its clock changes all fall on a whole UTC hour (it is UTC or UTC+1),
  // so one UTC hour is one London date; working it out through the time zone database costs
  // ~16 µs, which every status card paid (2% of a cached /mod status, profiled).
  const hour = Math.floor(now.getTime() / HOUR_MS);
  if (londonDateOfHour?.hour !== hour) {
    const london = new TZDate(now.getTime(), "Europe/London");
    londonDateOfHour = { hour, date: calendarDate(london.getFullYear(), london.getMonth() + 1, london.getDate()) };
  }
  return new Date(londonDateOfHour.date.getTime());
}

/** "2 May 2019", "30 Sep 2019": how dates are written in the channel (UX-EXAMPLES.md). */
export function formatReportDate(date: Date): string {
  return `${date.getUTCDate()} ${SHORT_MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "30 September 2019": how the report's prose writes a date. */
export function formatLongDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "30 Jul 19": how the report's tables write a date. */
export function formatShortDate(date: Date): string {
  const year = String(date.getUTCFullYear() % 100).padStart(2, "0");
  return `${date.getUTCDate()} ${SHORT_MONTH_NAMES[date.getUTCMonth()]} ${year}`;
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addCalendarDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}

/** Calendar days from `from` to `to`: 1 for consecutive days, negative when `to` is earlier. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return Math.floor(to.getTime() / MS_PER_DAY) - Math.floor(from.getTime() / MS_PER_DAY);
}

/** -1, 0 or 1 as `a` is before, on or after `b`'s calendar date; fits Array.prototype.sort. */
export function compareDates(a: Date, b: Date): -1 | 0 | 1 {
  return Math.sign(calendarDaysBetween(b, a)) as -1 | 0 | 1;
}
