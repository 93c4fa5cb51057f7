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
  /** Who late nudges mention: a Slack user (U…/W…) or user group (S…) id; null for the default. */
  contact: string | null;
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

const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? compareDates(a, b) === 0 : !a && !b);

/**
 * The target to store: computed from the accepted date and the duration, except that a target
 * already stored (a revised one, as the report's Appendix A has) stands while neither changes,
 * so correcting a note or adding a contact never quietly moves a target.
 */
export function targetDateToStore(
  entry: { acceptedOn: Date | null; targetDurationWd: number | null },
  stored: { acceptedOn: Date | null; targetDurationWd: number | null; targetDate: Date | null } | null,
): Date | null {
  if (stored?.targetDate && sameDay(stored.acceptedOn, entry.acceptedOn) && stored.targetDurationWd === entry.targetDurationWd) return stored.targetDate;
  return targetDateFor(entry.acceptedOn, entry.targetDurationWd);
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

/** A delivered or cancelled assessment is finished; the Working Group may then request a new one. */
export function isClosedAssessment(status: AssessmentStatus): boolean {
  return status === "DELIVERED" || status === "CANCELLED";
}

/** "PA" for the first request, "PA 2" for the next (after a send-back, say). */
export function assessmentLabel(type: AssessmentType, sequence: number): string {
  return sequence > 1 ? `${type} ${sequence}` : type;
}

export type ContactAnswer = { ok: true; contact: string | null } | { ok: false; field: "user" | "group"; message: string };

/**
 * The contact from the modal's two fields: a person picked from Slack's user picker, or a user
 * group's id typed or pasted (modals have no user-group picker). A pasted mention
 * (<!subteam^S0123ABCD|@dcc>) is read as its id.
 */
export function readContact(user: string | null | undefined, group: string | null | undefined): ContactAnswer {
  const typed = group?.trim() ?? "";
  if (user && typed) return { ok: false, field: "group", message: "Give a person or a user group, not both: clear one of them." };
  if (user) return { ok: true, contact: user };
  if (!typed) return { ok: true, contact: null };
  const id = typed.replace(/^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/i, "$1").toUpperCase();
  if (/^S[A-Z0-9]{6,}$/.test(id)) return { ok: true, contact: id };
  const handle = typed.startsWith("@") ? ` ${typed} is the group's handle;` : "";
  return {
    ok: false,
    field: "group",
    message: `"${typed}" isn't a user group id.${handle} Slack needs the id, like S0123ABCD: open the group in Slack, then ⋯ → Copy group ID.`,
  };
}

const entryLabels: Record<Exclude<keyof AssessmentEntry, "type">, string> = {
  requestReceivedOn: "request received",
  acceptedOn: "accepted",
  targetDurationWd: "target duration",
  deliveredOn: "delivered",
  status: "status",
  note: "note",
  contact: "contact",
};

/**
 * What someone typed that differs from what is saved now, in words, so after a clash they can
 * see exactly what they would have to enter again.
 */
export function entryDifferences(yours: AssessmentEntry, saved: { [K in keyof typeof entryLabels]: AssessmentEntry[K] | null }): { field: string; yours: string; saved: string }[] {
  const show = (key: keyof typeof entryLabels, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "empty";
    if (value instanceof Date) return formatReportDate(value);
    if (key === "status") return assessmentStatusLabels[value as AssessmentStatus];
    if (key === "targetDurationWd") return `${value} WD`;
    if (key === "note") return `"${String(value)}"`;
    return String(value);
  };
  return (Object.keys(entryLabels) as (keyof typeof entryLabels)[])
    .map((key) => ({ field: entryLabels[key], yours: show(key, yours[key]), saved: show(key, saved[key]) }))
    .filter((d) => d.yours !== d.saved);
}
