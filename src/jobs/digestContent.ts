import type { DigestData, DigestModification } from "../data/digest.ts";
import { compareDates, formatReportDate } from "../domain/calendarDate.ts";
import { assessmentVerdict, isLateInProgress, verdictClock, verdictLateness, type AssessmentVerdict } from "../domain/assessmentTiming.ts";
import { stageOf } from "../domain/lifecycle.ts";
import { pluralise } from "../domain/text.ts";
import { nthWorkingDay } from "../domain/workingDays.ts";
import { actorText, escapeMrkdwn, referenceLink } from "../slack/blocks/mrkdwn.ts";

// What the weekly digest says, as data: three sections of one-line items, each naming the
// modification it is about so the message can offer its status card. Pure, so it can be tested
// against a known data set and benchmarked on thousands of modifications.

export interface DigestLine {
  text: string;
  /** The modification the line is about, when there is one. */
  reference?: string;
  title?: string;
}

export interface DigestSection {
  heading: string;
  /** Said when the section has nothing in it, so an empty week reads as checked, not broken. */
  empty: string;
  lines: DigestLine[];
}

export interface DigestContent {
  title: string;
  context: string;
  /** One sentence for notifications and screen readers. */
  summary: string;
  sections: [changes: DigestSection, due: DigestSection, late: DigestSection];
}

/** How far ahead "due soon" looks: five working days counting today (or the next working day). */
export const DUE_WITHIN_WORKING_DAYS = 5;

export function digestHorizon(today: Date): Date {
  return nthWorkingDay(today, DUE_WITHIN_WORKING_DAYS);
}

const TITLE_LENGTH = 90;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function shortTitle(title: string): string {
  return title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1)}…` : title;
}

// Each reference links to its register page when MODBOT_PUBLIC_URL is set, as on status cards.
function named(m: DigestModification, publicUrl: string | undefined): string {
  return `*${referenceLink(m.reference, publicUrl)}* ${escapeMrkdwn(shortTitle(m.title))}`;
}

function referenceList(references: readonly string[], publicUrl: string | undefined): string {
  return references.map((reference) => referenceLink(reference, publicUrl)).join(", ");
}

function dayAndDate(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()]} ${formatReportDate(date)}`;
}

const voteOutcome = { APPROVE: "approval", REJECT: "rejection", NO_MAJORITY: "no majority" } as const;
const voteEffect = { RECOMMENDATION: "recommendation to the Authority", DECISION: "self-governance decision" } as const;
const authorityOutcome = { APPROVED: "approved it", REJECTED: "rejected it", SENT_BACK: "sent it back to the Working Group" } as const;
const consultationName = { REFINEMENT: "Refinement Consultation", MODIFICATION_REPORT: "Modification Report Consultation" } as const;

interface Dated extends DigestLine {
  on: Date;
  order: number;
}

function byDate(a: Dated, b: Dated): number {
  return compareDates(a.on, b.on) || a.order - b.order;
}

function line(on: Date, order: number, text: string, m?: DigestModification): Dated {
  return m ? { on, order, text, reference: m.reference, title: m.title } : { on, order, text };
}

