import { assessmentVerdict, type AssessmentStatusValue } from "./assessmentTiming.ts";
import { addCalendarDays, calendarDate, compareDates } from "./calendarDate.ts";
import { isPreDecision, lifecycleEvents, type ModificationPath, type ModificationStatus } from "./lifecycle.ts";
import { isInRegulatoryYear, regulatoryYearOf, type RegulatoryYear } from "./regulatoryYear.ts";
import { firstWorkingDayOnOrAfter, workingDaysBetween } from "./workingDays.ts";

// The Change Status Report's figures, as pure functions of dated rows.
//
// The "as at" convention that reproduces the October 2019 report: its timescales are "correct
// as at the end of September 2019", and its durations (SECMP0024 89 WD, SECMP0007 45,
// SECMP0056 65, SECMP0066 78) are the working days from acceptance (day 1) through 1 October,
// the first working day after the month ended. So the figures are taken at the start of that
// day (the "counting day"): anything dated before it has happened, anything dated on or after
// it has not (SECMP0066's PA, delivered on 1 October, is still open), and an open assessment's
// current duration includes the counting day itself.

export interface FiguresDate {
  /** The last day of the month before the report date: "the end of September 2019". */
  periodEnd: Date;
  /** The first working day after periodEnd; events dated on or after it have not happened yet. */
  countedThrough: Date;
  /** The regulatory year that periodEnd falls in ("completed during 2019/20"). */
  regulatoryYear: RegulatoryYear;
}

/** When a report dated `reportDate` takes its timescales: the end of the previous month. */
export function figuresDateOf(reportDate: Date): FiguresDate {
  const periodEnd = addCalendarDays(calendarDate(reportDate.getUTCFullYear(), reportDate.getUTCMonth() + 1, 1), -1);
  return figuresDateAtEndOf(periodEnd);
}

/** Figures "as at the end of" any day: counted on the first working day after it. */
export function figuresDateAtEndOf(periodEnd: Date): FiguresDate {
  return {
    periodEnd,
    countedThrough: firstWorkingDayOnOrAfter(addCalendarDays(periodEnd, 1)),
    regulatoryYear: regulatoryYearOf(periodEnd),
  };
}

/**
 * What "this month" and "the last month" mean in a report dated `reportDate`: from the day
 * after the same date a month earlier, through the report date (5 Sep – 4 Oct 2019). A report
 * dated 31 March looks back to 1 March, never into February's missing 29th–31st.
 */
export function reportingWindowOf(reportDate: Date): { from: Date; to: Date } {
  const year = reportDate.getUTCFullYear();
  const month = reportDate.getUTCMonth() + 1;
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonth = month === 1 ? 12 : month - 1;
  const lastDayOfPrevious = addCalendarDays(calendarDate(year, month, 1), -1).getUTCDate();
  const sameDay = calendarDate(previousYear, previousMonth, Math.min(reportDate.getUTCDate(), lastDayOfPrevious));
  return { from: addCalendarDays(sameDay, 1), to: reportDate };
}

export function isWithin(date: Date | null | undefined, window: { from: Date; to: Date }): date is Date {
  return !!date && compareDates(date, window.from) >= 0 && compareDates(date, window.to) <= 0;
}

/** Before the counting day: has happened by the time the figures are taken. */
export function happenedBefore(date: Date | null | undefined, countingDay: Date): date is Date {
  return !!date && compareDates(date, countingDay) < 0;
}

