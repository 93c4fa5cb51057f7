import { addCalendarDays, compareDates, formatReportDate } from "./calendarDate.ts";
import { nthWorkingDay, workingDaysBetween } from "./workingDays.ts";

// Is a DCC assessment late, and how? The one answer every surface gives: the status card,
// `/mod list late`, the digest, the nudges, the report (and whatever is built on them). Call
// `assessmentVerdict` and word it with `verdictHeadline` / `verdictLateness`; nothing else
// decides lateness.
//
// There are two readings, and where they differ every surface says both:
// - *Over target duration*: the working days since acceptance (the accepted day is day 1)
//   beyond the target duration (PA usually 15 WD, IA 40). This is what the SECAS Change Status
//   Report measures ("89 WD against 15 WD"), and what "late" means first of all. Its date is
//   the *original target date*: the target duration's last working day.
// - *Past the agreed date*: DCC may revise the target date (Appendix A's "Target PA Delivery
//   Date" is often a revised one: SECMP0024's 5 Jul 2019 against the 18 Jun its 15 WD give).
//   The stored `targetDate` is the date agreed now; earlier ones are kept as TargetRevision rows.
//
// "As at" a date: by default at the end of that day (what the card, lists and nudges mean by
// today: a delivery logged today has happened). The report takes its figures at the start of its
// counting day instead (`moment: "start-of-day"`): events dated that day have not happened yet,
// though the day itself is counted in the current duration, which reproduces the seed's figures.

export type AssessmentStatusValue = "REQUESTED" | "IN_PROGRESS" | "DELIVERED" | "ON_HOLD" | "CANCELLED";

export interface TimedAssessment {
  /** Only ON_HOLD, CANCELLED and a DELIVERED without a date count; otherwise the dates decide. */
  status?: AssessmentStatusValue | null;
  acceptedOn?: Date | null;
  targetDurationWd?: number | null;
  /** DCC's agreed target date: the original unless DCC revised it; null when not recorded. */
  targetDate?: Date | null;
  deliveredOn?: Date | null;
}

/** What every surface shows of one assessment (card, DCC form, Home): its dates, status and DCC's note. */
export interface ShownAssessment {
  type: "PA" | "IA";
  status: AssessmentStatusValue;
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
  note: string | null;
}

export type VerdictMoment = "end-of-day" | "start-of-day";

export type AssessmentState = "awaiting-acceptance" | "in-progress" | "delivered" | "on-hold" | "cancelled";

export interface AssessmentVerdict {
  asOf: Date;
  state: AssessmentState;
  /** When it was accepted, if it had been by then. */
  acceptedOn: Date | null;
  /** When it was delivered, if it had been by then. */
  deliveredOn: Date | null;
  targetDurationWd: number | null;
  /** Working days from acceptance (day 1) through delivery or the as-at day; null before acceptance. */
  currentDurationWd: number | null;
  /** The accepted day as working day 1, plus the target duration: what the SECAS report measures against. */
  originalTargetDate: Date | null;
  /** DCC's revised date, when the agreed date is not the original one. */
  revisedTargetDate: Date | null;
  /** The date agreed now: the revised date when there is one, else the original (or DCC's date when only that is known). */
  agreedTargetDate: Date | null;
  /** Working days beyond the target duration (to delivery, or so far); 0 when within it. */
  workingDaysOverTarget: number;
  /** Working days after the agreed date (to delivery, or so far); 0 when not past it. */
  workingDaysPastAgreedDate: number;
  /** Over the target duration or past the agreed date: late while in progress, delivered late once delivered. */
  late: boolean;
}

/** The target duration's last working day, counting the accepted day as day 1. */
export function originalTargetDateOf(a: Pick<TimedAssessment, "acceptedOn" | "targetDurationWd">): Date | null {
  return a.acceptedOn && a.targetDurationWd && a.targetDurationWd > 0 ? nthWorkingDay(a.acceptedOn, a.targetDurationWd) : null;
}

/** The date agreed now: the stored (possibly revised) target, else the original. */
export function agreedTargetDateOf(a: TimedAssessment): Date | null {
  return a.targetDate ?? originalTargetDateOf(a);
}

/** DCC's revised date: the agreed date when it differs from the original one. */
export function revisedTargetDateOf(a: TimedAssessment): Date | null {
  const original = originalTargetDateOf(a);
  return original && a.targetDate && compareDates(original, a.targetDate) !== 0 ? a.targetDate : null;
}