function changesOf(data: DigestData, publicUrl: string | undefined): DigestLine[] {
  const items: Dated[] = [];
  data.transitions.forEach((t, i) => {
    if (t.fromStatus === null && t.toStatus === "DRAFT_RAISED") {
      const by = t.raisedBy ? escapeMrkdwn(t.raisedBy) : actorText(t.actor);
      items.push(line(t.occurredOn, i, `🆕 ${named(t.modification, publicUrl)} — new Draft Proposal, raised by ${by} on ${formatReportDate(t.occurredOn)}`, t.modification));
      return;
    }
    const from = t.fromStatus ? stageOf(t.fromStatus) : null;
    const to = stageOf(t.toStatus);
    const move = from && from !== to ? `${from} → ${to}` : to;
    items.push(line(t.occurredOn, i, `➡️ ${named(t.modification, publicUrl)} — ${move}: ${escapeMrkdwn(t.event)} (${formatReportDate(t.occurredOn)})`, t.modification));
  });
  data.votes.forEach((v, i) =>
    items.push(
      line(
        v.heldOn,
        10_000 + i,
        v.outcome === "NOT_QUORATE"
          ? `🗳 ${named(v.modification, publicUrl)} — Change Board ${formatReportDate(v.heldOn)}: not quorate, so no ${voteEffect[v.effect]}`
          : `🗳 ${named(v.modification, publicUrl)} — Change Board ${formatReportDate(v.heldOn)}: ${voteOutcome[v.outcome]} (${voteEffect[v.effect]})`,
        v.modification,
      ),
    ),
  );
  data.decisions.forEach((d, i) =>
    items.push(line(d.decidedOn, 20_000 + i, `⚖️ ${named(d.modification, publicUrl)} — the Authority ${authorityOutcome[d.outcome]} on ${formatReportDate(d.decidedOn)}`, d.modification)),
  );
  data.releasesImplemented.forEach((r, i) =>
    items.push(line(r.on, 30_000 + i, `🚀 ${escapeMrkdwn(r.name)} implemented on ${formatReportDate(r.on)}${r.references.length ? `: ${referenceList(r.references, publicUrl)}` : ""}`)),
  );
  data.releaseRevisions.forEach((r, i) =>
    items.push(
      line(r.requestedOn, 40_000 + i, `📅 ${escapeMrkdwn(r.releaseName)}: a move to ${formatReportDate(r.requestedDate)} was requested on ${formatReportDate(r.requestedOn)} (${r.status.toLowerCase()})`),
    ),
  );
  return items.sort(byDate);
}

type Judged = { a: DigestData["openAssessments"][number]; verdict: AssessmentVerdict };

function dueOf(data: DigestData, judged: readonly Judged[], today: Date, horizon: Date, publicUrl: string | undefined): DigestLine[] {
  const within = (date: Date | null): date is Date => date !== null && compareDates(date, today) >= 0 && compareDates(date, horizon) <= 0;
  const items: Dated[] = [];
  judged.forEach(({ a, verdict }, i) => {
    if (verdict.state !== "in-progress") return;
    const accepted = verdict.acceptedOn ? `, accepted ${formatReportDate(verdict.acceptedOn)}` : "";
    const original = verdict.originalTargetDate;
    if (within(original) && verdict.workingDaysOverTarget === 0) {
      const agreed = verdict.revisedTargetDate ? ` · DCC's revised date ${formatReportDate(verdict.revisedTargetDate)}` : "";
      items.push(line(original, i, `🎯 ${named(a.modification, publicUrl)} — DCC ${a.type} due ${dayAndDate(original)} (${verdict.targetDurationWd} WD${accepted})${agreed}`, a.modification));
    }
    const revised = verdict.revisedTargetDate ?? (original ? null : verdict.agreedTargetDate);
    if (within(revised) && verdict.workingDaysPastAgreedDate === 0) {
      const over = verdict.workingDaysOverTarget > 0 ? `, already ${verdict.workingDaysOverTarget} WD over its ${verdict.targetDurationWd} WD target` : "";
      items.push(line(revised, i, `🎯 ${named(a.modification, publicUrl)} — DCC ${a.type}: DCC's ${verdict.revisedTargetDate ? "revised " : ""}date ${dayAndDate(revised)}${over}`, a.modification));
    }
  });
  data.consultations.forEach((c, i) => {
    if (c.status === "OPEN") {
      const closes = c.closesOn ?? (c.opensOn && c.openWorkingDays ? nthWorkingDay(c.opensOn, c.openWorkingDays) : null);
      if (within(closes)) items.push(line(closes, 10_000 + i, `📝 ${named(c.modification, publicUrl)} — ${consultationName[c.kind]} closes ${dayAndDate(closes)}`, c.modification));
    } else if (within(c.expectedWeekCommencing) || within(c.opensOn)) {
      const when = c.opensOn ? `opens ${dayAndDate(c.opensOn)}` : `expected w/c ${formatReportDate(c.expectedWeekCommencing!)}`;
      items.push(line((c.opensOn ?? c.expectedWeekCommencing)!, 10_000 + i, `📝 ${named(c.modification, publicUrl)} — ${consultationName[c.kind]} ${when}`, c.modification));
    }
  });
  data.meetings.forEach((m, i) => {
    if (!within(m.heldOn)) return;
    const agenda = m.references.length ? ` (${referenceList(m.references, publicUrl)})` : "";
    items.push(line(m.heldOn, 20_000 + i, `🗳 Change Board meets ${dayAndDate(m.heldOn)}${agenda}`));
  });
  data.upcomingReleases.forEach((r, i) => {
    if (!within(r.on)) return;
    const contents = r.references.length ? `: ${referenceList(r.references, publicUrl)}` : "";
    items.push(line(r.on, 30_000 + i, `🚀 ${escapeMrkdwn(r.name)} on ${dayAndDate(r.on)}${contents}`));
  });
  return items.sort(byDate);
}

