import type { FiguresDate, Timescale } from "../domain/metrics.ts";
import type { Stage } from "../domain/lifecycle.ts";

// The Change Status Report's content, section by section as the October 2019 report (shared/seed)
// lays it out. Built from the database as at a date (build.ts); every renderer (Markdown, HTML,
// CSV, JSON, Slack blocks, the chart) reads only this.

export interface ModificationRef {
  reference: string;
  title: string;
}

export interface ConsultationItem extends ModificationRef {
  opensOn: Date | null;
  closesOn: Date | null;
  expectedWeekCommencing: Date | null;
  openWorkingDays: number | null;
}

export interface TimescaleRow extends Timescale {
  label: string;
}

/** An open assessment with its verdict (assessmentTiming.ts) as at the counting day. */
export interface OpenAssessmentRow extends ModificationRef {
  type: "PA" | "IA";
  acceptedOn: Date;
  targetDurationWd: number | null;
  currentDurationWd: number;
  /** The target duration's last working day. */
  originalTargetDate: Date | null;
  /** DCC's revised date, when it agreed one. */
  revisedTargetDate: Date | null;
  workingDaysOverTarget: number;
  workingDaysPastAgreedDate: number;
  late: boolean;
  /** How late in words ("74 WD over the 15 WD target and 62 WD past DCC's revised date 5 Jul 2019"), null when not. */
  lateness: string | null;
}

export interface CompletedAssessmentRow extends ModificationRef {
  type: "PA" | "IA";
  returnedOn: Date;
  targetDurationWd: number | null;
  /** null when the accepted date is not recorded. */
  durationWd: number | null;
}

export interface AssessmentDates {
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
}

export interface AppendixRow extends ModificationRef {
  dccStatus: string;
  pa: AssessmentDates | null;
  ia: AssessmentDates | null;
  notes: string | null;
}

export interface ChangeBoardVoteItem extends ModificationRef {
  heldOn: Date;
  /** "was recommended for approval as an Authority Determined Modification" */
  outcome: string;
}

export interface DecisionItem extends ModificationRef {
  decidedOn: Date;
  /** "approved by the Authority", "rejected by the Change Board (self-governance)" */
  outcome: string;
}

export interface ReleaseItem {
  name: string;
  kind: "SCHEDULED" | "STANDALONE";
  plannedDate: Date | null;
  dateDescription: string | null;
  modifications: ModificationRef[];
}

export interface RevisionRequestItem {
  release: string;
  requestedOn: Date;
  requestedDate: Date;
  /** As at the report date: a request decided after it is still pending. */
  status: "PENDING" | "APPROVED" | "REJECTED";
  decidedOn: Date | null;
}

export interface ChangeStatusReport {
  reportDate: Date;
  /** "This month": the events the report recounts. */
  window: { from: Date; to: Date };
  /** When the timescales are taken (the end of the previous month). */
  figures: FiguresDate;
  summary: {
    stageCounts: { stage: Exclude<Stage, "Closed">; count: number; onHold: number }[];
    forConversion: ModificationRef[];
    modificationReports: ModificationRef[];
    decisions: DecisionItem[];
  };
  define: {
    newDraftProposals: (ModificationRef & { raisedBy: string | null; raisedOn: Date; problemStatement: string | null })[];
    cscDecisions: (ModificationRef & { decidedOn: Date })[];
  };
  refine: {
    workingGroupMeetings: { heldOn: Date; modifications: ModificationRef[] }[];
    refinementConsultations: { open: ConsultationItem[]; expected: ConsultationItem[] };
    impactAssessmentRequests: (ModificationRef & { requestedOn: Date })[];
    assessmentTimescales: TimescaleRow[];
    openAssessments: OpenAssessmentRow[];
    /** Not counted in the timescales: the DCC's clock is stopped. */
    onHoldAssessments: (ModificationRef & { type: "PA" | "IA" })[];
    completedAssessments: CompletedAssessmentRow[];
  };
  opine: {
    reportConsultations: { open: ConsultationItem[]; expected: ConsultationItem[] };
    changeBoardVotes: ChangeBoardVoteItem[];
    authorityDecisions: DecisionItem[];
    awaitingAuthority: ModificationRef[];
    proposalTimescales: TimescaleRow[];
  };
  release: {
    releases: ReleaseItem[];
    revisionRequests: RevisionRequestItem[];
  };
  appendixA: AppendixRow[];
}
