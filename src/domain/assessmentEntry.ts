import { assessmentDateProblems, assessmentStatusFor, STATUS_FROM_DATES, type AssessmentStatus, type AssessmentStatusChoice } from "./assessmentDates.ts";
import { originalTargetDateOf } from "./assessmentTiming.ts";
import { compareDates, formatReportDate } from "./calendarDate.ts";

// What a person logs about a DCC assessment, and the checks it must pass before it is saved.

export type AssessmentType = "PA" | "IA";
export type { AssessmentStatus, AssessmentStatusChoice };

export const assessmentStatusLabels: Record<AssessmentStatus, string> = {
  REQUESTED: "Requested (awaiting DCC acceptance)",
  IN_PROGRESS: "In progress",
  DELIVERED: "Delivered",
  ON_HOLD: "On hold",
  CANCELLED: "Cancelled",
};

/** The status choices a form offers: following the dates first, as it is what is meant nearly always. */
export const statusChoiceLabels: Record<AssessmentStatusChoice, string> = {
  [STATUS_FROM_DATES]: "Follow the dates (requested → in progress → delivered)",
  ...assessmentStatusLabels,
};

/** An entry as saved: its status already follows its dates (see `checkAssessmentEntry`). */
export interface AssessmentEntry {
  type: AssessmentType;
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDurationWd: number;
  /** DCC's revised target date; null when the original one (accepted day + duration) stands. */
  revisedTargetDate: Date | null;
  deliveredOn: Date | null;
  status: AssessmentStatus;
  note: string | null;
  /** Who late nudges mention: a Slack user (U…/W…) or user group (S…) id; null for the default. */
  contact: string | null;
}

/** What a form submits: the status may be "follow the dates". */
export interface AssessmentDraft extends Omit<AssessmentEntry, "status"> {
  status: AssessmentStatusChoice;
}

export type EntryField = "requestReceivedOn" | "acceptedOn" | "targetDurationWd" | "revisedTargetDate" | "deliveredOn" | "status";

/** PA usually 15 working days, IA 40 (DOMAIN.md, Appendix A). */
export function defaultTargetDurationWd(type: AssessmentType): number {
  return type === "PA" ? 15 : 40;
}

/**
 * The agreed target date to store: DCC's revised date when one is given, else the original
 * (the accepted day is day 1: a PA accepted 30 Sep 2019 with 15 WD is due 18 Oct 2019).
 */
export function targetDateToStore(entry: { acceptedOn: Date | null; targetDurationWd: number | null; revisedTargetDate: Date | null }): Date | null {
  return entry.revisedTargetDate ?? originalTargetDateOf(entry);
}

export type EntryCheck = { ok: true; entry: AssessmentEntry } | { ok: false; problems: { field: EntryField; message: string }[] };

/** The entry to save, its status following its dates, or every reason it can't be saved. */
export function checkAssessmentEntry(draft: AssessmentDraft, context: { today: Date; raisedOn: Date | null; reference: string }): EntryCheck {
  const status = assessmentStatusFor(draft, draft.status);
  const problems = assessmentEntryProblems(draft, context);
  if (!status.ok) problems.push({ field: status.field, message: status.message });
  const unique = dedupeByField(problems);
  return unique.length || !status.ok ? { ok: false, problems: unique } : { ok: true, entry: { ...draft, status: status.status } };
}

/** Every reason the entry's dates can't be saved, on the field it is about (the status is `assessmentStatusFor`'s). */
function assessmentEntryProblems(
  entry: AssessmentDraft,
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
  for (const problem of assessmentDateProblems({ ...entry, targetDate: entry.revisedTargetDate })) {
    problems.push({ field: problem.field === "targetDate" ? "revisedTargetDate" : problem.field, message: problem.message });
  }
  if (entry.revisedTargetDate && !entry.acceptedOn) {
    problems.push({ field: "revisedTargetDate", message: "A revised date revises the target counted from the accepted date: give the date the DCC accepted the request." });
  }
  if (!Number.isInteger(entry.targetDurationWd) || entry.targetDurationWd < 1 || entry.targetDurationWd > 500) {
    problems.push({ field: "targetDurationWd", message: "The target duration is a whole number of working days, from 1 to 500." });
  }
  return problems;
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
  revisedTargetDate: "DCC's revised date",
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