// The same verdict as the status card, `/mod list late`, the nudges and the report.
function lateOf(judged: readonly Judged[], publicUrl: string | undefined): DigestLine[] {
  const late = judged
    .filter(({ verdict }) => isLateInProgress(verdict))
    .sort(
      (x, y) =>
        y.verdict.workingDaysOverTarget - x.verdict.workingDaysOverTarget ||
        y.verdict.workingDaysPastAgreedDate - x.verdict.workingDaysPastAgreedDate ||
        x.a.modification.reference.localeCompare(y.a.modification.reference),
    );
  return late.map(({ a, verdict }) => ({
    text: `⚠️ ${named(a.modification, publicUrl)} — DCC ${a.type} ${verdictClock(verdict, { agreedDate: false })}: *${verdictLateness(verdict)}*`,
    reference: a.modification.reference,
    title: a.modification.title,
  }));
}

export function buildDigest(
  data: DigestData,
  options: { today: Date; since: Date; sinceDate: Date; firstDigest: boolean; publicUrl?: string },
): DigestContent {
  const { publicUrl } = options;
  const horizon = digestHorizon(options.today);
  const changes = changesOf(data, publicUrl);
  // One verdict per assessment, for both the "due" and the "late" section.
  const judged = data.openAssessments.map((a) => ({ a, verdict: assessmentVerdict(a, options.today) }));
  const due = dueOf(data, judged, options.today, horizon, publicUrl);
  const late = lateOf(judged, publicUrl);
  const sinceText = options.firstDigest ? `in the week to ${formatReportDate(options.today)}` : `since the last digest (${formatReportDate(options.sinceDate)})`;
  const summary = [
    pluralise(changes.length, "change"),
    `${due.length} due by ${formatReportDate(horizon)}`,
    pluralise(late.length, "late DCC assessment"),
  ].join(", ");
  return {
    title: `📋 Modifications digest · ${formatReportDate(options.today)}`,
    context: `As at ${dayAndDate(options.today)} · SEC working days exclude weekends and England & Wales bank holidays`,
    summary: `Modifications digest ${formatReportDate(options.today)}: ${summary}.`,
    sections: [
      { heading: `What changed ${sinceText}`, empty: `Nothing new ${sinceText}.`, lines: changes },
      {
        heading: `Due in the next ${DUE_WITHIN_WORKING_DAYS} working days (to ${dayAndDate(horizon)})`,
        empty: "Nothing falls due in the next five working days.",
        lines: due,
      },
      { heading: "Late DCC assessments", empty: "No DCC assessment is late. 🎉", lines: late },
    ],
  };
}
