import { assessmentDateProblems } from "./assessmentDates.ts";
import { compareDates, formatReportDate } from "./calendarDate.ts";
import { nthWorkingDay } from "./workingDays.ts";

// What a person logs about a DCC assessment, and the checks it must pass before it is saved.

export type AssessmentType = "PA" | "IA";
export type AssessmentStatus = "REQUESTED" | "IN_PROGRESS" | "DELIVERED" | "ON_HOLD" | "CANCELLED";

export const assessmentStatusLabels: Record<AssessmentStatus, string> = {
  REQUESTED: "Requested (awaiting DCC acceptance)",
  IN_PROGRESS: "In progress",
  DELIVERED: "Delivered",
  ON_HOLD: "On hold",
  CANCELLED: "Cancelled",
};

export interface AssessmentEntry {
  type: AssessmentType;
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDurationWd: number;
  deliveredOn: Date | null;
  status: AssessmentStatus;
  note: string | null;
}

export type EntryField = "requestReceivedOn" | "acceptedOn" | "targetDurationWd" | "deliveredOn" | "status";

/** PA usually 15 working days, IA 40 (DOMAIN.md, Appendix A). */
export function defaultTargetDurationWd(type: AssessmentType): number {
  return type === "PA" ? 15 : 40;
}

/** The target date: the accepted day is day 1 (a PA accepted 30 Sep 2019 with 15 WD is due 18 Oct 2019). */
export function targetDateFor(acceptedOn: Date | null, durationWd: number | null): Date | null {
  return acceptedOn && durationWd ? nthWorkingDay(acceptedOn, durationWd) : null;
}

/** Every reason the entry can't be saved, on the field it is about. */
export function assessmentEntryProblems(
  entry: AssessmentEntry,
  context: { today: Date; raisedOn: Date | null; reference: string },
): { field: EntryField; message: string }[] {
  const problems: { field: EntryField; message: string }[] = [];
  const future = (field: EntryField, date: Date | null, what: string) => {
    if (date && compareDates(date, context.today) > 0) {
      problems.push({ field, message: `${formatReportDate(date)} is in the future; ${what} can only be logged once it has happened.` });
    }
  };
  future("requestReceivedOn", entry.requestReceivedOn, "a request");
  future("acceptedOn", entry.acceptedOn, "an acceptance");
  future("deliveredOn", entry.deliveredOn, "a delivery");
  const first = entry.requestReceivedOn ? "requestReceivedOn" : "acceptedOn";
  const firstDate = entry.requestReceivedOn ?? entry.acceptedOn;
  if (context.raisedOn && firstDate && compareDates(firstDate, context.raisedOn) < 0) {
    problems.push({ field: first, message: `${context.reference} was raised on ${formatReportDate(context.raisedOn)}; the assessment can't start before that.` });
  }
  for (const problem of assessmentDateProblems(entry)) {
    if (problem.field !== "targetDate") problems.push({ field: problem.field, message: problem.message });
  }
  if (!Number.isInteger(entry.targetDurationWd) || entry.targetDurationWd < 1 || entry.targetDurationWd > 500) {
    problems.push({ field: "targetDurationWd", message: "The target duration is a whole number of working days, from 1 to 500." });
  }
  if (entry.status === "DELIVERED" && !entry.deliveredOn) {
    problems.push({ field: "deliveredOn", message: "Delivered on which date? Give the date, or choose another status." });
  }
  if (entry.deliveredOn && entry.status !== "DELIVERED") {
    problems.push({ field: "status", message: "There is a delivery date: choose Delivered, or clear the date." });
  }
  if (entry.status === "IN_PROGRESS" && !entry.acceptedOn) {
    problems.push({ field: "acceptedOn", message: "In progress since when? Give the date the DCC accepted the request." });
  }
  return dedupeByField(problems);
}

function dedupeByField<T extends { field: string }>(problems: T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}
