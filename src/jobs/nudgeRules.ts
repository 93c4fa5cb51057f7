import { compareDates, toIsoDate } from "../domain/calendarDate.ts";
import { assessmentVerdict, isLateInProgress, type AssessmentStatusValue, type AssessmentVerdict } from "../domain/assessmentTiming.ts";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../domain/workingDays.ts";

// Which late-assessment nudges are due today, decided once for every channel. Each assessment is
// nudged at most once per threshold, on a working day:
// - "late": the first working day it is late by the verdict (assessmentTiming.ts), which is
//   the day after its target duration ran out (the SECAS reading);
// - "past-agreed": the first working day after DCC's revised date, when DCC agreed a later one
//   (a second reading, so a second nudge); if both pass at once, one nudge says both;
// - "due-in-N": N working days before the original target date, when configured;
// - "reminder-DATE": once more when a snooze ends, if it is still late.

export interface NudgeAssessment {
  id: number;
  type: "PA" | "IA";
  status: AssessmentStatusValue;
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
  snoozedUntil: Date | null;
  contact: string | null;
  modification: { reference: string; title: string };
}

export type NudgeKind = "late" | "past-agreed" | "warning" | "reminder";

export interface Nudge {
  assessment: NudgeAssessment;
  kind: NudgeKind;
  /** Stored in nudge_sent: once per assessment, threshold and channel. */
  threshold: string;
  /** Thresholds this nudge also covers (both readings passed at once), claimed with it. */
  alsoCovers: string[];
  /** Is it late, and how: the words every surface uses. */
  verdict: AssessmentVerdict;
  /** Working days after today up to the original target: 0 on the target day (warnings only). */
  workingDaysLeft: number;
}

export const SNOOZE_WORKING_DAYS = 3;
export const LATE = "late";
export const PAST_AGREED_DATE = "past-agreed";

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
    const verdict = assessmentVerdict(a, today);
    if (verdict.state !== "in-progress") continue;
    if (a.snoozedUntil && compareDates(today, a.snoozedUntil) < 0) continue;
    const base = { assessment: a, verdict, workingDaysLeft: 0 };
    if (isLateInProgress(verdict)) {
      const pastRevised = verdict.revisedTargetDate !== null && verdict.workingDaysPastAgreedDate > 0;
      if (!sent(a, LATE)) {
        // A snooze pressed before it was late ends in the first "late" nudge, not a reminder.
        nudges.push({ ...base, kind: "late", threshold: LATE, alsoCovers: pastRevised ? [PAST_AGREED_DATE] : [] });
      } else if (pastRevised && !sent(a, PAST_AGREED_DATE)) {
        nudges.push({ ...base, kind: "past-agreed", threshold: PAST_AGREED_DATE, alsoCovers: [] });
      } else if (a.snoozedUntil && !sent(a, `reminder-${toIsoDate(a.snoozedUntil)}`)) {
        nudges.push({ ...base, kind: "reminder", threshold: `reminder-${toIsoDate(a.snoozedUntil)}`, alsoCovers: [] });
      }
      continue;
    }
    const target = verdict.originalTargetDate;
    if (!target) continue;
    const left = workingDaysBetween(today, target) - 1;
    const reached = warnings.find((n) => left <= n);
    if (reached !== undefined && !sent(a, `due-in-${reached}`)) {
      nudges.push({ ...base, kind: "warning", threshold: `due-in-${reached}`, alsoCovers: [], workingDaysLeft: left });
    }
  }
  return nudges.sort(
    (x, y) =>
      y.verdict.workingDaysOverTarget - x.verdict.workingDaysOverTarget ||
      x.assessment.modification.reference.localeCompare(y.assessment.modification.reference),
  );
}
