import type { PrismaClient } from "../data/database.ts";
import { agreedTargetDateOf, assessmentVerdict, verdictLateness } from "../domain/assessmentTiming.ts";
import { addCalendarDays, compareDates } from "../domain/calendarDate.ts";
import { lifecycleEvents, pathLabels, stageOf, type ModificationPath, type ModificationStatus } from "../domain/lifecycle.ts";
import type { VoteEffect, VoteOutcome } from "../domain/voting.ts";
import {
  assessmentStateAt,
  assessmentTimescales,
  completedDurationWd,
  completedInYear,
  figuresDateOf,
  isWithin,
  openDurationWd,
  proposalTimescales,
  reportingWindowOf,
  statusAt,
  type FiguresDate,
  type Timescale,
} from "../domain/metrics.ts";
import { nthWorkingDay, firstWorkingDayOnOrAfter } from "../domain/workingDays.ts";
import { loadRegisterSnapshot, type RegisterSnapshot, type SnapshotModification } from "./load.ts";
import type {
  AppendixRow,
  AssessmentDates,
  ChangeStatusReport,
  ConsultationItem,
  DecisionItem,
  ModificationRef,
  ReleaseItem,
  TimescaleRow,
} from "./model.ts";

export interface BuildOptions {
  /** Take the timescales as at the end of this day instead of the end of the previous month. */
  figuresAt?: FiguresDate;
}

/** The Change Status Report as at `reportDate`, from the database. */
export async function buildChangeStatusReport(prisma: PrismaClient, reportDate: Date, options: BuildOptions = {}): Promise<ChangeStatusReport> {
  const window = reportingWindowOf(reportDate);
  return changeStatusReportFrom(await loadRegisterSnapshot(prisma, window.from), reportDate, options);
}

type Mod = SnapshotModification;

const ref = (m: Mod): ModificationRef => ({ reference: m.reference, title: m.title });

