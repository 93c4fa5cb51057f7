import { formatReportDate } from "./calendarDate.ts";

// The rules an assessment's dates and status must keep, shared by the DCC form and the CSV
// import so both accept and refuse the same entries: the dates come in order (requested,
// accepted, delivered), and the status follows the dates.

export type AssessmentStatus = "REQUESTED" | "IN_PROGRESS" | "DELIVERED" | "ON_HOLD" | "CANCELLED";

/** What a person chose for the status: one of the statuses, or "follow the dates". */
export const STATUS_FROM_DATES = "FROM_DATES";
export type AssessmentStatusChoice = AssessmentStatus | typeof STATUS_FROM_DATES;

export interface AssessmentDates {
  requestReceivedOn?: Date | null;
  acceptedOn?: Date | null;
  deliveredOn?: Date | null;
  targetDate?: Date | null;
}

export type AssessmentDateField = keyof AssessmentDates;

/** Each impossible ordering, on the later field, in words a user can act on. */
export function assessmentDateProblems(dates: AssessmentDates): { field: AssessmentDateField; message: string }[] {
  const problems: { field: AssessmentDateField; message: string }[] = [];
  const { requestReceivedOn, acceptedOn, deliveredOn, targetDate } = dates;
  if (requestReceivedOn && acceptedOn && acceptedOn < requestReceivedOn) {
    problems.push({ field: "acceptedOn", message: "The request can't be accepted before it was received." });
  }
  if (acceptedOn && deliveredOn && deliveredOn < acceptedOn) {
    problems.push({ field: "deliveredOn", message: "The assessment can't be delivered before the request was accepted." });
  }
  if (!acceptedOn && deliveredOn && requestReceivedOn && deliveredOn < requestReceivedOn) {
    problems.push({ field: "deliveredOn", message: "The assessment can't be delivered before it was requested." });
  }
  if (acceptedOn && targetDate && targetDate < acceptedOn) {
    problems.push({ field: "targetDate", message: "The target date can't be before the request was accepted." });
  }
  return problems;
}

/** The status the dates give: delivered once delivered, in progress once accepted, else requested. */
export function statusFromDates(dates: Pick<AssessmentDates, "acceptedOn" | "deliveredOn">): AssessmentStatus {
  return dates.deliveredOn ? "DELIVERED" : dates.acceptedOn ? "IN_PROGRESS" : "REQUESTED";
}

export type StatusAnswer =
  | { ok: true; status: AssessmentStatus }
  | { ok: false; field: "status" | "acceptedOn" | "deliveredOn"; message: string };

/**
 * The status to store. It follows the dates (accepted → in progress, delivered → delivered)
 * unless the assessment is explicitly on hold or cancelled; a chosen status the dates
 * contradict is refused on the field to correct.
 */
export function assessmentStatusFor(dates: Pick<AssessmentDates, "acceptedOn" | "deliveredOn">, chosen: AssessmentStatusChoice | null | undefined): StatusAnswer {
  const fromDates = statusFromDates(dates);
  const { acceptedOn, deliveredOn } = dates;
  switch (chosen ?? STATUS_FROM_DATES) {
    case STATUS_FROM_DATES:
      return { ok: true, status: fromDates };
    case "ON_HOLD":
    case "CANCELLED": {
      if (!deliveredOn) return { ok: true, status: chosen as AssessmentStatus };
      const what = chosen === "ON_HOLD" ? "on hold" : "cancelled";
      return { ok: false, field: "status", message: `It was delivered on ${formatReportDate(deliveredOn)}, so it can't be ${what}: clear the delivered date, or let the status follow the dates.` };
    }
    case "DELIVERED":
      return deliveredOn ? { ok: true, status: "DELIVERED" } : { ok: false, field: "deliveredOn", message: "Delivered on which date? Give the date, or choose another status." };
    case "IN_PROGRESS":
      if (!acceptedOn) return { ok: false, field: "acceptedOn", message: "In progress since when? Give the date the DCC accepted the request." };
      return deliveredOn
        ? { ok: false, field: "status", message: `It was delivered on ${formatReportDate(deliveredOn)}: choose Delivered (or follow the dates), or clear the delivered date.` }
        : { ok: true, status: "IN_PROGRESS" };
    case "REQUESTED":
      if (deliveredOn) return { ok: false, field: "status", message: `It was delivered on ${formatReportDate(deliveredOn)}: choose Delivered (or follow the dates), or clear the delivered date.` };
      return acceptedOn
        ? { ok: false, field: "status", message: `The DCC accepted it on ${formatReportDate(acceptedOn)}, so it is in progress: choose In progress (or follow the dates), or clear the accepted date.` }
        : { ok: true, status: "REQUESTED" };
  }
  return { ok: true, status: fromDates };
}
