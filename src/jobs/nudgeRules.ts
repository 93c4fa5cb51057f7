import { compareDates, toIsoDate } from "../domain/calendarDate.ts";
import { currentDurationWd, isLate, targetDateOf, workingDaysOverTarget } from "../domain/assessmentTiming.ts";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../domain/workingDays.ts";

// Which late-assessment nudges are due today. Each assessment is nudged once per threshold:
// "late" the first working day after its target, "due-in-N" N working days before it (when
// configured), and once more when a snooze ends if it is still undelivered.

export interface NudgeAssessment {
  id: number;
  type: "PA" | "IA";
  status: string;
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
  snoozedUntil: Date | null;
  contact: string | null;
  modification: { reference: string; title: string };
}

export type NudgeKind = "late" | "warning" | "reminder";

export interface Nudge {
  assessment: NudgeAssessment;
  kind: NudgeKind;
  /** Stored in nudge_sent: once per assessment, threshold and channel. */
  threshold: string;
  target: Date;
  /** Working day number today, counting acceptance as day 1. */
  workingDay: number;
  workingDaysOver: number;
  /** Working days after today up to the target: 0 on the target day (warnings only). */
  workingDaysLeft: number;
}

export const SNOOZE_WORKING_DAYS = 3;

/** The day a snooze pressed on `today` ends: the reminder comes that morning. */
export function snoozeEndsOn(today: Date): Date {
  return addWorkingDays(today, SNOOZE_WORKING_DAYS);
}

export function nudgesDue(
  assessments: readonly NudgeAssessment[],
  today: Date,
  options: { warnWorkingDaysBefore: readonly number[]; alreadySent: ReadonlySet<string> },
): Nudge[] {
  if (!isWorkingDay(today)) return [];
  const sent = (a: NudgeAssessment, threshold: string) => options.alreadySent.has(`${a.id}:${threshold}`);
  const warnings = [...new Set(options.warnWorkingDaysBefore)].filter((n) => n > 0).sort((x, y) => x - y);
  const nudges: Nudge[] = [];
  for (const a of assessments) {
    if (a.status !== "IN_PROGRESS" || !a.acceptedOn) continue;
    if (a.deliveredOn && compareDates(a.deliveredOn, today) <= 0) continue;
    const target = targetDateOf(a);
    if (!target) continue;
    if (a.snoozedUntil && compareDates(today, a.snoozedUntil) < 0) continue;
    const base = { assessment: a, target, workingDay: currentDurationWd(a, today) };
    if (isLate(a, today)) {
      const over = workingDaysOverTarget(a, today);
      const threshold = a.snoozedUntil ? `reminder-${toIsoDate(a.snoozedUntil)}` : "late";
      const kind: NudgeKind = a.snoozedUntil ? "reminder" : "late";
      // A snooze pressed before the target passed ends in the first "late" nudge, not a reminder.
      const effective = kind === "reminder" && !sent(a, "late") ? { threshold: "late", kind: "late" as const } : { threshold, kind };
      if (!sent(a, effective.threshold)) nudges.push({ ...base, ...effective, workingDaysOver: over, workingDaysLeft: 0 });
      continue;
    }
    const left = workingDaysBetween(today, target) - 1;
    const reached = warnings.find((n) => left <= n);
    if (reached !== undefined && !sent(a, `due-in-${reached}`)) {
      nudges.push({ ...base, kind: "warning", threshold: `due-in-${reached}`, workingDaysOver: 0, workingDaysLeft: left });
    }
  }
  return nudges.sort((x, y) => y.workingDaysOver - x.workingDaysOver || x.assessment.modification.reference.localeCompare(y.assessment.modification.reference));
}