/** The report from a snapshot of the register; pure, so the figures can be checked without a database. */
export function changeStatusReportFrom(snapshot: RegisterSnapshot, reportDate: Date, options: BuildOptions = {}): ChangeStatusReport {
  const window = reportingWindowOf(reportDate);
  const figures = options.figuresAt ?? figuresDateOf(reportDate);
  const byId = new Map(snapshot.modifications.map((m) => [m.id, m]));
  const statusOn = new Map<number, ModificationStatus | null>();
  for (const m of snapshot.modifications) statusOn.set(m.id, statusAt(historyOf(m), reportDate));
  const existing = snapshot.modifications.filter((m) => statusOn.get(m.id) !== null);
  const withStatus = (status: ModificationStatus) => existing.filter((m) => statusOn.get(m.id) === status);

  const stageCounts = (["Define", "Refine", "Opine", "Decide", "Release"] as const).map((stage) => {
    const inStage = existing.filter((m) => stageOf(statusOn.get(m.id)!) === stage);
    return { stage, count: inStage.length, onHold: inStage.filter((m) => m.onHold).length };
  });

  const authorityDecisions: DecisionItem[] = existing.flatMap((m) =>
    m.authorityDecisions
      .filter((d) => isWithin(d.decidedOn, window))
      .map((d) => ({ ...ref(m), decidedOn: d.decidedOn, outcome: authorityOutcomes[d.outcome] })),
  );
  const votesInWindow = snapshot.changeBoardVotes.filter((v) => isWithin(v.heldOn, window) && byId.has(v.modificationId));
  // A vote that was not quorate decided nothing, so it is no decision.
  const changeBoardDecisions: DecisionItem[] = votesInWindow
    .filter((v) => v.effect === "DECISION" && v.outcome !== "NOT_QUORATE")
    .map((v) => ({ ...ref(byId.get(v.modificationId)!), decidedOn: v.heldOn, outcome: selfGovernanceOutcomes[v.outcome as Exclude<VoteOutcome, "NOT_QUORATE">] }));
  const panelDecisions: DecisionItem[] = existing.flatMap((m) =>
    m.transitions
      .filter((t) => isWithin(t.occurredOn, window) && panelDecisionEvents.has(t.event))
      .map((t) => ({ ...ref(m), decidedOn: t.occurredOn, outcome: panelDecisionEvents.get(t.event)! })),
  );

  const consultationsOf = (kind: "REFINEMENT" | "MODIFICATION_REPORT") => {
    const open: ConsultationItem[] = [];
    const expected: ConsultationItem[] = [];
    for (const m of existing) {
      for (const c of m.consultations) {
        if (c.kind !== kind) continue;
        const state = consultationStateAt(c, reportDate);
        const item = { ...ref(m), ...consultationDates(c) };
        if (state === "OPEN") open.push(item);
        else if (state === "EXPECTED") expected.push(item);
      }
    }
    return { open, expected };
  };

  const assessments = existing.flatMap((m) => m.assessments.map((a) => ({ m, a })));
  const countingDay = figures.countedThrough;
  const timescales = assessmentTimescales(
    assessments.map(({ a }) => a),
    figures,
  );
  const yearLabel = figures.regulatoryYear.label;
  const proposals = proposalTimescales(existing.map(historyOf), figures);

  return {
    reportDate,
    window,
    figures,
    summary: {
      stageCounts,
      forConversion: withStatus("READY_FOR_PANEL").map(ref),
      modificationReports: withStatus("REPORT_PRESENTED").map(ref),
      decisions: [...authorityDecisions, ...changeBoardDecisions, ...panelDecisions].sort((a, b) => compareDates(a.decidedOn, b.decidedOn)),
    },
    define: {
      newDraftProposals: existing
        .filter((m) => isWithin(m.raisedOn, window))
        .sort((a, b) => compareDates(a.raisedOn!, b.raisedOn!) || a.number - b.number)
        .map((m) => ({ ...ref(m), raisedBy: m.raisedBy?.name ?? null, raisedOn: m.raisedOn!, problemStatement: m.summary })),
      cscDecisions: existing.flatMap((m) =>
        m.transitions
          .filter((t) => t.toStatus === "READY_FOR_PANEL" && isWithin(t.occurredOn, window))
          .map((t) => ({ ...ref(m), decidedOn: t.occurredOn })),
      ),
    },
    refine: {
      workingGroupMeetings: snapshot.workingGroupMeetings
        .filter((meeting) => isWithin(meeting.heldOn, window))
        .map((meeting) => ({
          heldOn: meeting.heldOn,
          modifications: meeting.modificationIds
            .map((id) => byId.get(id))
            .filter((m): m is Mod => !!m)
            .sort((a, b) => a.number - b.number)
            .map(ref),
        })),
      refinementConsultations: consultationsOf("REFINEMENT"),
      impactAssessmentRequests: assessments
        .filter(({ a }) => a.type === "IA" && isWithin(a.requestReceivedOn, window))
        .map(({ m, a }) => ({ ...ref(m), requestedOn: a.requestReceivedOn! })),
      assessmentTimescales: [
        row("Preliminary Assessments open", timescales.paOpen),
        row(`Preliminary Assessments completed during ${yearLabel}`, timescales.paCompleted),
        row("Impact Assessments open", timescales.iaOpen),
        row(`Impact Assessments completed during ${yearLabel}`, timescales.iaCompleted),
      ],
      openAssessments: assessments
        .filter(({ a }) => assessmentStateAt(a, countingDay) === "open")
        .map(({ m, a }) => {
          // The same verdict as every other surface, at the start of the counting day.
          const verdict = assessmentVerdict(a, countingDay, { moment: "start-of-day" });
          return {
            ...ref(m),
            type: a.type,
            acceptedOn: a.acceptedOn!,
            targetDurationWd: a.targetDurationWd,
            currentDurationWd: openDurationWd(a, countingDay)!,
            originalTargetDate: verdict.originalTargetDate,
            revisedTargetDate: verdict.revisedTargetDate,
            workingDaysOverTarget: verdict.workingDaysOverTarget,
            workingDaysPastAgreedDate: verdict.workingDaysPastAgreedDate,
            late: verdict.late,
            lateness: verdictLateness(verdict),
          };
        }),
      onHoldAssessments: assessments.filter(({ a }) => assessmentStateAt(a, countingDay) === "on-hold").map(({ m, a }) => ({ ...ref(m), type: a.type })),
      completedAssessments: assessments
        .filter(({ a }) => completedInYear(a, figures))
        .map(({ m, a }) => ({
          ...ref(m),
          type: a.type,
          returnedOn: a.deliveredOn!,
          targetDurationWd: a.targetDurationWd,
          durationWd: completedDurationWd(a),
        })),
    },
    opine: {
      reportConsultations: consultationsOf("MODIFICATION_REPORT"),
      changeBoardVotes: votesInWindow.map((v) => {
        const m = byId.get(v.modificationId)!;
        return { ...ref(m), heldOn: v.heldOn, outcome: voteOutcomeText(v.outcome, v.effect, m.path) };
      }),
      authorityDecisions,
      awaitingAuthority: withStatus("AWAITING_AUTHORITY").map(ref),
      proposalTimescales: [
        row("Proposals open (pre-decision)", proposals.open),
        row(`Proposals concluded during ${yearLabel}`, proposals.concluded),
      ],
    },
    release: releasesAt(snapshot, existing, statusOn, reportDate),
    appendixA: appendixRows(existing, statusOn, reportDate),
  };
}

