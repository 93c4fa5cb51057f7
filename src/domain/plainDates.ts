import * as chrono from "chrono-node/en";
import { calendarDate, compareDates, formatReportDate } from "./calendarDate.ts";

// Dates typed in plain English, read the British way (30/09/2019 is 30 September). Choices:
// - A date without a year ("30 Jul") or a bare weekday ("friday") is the nearest such day,
//   before or after today (chrono's forwardDate: false): people log past DCC deliveries as
//   often as they set future targets. "this Friday" is the one in the current week and
//   "next Friday" the one in the week after (chrono's reading).
// - "Dec 25" is 25 December, not December 2025 as chrono's British parser reads it.
// - Times of day are ignored: the answer is a calendar date.

export type PlainDateResult = { ok: true; date: Date } | { ok: false; message: string };

export type WorkdaysQuery =
  | { kind: "nth"; start: Date; n: number }
  | { kind: "between"; from: Date; to: Date }
  | { kind: "error"; message: string };

const TRY_THESE = `Try "30 Sep 2019", "next Friday" or "2019-09-30".`;

const WORKDAYS_USAGE =
  `Try "30 Sep 2019 + 15" for the 15th working day counting 30 Sep 2019 as day 1, ` +
  `or "29 May 2019 to 1 Oct 2019" for the working days from one date to the other, both included.`;

// More than forty years of working days is a typo, and would make the answer meaningless.
const MAX_WORKING_DAYS = 9999;

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

// Words around a date that change nothing: "on 30 Sep", "by Friday", "the 30th".
const IGNORABLE = /^(?:[\s.,;:!?()'"\u2018\u2019\u201C\u201D]|\b(?:on|by|the)\b)*$/i;

function describeDate(date: Date): string {
  return `${WEEKDAY_NAMES[date.getUTCDay()]} ${formatReportDate(date)}`;
}

// chrono reckons "today", "tomorrow" and weekdays in the process's local time. Noon local time
// on the caller's (London) date is that date in any server time zone.
function referenceInstantFor(today: Date): Date {
  return new Date(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12);
}

function dateOf(components: chrono.ParsedResult["start"]): Date {
  return calendarDate(components.get("year")!, components.get("month")!, components.get("day")!);
}

function isMonthWithoutDay(result: chrono.ParsedResult): boolean {
  const start = result.start;
  return start.isCertain("month") && !start.isCertain("day") && !start.isCertain("weekday");
}

// "Dec 25": the American-style reading when the British one found only a month and a year.
function withDayOfMonth(result: chrono.ParsedResult, reference: Date): chrono.ParsedResult {
  const [american] = chrono.casual.parse(result.text, reference, { forwardDate: false });
  return american && american.text === result.text && american.start.isCertain("day") ? american : result;
}

function leftoverOf(text: string, result: chrono.ParsedResult): string {
  return [text.slice(0, result.index), text.slice(result.index + result.text.length)]
    .map((part) => part.trim())
    .filter((part) => !IGNORABLE.test(part))
    .join(" … ");
}

/** The calendar date `text` means, read in London on `today`, or a message saying what went wrong. */
export function parsePlainDate(text: string, options: { today: Date }): PlainDateResult {
  const typed = text.trim();
  if (!typed) return { ok: false, message: `Which date? ${TRY_THESE}` };
  const reference = referenceInstantFor(options.today);
  const results = chrono.GB.parse(typed, reference, { forwardDate: false });
  if (results.length === 0) return { ok: false, message: `"${typed}" isn't a date I understand. ${TRY_THESE}` };
  if (results.length > 1 || results[0].end) {
    const dates = results.flatMap((r) => (r.end ? [r.start, r.end] : [r.start])).map((c) => formatReportDate(dateOf(c)));
    return { ok: false, message: `"${typed}" has more than one date in it (${dates.join(", ")}). Send just one.` };
  }
  let result = results[0];
  if (isMonthWithoutDay(result)) result = withDayOfMonth(result, reference);
  if (isMonthWithoutDay(result)) {
    return { ok: false, message: `I read "${typed}" as a month, but which day? ${TRY_THESE}` };
  }
  const date = dateOf(result.start);
  const typedWeekday = result.start.isCertain("weekday") && result.start.isCertain("day") ? result.start.get("weekday") : null;
  if (typedWeekday !== null && typedWeekday !== date.getUTCDay()) {
    return {
      ok: false,
      message: `"${typed}" doesn't add up: ${formatReportDate(date)} is a ${WEEKDAY_NAMES[date.getUTCDay()]}, not a ${WEEKDAY_NAMES[typedWeekday]}.`,
    };
  }
  const leftover = leftoverOf(typed, result);
  if (leftover) {
    return {
      ok: false,
      message: `I read "${typed}" as ${describeDate(date)} but couldn't use "${leftover}". If that's the date, send just "${result.text}".`,
    };
  }
  return { ok: true, date };
}

// Typed in the forms and commands, one of each shape the parsers above tell apart: the British
// and the American readings, a weekday, an ISO date.
const WARM_UP_TEXTS = ["30 Sep 2019", "Dec 25", "next Friday", "2019-09-30"];

/**
 * How many dates were read to warm the parser. The first date chrono reads in a process costs
 * ~400 ms (V8 compiles its many regular expressions on first use; later reads take ~0.06 ms), and
 * without this the first person to submit a form paid for it: under a burst, 0.9 s of one
 * replica's CPU went to it, the raise submissions queued behind it.
 */
export function warmPlainDateParsing(today: Date): number {
  return WARM_UP_TEXTS.filter((text) => parsePlainDate(text, { today }).ok).length;
}

/**
 * `/mod workdays` input: "30 Sep 2019 + 15" (the 15th working day counting 30 Sep as day 1) or
 * "29 May 2019 to 1 Oct 2019" (also "until": the working days between, both included).
 */
export function parseWorkdaysQuery(text: string, today: Date): WorkdaysQuery {
  const typed = text.trim();
  const nth = /^(.+?)\s*\+\s*(\d+)(?:\s*(?:wd|working days?))?$/i.exec(typed);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > MAX_WORKING_DAYS) {
      return { kind: "error", message: `Working days are counted from 1 to ${MAX_WORKING_DAYS}, so "+ ${nth[2]}" won't do. ${WORKDAYS_USAGE}` };
    }
    const start = parsePlainDate(nth[1], { today });
    return start.ok ? { kind: "nth", start: start.date, n } : { kind: "error", message: start.message };
  }
  const parts = typed.split(/\s+(?:to|until)\s+/i);
  if (parts.length === 2) {
    const from = parsePlainDate(parts[0], { today });
    if (!from.ok) return { kind: "error", message: from.message };
    const to = parsePlainDate(parts[1], { today });
    if (!to.ok) return { kind: "error", message: to.message };
    if (compareDates(to.date, from.date) < 0) {
      return {
        kind: "error",
        message: `${formatReportDate(to.date)} is before ${formatReportDate(from.date)}: put the earlier date first.`,
      };
    }
    return { kind: "between", from: from.date, to: to.date };
  }
  return { kind: "error", message: `I need a date and a number of working days, or two dates. ${WORKDAYS_USAGE}` };
}