/** The seed's averages are whole working days, halves rounded up (83.5 → 84). */
export function averageWholeDays(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

// ---------------------------------------------------------------------------------------------
// Modifications

export interface StatusHistory {
  status: ModificationStatus;
  raisedOn: Date | null;
  concludedOn: Date | null;
  path: ModificationPath | null;
  /** Oldest first. */
  transitions: readonly { fromStatus: ModificationStatus | null; toStatus: ModificationStatus; event: string; occurredOn: Date }[];
}

/**
 * The status a modification had at the end of `date`, or null when it had not been raised yet.
 * From the recorded transitions when they reach back that far; before the first one, the
 * status it left (its `fromStatus`, or the lifecycle step its event names). A modification with
 * no history keeps its current status, except that one concluded after `date` was then still
 * at the step before its conclusion.
 */
export function statusAt(history: StatusHistory, date: Date): ModificationStatus | null {
  if (history.raisedOn && compareDates(history.raisedOn, date) > 0) return null;
  let latest: ModificationStatus | null = null;
  for (const transition of history.transitions) {
    if (compareDates(transition.occurredOn, date) <= 0) latest = transition.toStatus;
  }
  if (latest) return latest;
  const first = history.transitions[0];
  if (first) {
    if (first.fromStatus) return first.fromStatus;
    if (first.toStatus === "DRAFT_RAISED") return null;
    const event =
      lifecycleEvents.find((e) => e.label === first.event && e.to === first.toStatus) ?? lifecycleEvents.find((e) => e.to === first.toStatus);
    return event ? event.from[0] : first.toStatus;
  }
  if (history.concludedOn && compareDates(history.concludedOn, date) > 0) return statusBeforeConclusion(history);
  return history.status;
}

function statusBeforeConclusion(history: StatusHistory): ModificationStatus {
  switch (history.status) {
    case "IMPLEMENTED":
      return "APPROVED";
    case "WITHDRAWN":
      return "IN_REFINEMENT";
    default:
      // Where the decision came from: the Authority on paths 1 and 2 and Urgent, the Panel on the fast track.
      if (history.path === "FAST_TRACK") return "DRAFT_RAISED";
      return history.path === "AUTHORITY_DETERMINED" || history.path === "AUTHORITY_LED" || history.path === "URGENT" ? "AWAITING_AUTHORITY" : "AWAITING_CHANGE_BOARD";
  }
}

// ---------------------------------------------------------------------------------------------
// DCC assessments

export interface DatedAssessment {
  type: "PA" | "IA";
  status: AssessmentStatusValue;
  acceptedOn: Date | null;
  deliveredOn: Date | null;
  targetDurationWd?: number | null;
  targetDate?: Date | null;
}

export type AssessmentState = "not-accepted" | "open" | "delivered" | "on-hold" | "cancelled";

const reportStates = {
  "awaiting-acceptance": "not-accepted",
  "in-progress": "open",
  delivered: "delivered",
  "on-hold": "on-hold",
  cancelled: "cancelled",
} as const;

/**
 * Where an assessment stood when the figures were taken at the start of `countingDay`: the
 * verdict every surface uses (assessmentTiming.ts), in the report's words. Delivered without a
 * recorded date is done, though no year can claim it; on hold, the clock is stopped, so it is
 * neither open nor late.
 */
export function assessmentStateAt(a: DatedAssessment, countingDay: Date): AssessmentState {
  return reportStates[assessmentVerdict(a, countingDay, { moment: "start-of-day" }).state];
}

/** Working days so far, the accepted day and the counting day both included. */
export function openDurationWd(a: DatedAssessment, countingDay: Date): number | null {
  return a.acceptedOn ? workingDaysBetween(a.acceptedOn, countingDay) : null;
}

/** Working days from acceptance to delivery, both included. */
export function completedDurationWd(a: DatedAssessment): number | null {
  return a.acceptedOn && a.deliveredOn ? workingDaysBetween(a.acceptedOn, a.deliveredOn) : null;
}

/** Delivered before the counting day, within the regulatory year. */
export function completedInYear(a: DatedAssessment, figures: FiguresDate): boolean {
  return (
    a.status !== "CANCELLED" &&
    happenedBefore(a.deliveredOn, figures.countedThrough) &&
    isInRegulatoryYear(a.deliveredOn, figures.regulatoryYear)
  );
}

export interface Timescale {
  total: number;
  /**
   * Rounded to whole working days; null unless every row has the dates it needs: an average of
   * the few that do would read as the figure for all of them.
   */
  averageWd: number | null;
  /** How many of `total` had the dates the average needs. */
  measured: number;
}

export function timescaleOf(durations: readonly (number | null)[]): Timescale {
  const known = durations.filter((d): d is number => d !== null);
  return { total: durations.length, averageWd: known.length === durations.length ? averageWholeDays(known) : null, measured: known.length };
}

export interface AssessmentTimescales {
  paOpen: Timescale;
  paCompleted: Timescale;
  iaOpen: Timescale;
  iaCompleted: Timescale;
}

/** The report's "DCC Assessment timescales" table. */
export function assessmentTimescales(assessments: readonly DatedAssessment[], figures: FiguresDate): AssessmentTimescales {
  const day = figures.countedThrough;
  const open = (type: "PA" | "IA") =>
    timescaleOf(assessments.filter((a) => a.type === type && assessmentStateAt(a, day) === "open").map((a) => openDurationWd(a, day)));
  const completed = (type: "PA" | "IA") =>
    timescaleOf(assessments.filter((a) => a.type === type && completedInYear(a, figures)).map(completedDurationWd));
  return { paOpen: open("PA"), paCompleted: completed("PA"), iaOpen: open("IA"), iaCompleted: completed("IA") };
}

// ---------------------------------------------------------------------------------------------
// Proposal progression

export interface DatedProposal extends StatusHistory {}

export interface ProposalTimescales {
  /** Raised and not yet decided when the figures were taken; durations run to the counting day. */
  open: Timescale;
  /** Concluded (decided, withdrawn) within the regulatory year; durations run to the conclusion. */
  concluded: Timescale;
}

export function proposalTimescales(proposals: readonly DatedProposal[], figures: FiguresDate): ProposalTimescales {
  const day = figures.countedThrough;
  const dayBefore = addCalendarDays(day, -1);
  const open: (number | null)[] = [];
  const concluded: (number | null)[] = [];
  for (const proposal of proposals) {
    if (happenedBefore(proposal.concludedOn, day)) {
      if (isInRegulatoryYear(proposal.concludedOn, figures.regulatoryYear)) {
        concluded.push(proposal.raisedOn ? workingDaysBetween(proposal.raisedOn, proposal.concludedOn) : null);
      }
      continue;
    }
    const status = statusAt(proposal, dayBefore);
    if (status && isPreDecision(status)) open.push(proposal.raisedOn ? workingDaysBetween(proposal.raisedOn, day) : null);
  }
  return { open: timescaleOf(open), concluded: timescaleOf(concluded) };
}