function row(label: string, timescale: Timescale): TimescaleRow {
  return { label, ...timescale };
}

function historyOf(m: Mod) {
  return { status: m.status, raisedOn: m.raisedOn, concludedOn: m.concludedOn, path: m.path, transitions: m.transitions };
}

const authorityOutcomes = {
  APPROVED: "approved by the Authority",
  REJECTED: "rejected by the Authority",
  SENT_BACK: "sent back to the Working Group by the Authority",
} as const;

const selfGovernanceOutcomes = {
  APPROVE: "approved by the Change Board (self-governance)",
  REJECT: "rejected by the Change Board (self-governance)",
  NO_MAJORITY: "not decided: the Change Board reached no majority",
} as const;

/** The Panel's own decisions on the fast track, from the steps that record them. */
const panelDecisionEvents = new Map<string, string>(
  lifecycleEvents
    .filter((e) => e.name === "panel-approves" || e.name === "panel-rejects")
    .map((e) => [e.label, e.name === "panel-approves" ? "approved by the Panel (Fast-Track Self-Governance)" : "rejected by the Panel (Fast-Track Self-Governance)"]),
);

/** "an Authority Determined Modification", "a Self-Governance Modification" */
function asAPathModification(path: ModificationPath): string {
  const label = pathLabels[path];
  return `${/^[AEIOU]/i.test(label) ? "an" : "a"} ${label} Modification`;
}

/** The report's phrase: "was recommended for approval as an Authority Determined Modification". */
export function voteOutcomeText(outcome: VoteOutcome, effect: VoteEffect, path: Mod["path"]): string {
  if (outcome === "NOT_QUORATE") return "had no outcome: the meeting was not quorate";
  if (outcome === "NO_MAJORITY") return "reached no majority";
  const verdict = outcome === "APPROVE" ? "approval" : "rejection";
  if (effect === "RECOMMENDATION") {
    return `was recommended for ${verdict}${path ? ` as ${asAPathModification(path)}` : " to the Authority"}`;
  }
  return `was ${outcome === "APPROVE" ? "approved" : "rejected"}${path ? ` as ${asAPathModification(path)}` : ""}`;
}

type SnapshotConsultation = Mod["consultations"][number];

function consultationDates(c: SnapshotConsultation): Omit<ConsultationItem, keyof ModificationRef> {
  const start = c.opensOn ?? (c.expectedWeekCommencing ? firstWorkingDayOnOrAfter(c.expectedWeekCommencing) : null);
  const closesOn = c.closesOn ?? (start && c.openWorkingDays ? nthWorkingDay(start, c.openWorkingDays) : null);
  return { opensOn: c.opensOn, closesOn, expectedWeekCommencing: c.expectedWeekCommencing, openWorkingDays: c.openWorkingDays };
}

