import type Holidays from "date-holidays";
import { onFirstUse } from "../onFirstUse.ts";
import generatedBankHolidays from "./bankHolidays.json" with { type: "json" };
import { calendarDate, parseIsoDate } from "./calendarDate.ts";

// The SEC's Working Day: not a Saturday, a Sunday or a bank holiday in England and Wales.
// Durations count the starting day as day 1 (a PA accepted on 30 Sep 2019 with a 15 WD target
// is due 18 Oct 2019). Reports run these for thousands of assessments, so counting works on
// day numbers with weekday arithmetic and a per-year cached holiday list instead of walking
// day by day.
// The years in bankHolidays.json (generated from date-holidays with the corrections below by
// `npm run bank-holidays`, checked against the library by workingDays.test.ts) are read from it;
// other years ask the library, which is loaded only then: it costs a start ~0.5 s (moment-timezone
// and every country's rules), the cards of the demo register ask for five years.

const MS_PER_DAY = 86_400_000;
// Day numbers count from 1970-01-01; 1970-01-05 was the first Monday.
const FIRST_MONDAY = 4;

// date-holidays 3.37 gets these England and Wales bank holidays wrong: it misses the one-off
// days below and keeps the usual Monday where the Spring or Early May bank holiday was moved.
// null removes a date the library lists. Checked against the proclamations as listed on gov.uk.
const LIBRARY_CORRECTIONS: Readonly<Record<string, string | null>> = {
  "1995-05-01": null,
  "1995-05-08": "Early May bank holiday (VE Day)",
  "1999-12-31": "Millennium Day",
  "2002-05-27": null,
  "2002-06-03": "Queen's Golden Jubilee",
  "2002-06-04": "Spring bank holiday",
  "2011-04-29": "Royal wedding",
  "2012-05-28": null,
  "2012-06-04": "Spring bank holiday",
};

interface BankHoliday {
  day: number;
  name: string;
}

const holidaysLibrary = onFirstUse<typeof Holidays>("date-holidays");
let calendar: Holidays | undefined;
const holidaysByYear = new Map<number, readonly BankHoliday[]>();

function dayNumberOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

function dateOfDayNumber(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

function yearOfDayNumber(day: number): number {
  return dateOfDayNumber(day).getUTCFullYear();
}

function isWeekendDay(day: number): boolean {
  const offset = day - FIRST_MONDAY;
  return offset - Math.floor(offset / 7) * 7 >= 5;
}

/**
 * England and Wales bank holidays that are days off in `year`, as [ISO date, name] in date order,
 * from the date-holidays library with LIBRARY_CORRECTIONS applied: what bankHolidays.json holds.
 * Sorted, weekdays only: a holiday that falls at a weekend is not a day off in itself — its
 * substitute day (also "public" in the library) is.
 */
export function libraryBankHolidays(year: number): [isoDate: string, name: string][] {
  const Library = holidaysLibrary();
  calendar ??= new Library("GB", "ENG");
  const byIsoDate = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year)) {
    // `date` is the local date as text; `start` is an instant in London time and would be a
    // day early in UTC during British Summer Time.
    if (holiday.type === "public") byIsoDate.set(holiday.date.slice(0, 10), holiday.name);
  }
  for (const [isoDate, name] of Object.entries(LIBRARY_CORRECTIONS)) {
    if (!isoDate.startsWith(`${year}-`)) continue;
    if (name === null) byIsoDate.delete(isoDate);
    else byIsoDate.set(isoDate, name);
  }
  return [...byIsoDate].filter(([isoDate]) => !isWeekendDay(dayNumberOf(parseIsoDate(isoDate)))).sort(([a], [b]) => a.localeCompare(b));
}

// A JSON import types each [date, name] pair as string[].
const generatedYears = generatedBankHolidays.years as unknown as Readonly<Record<string, [string, string][] | undefined>>;

function computeBankHolidays(year: number): readonly BankHoliday[] {
  const generated = generatedYears[String(year)];
  return (generated ?? libraryBankHolidays(year)).map(([isoDate, name]) => ({ day: dayNumberOf(parseIsoDate(isoDate)), name }));
}

