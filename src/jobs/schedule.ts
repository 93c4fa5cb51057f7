import { TZDate } from "@date-fns/tz";
import { validateDetailed } from "node-cron";
import { calendarDate, calendarDaysBetween, formatReportDate, parseIsoDate, toIsoDate } from "../domain/calendarDate.ts";
import { firstWorkingDayOfMonth, isWorkingDay } from "../domain/workingDays.ts";

// When subscriptions are due, as pure functions of the clock: the tick loop asks "which slots
// fell between the last tick and now?" and these answer without waiting or touching a database,
// so tests can walk the scheduler through any day, bank holiday or clock change.

export type JobKind = "DIGEST" | "NUDGES" | "REPORT";

export interface SchedulableSubscription {
  id: number;
  channelId: string;
  kind: JobKind;
  /** node-cron expression, read in `timezone`. */
  schedule: string;
  timezone: string;
  createdAt: Date;
}

export interface Slot {
  /** Unique per channel, job and local wall-clock minute: what makes a run happen once. */
  key: string;
  job: "digest" | "nudges" | "report";
  subscriptionId: number;
  channelId: string;
  kind: JobKind;
  /** The instant the slot fell due. */
  scheduledFor: Date;
  /** The calendar date of the slot in the subscription's time zone. */
  localDate: Date;
}

export interface CronFields {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  lastDayOfMonth: boolean;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
}

export type ParsedSchedule = { ok: true; fields: CronFields } | { ok: false; message: string };

const MS_PER_MINUTE = 60_000;

/** A slot missed by less than this is still posted, even when midnight has passed since. */
export const LATE_GRACE_MS = 15 * MS_PER_MINUTE;

const JOB_NAMES: Record<JobKind, Slot["job"]> = { DIGEST: "digest", NUDGES: "nudges", REPORT: "report" };

/** The job's name in run keys and job_run.job; also the word /mod subscribe takes. */
export function jobNameOf(kind: JobKind): Slot["job"] {
  return JOB_NAMES[kind];
}