/** A consultation's state on `date` from its dates where it has them, else as recorded. */
function consultationStateAt(c: SnapshotConsultation, date: Date): "EXPECTED" | "OPEN" | "CLOSED" {
  if (!c.opensOn) return c.status;
  if (compareDates(c.opensOn, date) > 0) return "EXPECTED";
  const { closesOn } = consultationDates(c);
  if (closesOn && compareDates(closesOn, date) < 0) return "CLOSED";
  return c.status === "CLOSED" && !closesOn ? "CLOSED" : "OPEN";
}

function releasesAt(snapshot: RegisterSnapshot, existing: Mod[], statusOn: Map<number, ModificationStatus | null>, date: Date) {
  const releases: ReleaseItem[] = [];
  for (const release of snapshot.releases) {
    if (release.implementedOn && compareDates(release.implementedOn, date) <= 0) continue;
    const modifications = existing
      .filter((m) => m.releaseId === release.id && statusOn.get(m.id) === "APPROVED")
      .map(ref);
    if (modifications.length === 0) continue;
    releases.push({
      name: release.name,
      kind: release.kind,
      plannedDate: release.plannedDate,
      dateDescription: release.dateDescription,
      modifications,
    });
  }
  // The report names the standalone releases first.
  releases.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "STANDALONE" ? -1 : 1));
  const shown = new Set(releases.map((r) => r.name));
  const revisionRequests = snapshot.releases
    .filter((release) => shown.has(release.name))
    .flatMap((release) =>
      release.revisionRequests
        .filter((request) => compareDates(request.requestedOn, date) <= 0)
        .map((request) => {
          const decided = request.decidedOn && compareDates(request.decidedOn, date) <= 0;
          return {
            release: release.name,
            requestedOn: request.requestedOn,
            requestedDate: request.requestedDate,
            status: decided || (!request.decidedOn && request.status !== "PENDING") ? request.status : "PENDING",
            decidedOn: decided ? request.decidedOn : null,
          } as const;
        }),
    );
  return { releases, revisionRequests };
}

function appendixRows(existing: Mod[], statusOn: Map<number, ModificationStatus | null>, date: Date): AppendixRow[] {
  // The appendix is as at the report date itself, deliveries on that day included.
  const dayAfter = addCalendarDays(date, 1);
  const rows: (AppendixRow & { order: number; number: number })[] = [];
  for (const m of existing) {
    const status = statusOn.get(m.id)!;
    if (m.assessments.length === 0 || stageOf(status) === "Closed") continue;
    const latest = (type: "PA" | "IA") => m.assessments.filter((a) => a.type === type).at(-1) ?? null;
    const states = m.assessments.map((a) => ({ a, state: assessmentStateAt(a, dayAfter) }));
    const inProgress = states.filter((s) => s.state === "open").at(-1);
    const awaiting = states.filter((s) => s.state === "not-accepted" && s.a.status !== "DELIVERED").at(-1);
    const [dccStatus, order] = m.onHold
      ? ["On hold", 3]
      : inProgress
        ? [`${inProgress.a.type} in progress`, inProgress.a.type === "PA" ? 0 : 1]
        : awaiting
          ? [`${awaiting.a.type} requested, awaiting acceptance`, 2]
          : status === "APPROVED"
            ? ["Awaiting implementation", 4]
            : ["No outstanding assessment request", 3];
    rows.push({
      ...ref(m),
      number: m.number,
      order: order as number,
      dccStatus: dccStatus as string,
      pa: datesOf(latest("PA"), dayAfter),
      ia: datesOf(latest("IA"), dayAfter),
      notes: m.dccNote ?? m.onHoldReason,
    });
  }
  return rows.sort((a, b) => a.order - b.order || a.number - b.number).map(({ order: _o, number: _n, ...row }) => row);
}

function datesOf(a: Mod["assessments"][number] | null, dayAfter: Date): AssessmentDates | null {
  if (!a) return null;
  const before = (d: Date | null) => (d && compareDates(d, dayAfter) < 0 ? d : null);
  return {
    requestReceivedOn: before(a.requestReceivedOn),
    acceptedOn: before(a.acceptedOn),
    // Appendix A's "Target delivery date" is DCC's: the agreed one, revised or not.
    targetDate: agreedTargetDateOf(a),
    deliveredOn: before(a.deliveredOn),
  };
}