function bankHolidayListOf(year: number): readonly BankHoliday[] {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = computeBankHolidays(year);
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

function bankHolidayOn(day: number): BankHoliday | undefined {
  return bankHolidayListOf(yearOfDayNumber(day)).find((holiday) => holiday.day === day);
}

function bankHolidaysCountedIn(fromDay: number, toDay: number): number {
  let count = 0;
  for (let year = yearOfDayNumber(fromDay); year <= yearOfDayNumber(toDay); year++) {
    for (const holiday of bankHolidayListOf(year)) {
      if (holiday.day >= fromDay && holiday.day <= toDay) count++;
    }
  }
  return count;
}

// Weekdays from FIRST_MONDAY up to, not including, `day` (negative before it), so the weekdays
// in any range are one subtraction.
function weekdaysBefore(day: number): number {
  const offset = day - FIRST_MONDAY;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}

// The weekday `n` weekdays after `day` (before, when n < 0), ignoring bank holidays.
function addWeekdays(day: number, n: number): number {
  const offset = day - FIRST_MONDAY;
  const weeks = Math.floor(offset / 7);
  const dayOfWeek = offset - weeks * 7;
  // From a weekend, counting forward starts from its Friday and counting back from its Monday.
  const index = dayOfWeek < 5 ? weeks * 5 + dayOfWeek : weeks * 5 + (n > 0 ? 4 : 5);
  const target = index + n;
  const targetWeeks = Math.floor(target / 5);
  return FIRST_MONDAY + targetWeeks * 7 + (target - targetWeeks * 5);
}

function assertWholeNumber(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, not ${n}`);
}

/** Whether `date` is a bank holiday in England and Wales that is a day off (never a weekend). */
export function isBankHoliday(date: Date): boolean {
  return bankHolidayOn(dayNumberOf(date)) !== undefined;
}

/** The bank holiday's name ("Summer bank holiday"), or null when `date` is not one. */
export function bankHolidayNameOf(date: Date): string | null {
  return bankHolidayOn(dayNumberOf(date))?.name ?? null;
}

/** Whether `date` is an SEC Working Day: Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: Date): boolean {
  const day = dayNumberOf(date);
  return !isWeekendDay(day) && bankHolidayOn(day) === undefined;
}

/** Why `date` is not a working day ("a bank holiday (Christmas Day)", "a Saturday"), or null when it is one. */
export function whyNotAWorkingDay(date: Date): string | null {
  const holiday = bankHolidayNameOf(date);
  if (holiday) return `a bank holiday (${holiday})`;
  const weekday = date.getUTCDay();
  if (weekday === 0) return "a Sunday";
  if (weekday === 6) return "a Saturday";
  return null;
}

/** The bank holidays (days off) in England and Wales in `year`, in date order. */
export function bankHolidaysIn(year: number): Date[] {
  return bankHolidayListOf(year).map((holiday) => dateOfDayNumber(holiday.day));
}

/** Working days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function workingDaysBetween(from: Date, to: Date): number {
  const fromDay = dayNumberOf(from);
  const toDay = dayNumberOf(to);
  if (toDay < fromDay) return 0;
  return weekdaysBefore(toDay + 1) - weekdaysBefore(fromDay) - bankHolidaysCountedIn(fromDay, toDay);
}

/**
 * The working day `n` working days after `date` (before it, when n is negative), not counting
 * `date` itself; `date` unchanged when n is 0.
 */
export function addWorkingDays(date: Date, n: number): Date {
  assertWholeNumber(n, "The number of working days");
  let day = dayNumberOf(date);
  let remaining = n;
  // Jump over weekdays, then again over as many as were bank holidays, until none were.
  while (remaining !== 0) {
    const next = addWeekdays(day, remaining);
    const skipped = remaining > 0 ? bankHolidaysCountedIn(day + 1, next) : bankHolidaysCountedIn(next, day - 1);
    day = next;
    remaining = Math.sign(remaining) * skipped;
  }
  return dateOfDayNumber(day);
}

/** `date` if it is a working day, else the next working day. */
export function firstWorkingDayOnOrAfter(date: Date): Date {
  return isWorkingDay(date) ? dateOfDayNumber(dayNumberOf(date)) : addWorkingDays(date, 1);
}

/**
 * The nth working day counting `start` as day 1 (or, when `start` is not a working day, the
 * next working day as day 1): the target date of an assessment accepted on `start`.
 */
export function nthWorkingDay(start: Date, n: number): Date {
  assertWholeNumber(n, "The working day number");
  if (n < 1) throw new RangeError(`Working days are counted from 1, not ${n}`);
  return addWorkingDays(firstWorkingDayOnOrAfter(start), n - 1);
}

/** The first working day of `month` (1–12) in `year`. */
export function firstWorkingDayOfMonth(year: number, month: number): Date {
  return firstWorkingDayOnOrAfter(calendarDate(year, month, 1));
}
