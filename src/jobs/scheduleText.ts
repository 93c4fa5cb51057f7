import type { JobKind } from "./schedule.ts";
import { parseSchedule } from "./schedule.ts";

// What an administrator types after /mod subscribe ("monday 9am", "fri 14:30", "08:45") as the
// node-cron expression stored on the subscription. Nudges always run on working days and the
// monthly report on the first working day of the month, so for them only a time of day means
// anything. The report's expression names the first week of the month; the scheduler picks its
// first working day (schedule.ts).

export const DEFAULT_SCHEDULES: Record<JobKind, string> = {
  DIGEST: "0 9 * * 1",
  NUDGES: "0 9 * * 1-5",
  REPORT: "0 9 1-7 * *",
};

export type ScheduleText =
  /** `dayGiven`: a day was typed, which means nothing to nudges (they run every working day). */
  | { ok: true; digest: string; nudges: string; report: string; dayGiven: boolean }
  | { ok: false; message: string };

// A Map: a typed word must never find Object.prototype members ("constructor", "__proto__").
const DAYS = new Map<string, string>(Object.entries({
  sun: "0", sunday: "0",
  mon: "1", monday: "1",
  tue: "2", tues: "2", tuesday: "2",
  wed: "3", weds: "3", wednesday: "3",
  thu: "4", thur: "4", thurs: "4", thursday: "4",
  fri: "5", friday: "5",
  sat: "6", saturday: "6",
  daily: "*", day: "*", days: "*",
  weekday: "1-5", weekdays: "1-5",
} satisfies Record<string, string>));

const EXAMPLES = `Try "monday 09:00", "fri 2pm" or "08:30".`;

/** A cron expression typed as is ("0 9 * * 1"), for schedules the words cannot say. */
function looksLikeCron(text: string): boolean {
  return /^\S+( \S+){4,5}$/.test(text) && /^[\d*,/\-LW# A-Za-z?]+$/.test(text) && /[*\d]/.test(text.split(" ")[0]);
}

function parseTime(text: string): { hour: number; minute: number } | null {
  if (text === "noon" || text === "midday") return { hour: 12, minute: 0 };
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$/.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  if (match[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[3] === "pm" ? 12 : 0);
  } else if (!match[2] && text.length > 2) {
    return null;
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The digest's and the nudges' schedules for the words after the kind; defaults fill the gaps. */
export function schedulesFromText(raw: string): ScheduleText {
  const text = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (!text) return { ok: true, digest: DEFAULT_SCHEDULES.DIGEST, nudges: DEFAULT_SCHEDULES.NUDGES, report: DEFAULT_SCHEDULES.REPORT, dayGiven: false };
  if (looksLikeCron(text)) {
    const parsed = parseSchedule(text);
    if (!parsed.ok) return { ok: false, message: `"${raw.trim()}" isn't a schedule I can use (${parsed.message}). ${EXAMPLES}` };
    return { ok: true, digest: text, nudges: text, report: text, dayGiven: true };
  }
  const tokens = text
    .replace(/(\d)\s+(am|pm)\b/g, "$1$2")
    .split(/[\s,]+/)
    .filter((token) => !["at", "on", "every", "each", "the", "in", "working"].includes(token));
  let day: string | undefined;
  let time: { hour: number; minute: number } | undefined;
  for (const token of tokens) {
    const dayValue = DAYS.get(token) ?? DAYS.get(token.replace(/s$/, ""));
    if (dayValue !== undefined && day === undefined) {
      day = dayValue;
      continue;
    }
    const parsedTime = time === undefined ? parseTime(token) : null;
    if (parsedTime) {
      time = parsedTime;
      continue;
    }
    return { ok: false, message: `I couldn't read "${token}" as a day or a time. ${EXAMPLES}` };
  }
  const hour = time?.hour ?? 9;
  const minute = time?.minute ?? 0;
  return {
    ok: true,
    digest: `${minute} ${hour} * * ${day ?? "1"}`,
    nudges: `${minute} ${hour} * * 1-5`,
    report: `${minute} ${hour} 1-7 * *`,
    dayGiven: day !== undefined && day !== "1-5",
  };
}
