import { addCalendarDays, compareDates } from "./calendarDate.ts";
import { nthWorkingDay, workingDaysBetween } from "./workingDays.ts";

// DCC assessment timescales as Appendix A and the report's tables count them: the day a request
// is accepted is working day 1. Everything is "as at" a date, so a report for 30 Sep 2019 run
// today treats an assessment delivered in October as still open on 30 Sep.

export interface AssessmentTiming {
  acceptedOn?: Date | null;
  targetDurationWd?: number | null;
  /** An explicit (possibly revised) target date; it wins over the one the duration implies. */
  targetDate?: Date | null;
  deliveredOn?: Date | null;
}

function deliveredBy(a: AssessmentTiming, asOf: Date): Date | null {
  return a.deliveredOn && compareDates(a.deliveredOn, asOf) <= 0 ? a.deliveredOn : null;
}

/** The date the assessment is due: the explicit target, else the target duration's last day. */
export function targetDateOf(a: AssessmentTiming): Date | null {
  if (a.targetDate) return a.targetDate;
  if (a.acceptedOn && a.targetDurationWd && a.targetDurationWd > 0) return nthWorkingDay(a.acceptedOn, a.targetDurationWd);
  return null;
}

/**
 * Working days from acceptance to delivery (or to `asOf` while undelivered), both included:
 * "today is working day 78". 0 when the request has not been accepted.
 */
export function currentDurationWd(a: AssessmentTiming, asOf: Date): number {
  if (!a.acceptedOn) return 0;
  return workingDaysBetween(a.acceptedOn, deliveredBy(a, asOf) ?? asOf);
}

/**
 * Working days after the target date up to delivery (or `asOf`): the current duration less the
 * target duration when the target was never revised. 0 when on time or without a target.
 */
export function workingDaysOverTarget(a: AssessmentTiming, asOf: Date): number {
  const target = targetDateOf(a);
  if (!target) return 0;
  return workingDaysBetween(addCalendarDays(target, 1), deliveredBy(a, asOf) ?? asOf);
}

/** Whether, as at `asOf`, the assessment is undelivered and its target date has passed. */
export function isLate(a: AssessmentTiming, asOf: Date): boolean {
  const target = targetDateOf(a);
  return target !== null && deliveredBy(a, asOf) === null && compareDates(asOf, target) > 0;
}

/** Whether the assessment was delivered after its target date. */
export function wasDeliveredLate(a: AssessmentTiming): boolean {
  const target = targetDateOf(a);
  return target !== null && a.deliveredOn != null && compareDates(a.deliveredOn, target) > 0;
}