/** Is this assessment late as at `asOf`, and how: the one answer for every surface. */
export function assessmentVerdict(a: TimedAssessment, asOf: Date, options: { moment?: VerdictMoment } = {}): AssessmentVerdict {
  const happened = (date: Date | null | undefined): date is Date =>
    !!date && (options.moment === "start-of-day" ? compareDates(date, asOf) < 0 : compareDates(date, asOf) <= 0);
  const acceptedOn = happened(a.acceptedOn) ? a.acceptedOn : null;
  const deliveredOn = happened(a.deliveredOn) ? a.deliveredOn : null;
  const state: AssessmentState =
    a.status === "CANCELLED"
      ? "cancelled"
      : deliveredOn || (a.status === "DELIVERED" && !a.deliveredOn)
        ? "delivered"
        : a.status === "ON_HOLD"
          ? "on-hold"
          : acceptedOn
            ? "in-progress"
            : "awaiting-acceptance";
  const targetDurationWd = a.targetDurationWd && a.targetDurationWd > 0 ? a.targetDurationWd : null;
  // Computed once: the working-day arithmetic is the cost of a verdict (digests make thousands).
  const originalTargetDate = originalTargetDateOf(a);
  const agreedTargetDate = a.targetDate ?? originalTargetDate;
  const revisedTargetDate = originalTargetDate && a.targetDate && compareDates(originalTargetDate, a.targetDate) !== 0 ? a.targetDate : null;
  // The clock runs while in progress and stops at delivery; on hold, cancelled or not yet accepted, it doesn't count.
  const clockEnd = state === "in-progress" ? asOf : state === "delivered" ? deliveredOn : null;
  const currentDurationWd = acceptedOn && clockEnd ? workingDaysBetween(acceptedOn, clockEnd) : null;
  const workingDaysOverTarget = currentDurationWd !== null && targetDurationWd ? Math.max(0, currentDurationWd - targetDurationWd) : 0;
  const workingDaysPastAgreedDate = clockEnd && agreedTargetDate ? workingDaysBetween(addCalendarDays(agreedTargetDate, 1), clockEnd) : 0;
  return {
    asOf,
    state,
    acceptedOn,
    deliveredOn,
    targetDurationWd,
    currentDurationWd,
    originalTargetDate,
    revisedTargetDate,
    agreedTargetDate,
    workingDaysOverTarget,
    workingDaysPastAgreedDate,
    late: workingDaysOverTarget > 0 || workingDaysPastAgreedDate > 0,
  };
}

/** In progress and late: what `/mod list late`, the digest's late section and the report's late lists show. */
export function isLateInProgress(v: AssessmentVerdict): boolean {
  return v.state === "in-progress" && v.late;
}

const date = formatReportDate;

/** "DCC's revised date 4 Nov 2019", or DCC's date when there is no original to compare it with. */
function agreedDateText(v: AssessmentVerdict): string | null {
  if (v.revisedTargetDate) return `DCC's revised date ${date(v.revisedTargetDate)}`;
  if (!v.originalTargetDate && v.agreedTargetDate) return `DCC's target date ${date(v.agreedTargetDate)}`;
  return null;
}

/**
 * "48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019": the clock against both
 * readings (without the agreed date when the lateness that follows says it).
 */
export function verdictClock(v: AssessmentVerdict, options: { agreedDate?: boolean } = {}): string {
  const parts: string[] = [];
  const duration =
    v.currentDurationWd === null ? null : v.targetDurationWd ? `${v.currentDurationWd} of ${v.targetDurationWd} WD` : `${v.currentDurationWd} WD`;
  const due = v.originalTargetDate ? `due ${date(v.originalTargetDate)}` : null;
  if (duration && due) parts.push(`${duration}, ${due}`);
  else if (duration ?? due) parts.push((duration ?? due)!);
  else if (v.targetDurationWd) parts.push(`target ${v.targetDurationWd} WD`);
  const agreed = options.agreedDate === false ? null : agreedDateText(v);
  if (agreed) parts.push(agreed);
  return parts.length ? parts.join(" · ") : "no target set";
}

/**
 * How late, in words, or null when it isn't: "8 WD over the 40 WD target; DCC's revised date
 * 4 Nov 2019 not yet passed", "74 WD over the 15 WD target and 62 WD past DCC's revised date
 * 5 Jul 2019", "3 WD past DCC's target date 31 Oct 2019".
 */
export function verdictLateness(v: AssessmentVerdict): string | null {
  if (!v.late) return null;
  const over = v.workingDaysOverTarget > 0 ? `${v.workingDaysOverTarget} WD over the ${v.targetDurationWd} WD target` : null;
  const agreed = agreedDateText(v);
  const past = v.workingDaysPastAgreedDate;
  if (over && !agreed) return over;
  if (over && agreed) return past > 0 ? `${over} and ${past} WD past ${agreed}` : `${over}; ${agreed} ${v.state === "delivered" ? "met" : "not yet passed"}`;
  return `${past} WD past ${agreed ?? `the target date ${date(v.agreedTargetDate!)}`}`;
}

/**
 * The whole line, as the status card and the DCC form show it: "IA in progress · accepted 30 Jul
 * 2019 · 48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019".
 */
export function verdictHeadline(label: string, v: AssessmentVerdict, extra: { requestReceivedOn?: Date | null; note?: string | null } = {}): string {
  const note = extra.note ? ` · ${extra.note}` : "";
  switch (v.state) {
    case "awaiting-acceptance":
      return `${label} requested${extra.requestReceivedOn ? ` ${date(extra.requestReceivedOn)}` : ""} · awaiting DCC acceptance`;
    case "in-progress":
      return `${label} in progress · accepted ${date(v.acceptedOn!)} · ${verdictClock(v)}`;
    case "delivered": {
      if (!v.deliveredOn) return `${label} delivered`;
      const lateness = verdictLateness(v);
      const onTarget = v.originalTargetDate || v.agreedTargetDate ? (lateness ? ` — late: ${lateness}` : ` — on target${v.targetDurationWd ? ` (${v.targetDurationWd} WD)` : ""}`) : "";
      const clock = v.currentDurationWd !== null ? ` in ${v.currentDurationWd}${v.targetDurationWd ? ` of ${v.targetDurationWd}` : ""} WD` : "";
      return `${label} delivered ${date(v.deliveredOn)}${clock}${onTarget}`;
    }
    case "on-hold":
      return `${label} on hold${note}`;
    case "cancelled":
      return `${label} cancelled${note}`;
  }
}