/** The prefix every run key of one channel's subscription starts with. */
export function slotKeyPrefix(kind: JobKind, channelId: string): string {
  return `${jobNameOf(kind)}:${channelId}:`;
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const parsedCache = new Map<string, ParsedSchedule>();

/** Reads a node-cron expression into sets of allowed values; the scheduler works in whole minutes. */
export function parseSchedule(expression: string): ParsedSchedule {
  const cached = parsedCache.get(expression);
  if (cached) return cached;
  const result = parseUncached(expression);
  parsedCache.set(expression, result);
  return result;
}

function parseUncached(expression: string): ParsedSchedule {
  const validation = validateDetailed(expression.trim());
  if (!validation.valid || !validation.fields) {
    const first = validation.errors[0];
    return { ok: false, message: first ? `${first.field}: ${first.message}` : "not a cron expression" };
  }
  const { second, minute, hour, dayOfMonth, month, dayOfWeek } = validation.fields;
  if (second.length !== 1 || second[0] !== 0) return { ok: false, message: "seconds: the scheduler runs on whole minutes" };
  const lastDayOfMonth = dayOfMonth.includes("L");
  if (dayOfMonth.some((d) => typeof d === "string" && d !== "L") || dayOfWeek.some((d) => typeof d === "string")) {
    return { ok: false, message: "only plain days of the month and of the week (and L) are supported" };
  }
  return {
    ok: true,
    fields: {
      minutes: new Set(minute),
      hours: new Set(hour),
      daysOfMonth: new Set(dayOfMonth.filter((d): d is number => typeof d === "number")),
      lastDayOfMonth,
      months: new Set(month),
      weekdays: new Set(dayOfWeek.map((d) => Number(d) % 7)),
    },
  };
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

function localTimeOf(instant: Date, timezone: string): LocalTime {
  const local = new TZDate(instant.getTime(), timezone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    weekday: local.getDay(),
  };
}

const MS_PER_HOUR = 60 * MS_PER_MINUTE;

// Converting every minute of a week through the time-zone database is slow (a first tick looks
// back 8 days); within a UTC hour whose start and end have the same offset, the local time is
// plain arithmetic. Hours with a clock change in them take the slow path.
class OffsetCache {
  private hour = Number.NaN;
  private offset: number | null = null;
  constructor(private readonly timezone: string) {}

  private offsetAt(ms: number): number {
    const t = localTimeOf(new Date(ms), this.timezone);
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - ms;
  }

  localTimeOf(ms: number): LocalTime {
    const hour = Math.floor(ms / MS_PER_HOUR);
    if (hour !== this.hour) {
      this.hour = hour;
      const start = this.offsetAt(hour * MS_PER_HOUR);
      this.offset = start === this.offsetAt((hour + 1) * MS_PER_HOUR - MS_PER_MINUTE) ? start : null;
    }
    if (this.offset === null) return localTimeOf(new Date(ms), this.timezone);
    const local = new Date(ms + this.offset);
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      weekday: local.getUTCDay(),
    };
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function matches(fields: CronFields, t: LocalTime): boolean {
  if (!fields.minutes.has(t.minute) || !fields.hours.has(t.hour) || !fields.months.has(t.month)) return false;
  if (!fields.weekdays.has(t.weekday)) return false;
  return fields.daysOfMonth.has(t.day) || (fields.lastDayOfMonth && t.day === daysInMonth(t.year, t.month));
}

/** The calendar date it is at `instant` in `timezone`. */
export function localDateOf(instant: Date, timezone: string): Date {
  const t = localTimeOf(instant, timezone);
  return calendarDate(t.year, t.month, t.day);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function floorToMinute(instant: Date): number {
  return Math.floor(instant.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
}

/**
 * The subscription's slots after `from` up to and including `to`. Keys use the local wall-clock
 * minute, so the hour that repeats when the clocks go back yields one run, not two. Nudges run
 * on SEC working days only, so their slots on weekends and bank holidays do not exist; the
 * monthly report runs on the first working day of the month only (its schedule names the first
 * week; this picks the day, so 1 Jun 2019, a Saturday, becomes Monday 3 Jun).
 */
export function slotsBetween(subscription: SchedulableSubscription, from: Date, to: Date): Slot[] {
  const parsed = parseSchedule(subscription.schedule);
  if (!parsed.ok) return [];
  const slots: Slot[] = [];
  const seen = new Set<string>();
  const offsets = new OffsetCache(subscription.timezone);
  for (let ms = floorToMinute(from) + MS_PER_MINUTE; ms <= to.getTime(); ms += MS_PER_MINUTE) {
    const instant = new Date(ms);
    const t = offsets.localTimeOf(ms);
    if (!matches(parsed.fields, t)) continue;
    const localDate = calendarDate(t.year, t.month, t.day);
    if (subscription.kind === "NUDGES" && !isWorkingDay(localDate)) continue;
    if (subscription.kind === "REPORT" && !isFirstWorkingDayOfMonth(localDate)) continue;
    const key = `${slotKeyPrefix(subscription.kind, subscription.channelId)}${toIsoDate(localDate)} ${pad(t.hour)}:${pad(t.minute)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    slots.push({
      key,
      job: jobNameOf(subscription.kind),
      subscriptionId: subscription.id,
      channelId: subscription.channelId,
      kind: subscription.kind,
      scheduledFor: instant,
      localDate,
    });
  }
  return slots;
}

function isFirstWorkingDayOfMonth(date: Date): boolean {
  return firstWorkingDayOfMonth(date.getUTCFullYear(), date.getUTCMonth() + 1).getTime() === date.getTime();
}

/**
 * Whether a slot that was not run on time should still be posted at `now`: yes on the same
 * local day (a restart at 11:00 posts the 09:00 digest, late, once), or within a short grace
 * around midnight; older ones are recorded as skipped.
 */
export function isStillWorthRunning(slot: Slot, now: Date, timezone: string): boolean {
  if (now.getTime() - slot.scheduledFor.getTime() <= LATE_GRACE_MS) return true;
  return calendarDaysBetween(slot.localDate, localDateOf(now, timezone)) === 0;
}

export interface TickPlan {
  /** Slots to run now (on time or late the same day). */
  due: Slot[];
  /** Slots missed on an earlier day: recorded as skipped, never posted. */
  missed: Slot[];
}

/**
 * What a tick at `now` should do: every slot after each subscription's last recorded slot (or
 * its creation, or `lookbackMs` ago, whichever is latest) and up to `now`.
 */
export function planTick(args: {
  subscriptions: readonly SchedulableSubscription[];
  /** The latest slot already recorded per subscription id (from job_run). */
  lastRecorded: ReadonlyMap<number, Date>;
  now: Date;
  lookbackMs: number;
}): TickPlan {
  const plan: TickPlan = { due: [], missed: [] };
  const earliest = args.now.getTime() - args.lookbackMs;
  for (const subscription of args.subscriptions) {
    const from = Math.max(earliest, subscription.createdAt.getTime(), args.lastRecorded.get(subscription.id)?.getTime() ?? -Infinity);
    for (const slot of slotsBetween(subscription, new Date(from), args.now)) {
      (isStillWorthRunning(slot, args.now, subscription.timezone) ? plan.due : plan.missed).push(slot);
    }
  }
  return plan;
}

/** The next slot after `after`, looking up to `withinDays` ahead (a monthly one: 40); null when there is none. */
export function nextSlotAfter(subscription: SchedulableSubscription, after: Date, withinDays = subscription.kind === "REPORT" ? 40 : 15): Slot | null {
  const parsed = parseSchedule(subscription.schedule);
  if (!parsed.ok) return null;
  // Day by day, so a weekly schedule costs 15 small scans rather than 20,000 minutes at once.
  let from = after;
  for (let day = 0; day < withinDays; day++) {
    const to = new Date(from.getTime() + 1440 * MS_PER_MINUTE);
    const [first] = slotsBetween(subscription, from, to);
    if (first) return first;
    from = to;
  }
  return null;
}

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "every Monday at 09:00", "every working day at 09:00", or the expression itself. */
export function describeSchedule(kind: JobKind, expression: string): string {
  if (kind === "REPORT") {
    const monthly = /^(\d{1,2}) (\d{1,2}) 1-7 \* \*$/.exec(expression.trim());
    if (monthly) return `on the first working day of each month at ${pad(Number(monthly[2]))}:${pad(Number(monthly[1]))}`;
  }
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\S+)$/.exec(expression.trim());
  if (match) {
    const time = `${pad(Number(match[2]))}:${pad(Number(match[1]))}`;
    const days = match[3];
    if (/^[0-7]$/.test(days)) return `every ${WEEKDAY_NAMES[Number(days) % 7]} at ${time}`;
    if (days === "1-5") return kind === "NUDGES" ? `every working day at ${time}` : `every weekday at ${time}`;
    if (days === "*") return kind === "NUDGES" ? `every working day at ${time}` : `every day at ${time}`;
  }
  return `on the schedule \`${expression}\``;
}

/** "Mon 7 Oct 2019 at 09:00", in the subscription's time zone. */
export function describeInstant(instant: Date, timezone: string): string {
  const t = localTimeOf(instant, timezone);
  const date = calendarDate(t.year, t.month, t.day);
  return `${WEEKDAY_NAMES[t.weekday].slice(0, 3)} ${formatReportDate(date)} at ${pad(t.hour)}:${pad(t.minute)}`;
}

/** The local date and time a run key names ("digest:C1:2019-10-07 09:00" → "Mon 7 Oct 2019 at 09:00"). */
export function describeSlotKey(key: string): string | null {
  const match = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(key);
  if (!match) return null;
  const date = parseIsoDate(match[1]);
  return `${WEEKDAY_NAMES[date.getUTCDay()].slice(0, 3)} ${formatReportDate(date)} at ${match[2]}`;
}
