import { z } from "zod";
import { modificationPaths, modificationStatuses } from "../../domain/lifecycle.ts";
import { partyCategories } from "../../domain/parties.ts";
import { voteValues } from "../../domain/voting.ts";

// The shape of a register file (the demo register transcribed from the seed report, or an
// export). Dates are ISO calendar dates (YYYY-MM-DD); references are written as the report
// writes them today (DP084, MP079, SECMP0053).

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

export { partyCategories };

export { modificationStatuses };

export { modificationPaths };
export const assessmentStatuses = ["REQUESTED", "IN_PROGRESS", "DELIVERED", "ON_HOLD", "CANCELLED"] as const;

const transition = z.object({
  status: z.enum(modificationStatuses),
  /** What happened, in the report's words. */
  event: z.string().min(1),
  on: isoDate,
  /** A body ("SEC Panel", "Change Sub-Committee", "Working Group", "Change Board", "Authority", "DCC") or a party. */
  actor: z.string().min(1),
  note: z.string().optional(),
  /** How the transcriber read the report (OCR slips, columns inferred): for whoever checks the file, never imported or shown. */
  transcription: z.string().optional(),
});

const consultation = z.object({
  kind: z.enum(["REFINEMENT", "MODIFICATION_REPORT"]),
  status: z.enum(["EXPECTED", "OPEN", "CLOSED"]),
  expectedWeekCommencing: isoDate.optional(),
  opensOn: isoDate.optional(),
  closesOn: isoDate.optional(),
  openWorkingDays: z.number().int().positive().optional(),
});

const targetRevision = z.object({
  previousTargetDate: isoDate.optional(),
  newTargetDate: isoDate.optional(),
  reason: z.string().optional(),
  revisedOn: isoDate,
});

const assessment = z.object({
  type: z.enum(["PA", "IA"]),
  sequence: z.number().int().positive().default(1),
  requestReceivedOn: isoDate.optional(),
  acceptedOn: isoDate.optional(),
  targetDurationWd: z.number().int().positive().optional(),
  /** DCC's agreed target date: a revised one when it differs from the accepted day + duration (list the revision below). */
  targetDate: isoDate.optional(),
  deliveredOn: isoDate.optional(),
  status: z.enum(assessmentStatuses),
  /** Shown on the status card, as the DCC form's note is. */
  note: z.string().optional(),
  /** How the transcriber read Appendix A: for whoever checks the file, never imported or shown. */
  transcription: z.string().optional(),
  revisions: z.array(targetRevision).default([]),
});

const authorityDecision = z.object({
  decidedOn: isoDate,
  outcome: z.enum(["APPROVED", "REJECTED", "SENT_BACK"]),
  note: z.string().optional(),
});

const modification = z.object({
  reference: z.string().regex(/^(DP\d{3}|MP\d{3}|SECMP\d{4})$/, "DPnnn, MPnnn or SECMPnnnn"),
  title: z.string().min(1),
  summary: z.string().optional(),
  leadAnalyst: z.string().optional(),
  solution: z.string().optional(),
  impactedParties: z.string().optional(),
  affectedDocuments: z.string().optional(),
  raisedBy: z.string().optional(),
  raisedOn: isoDate.optional(),
  path: z.enum(modificationPaths).optional(),
  status: z.enum(modificationStatuses),
  onHold: z.boolean().default(false),
  onHoldReason: z.string().optional(),
  concludedOn: isoDate.optional(),
  dccNote: z.string().optional(),
  /** Name of a release in `releases`. */
  release: z.string().optional(),
  history: z.array(transition).default([]),
  consultations: z.array(consultation).default([]),
  assessments: z.array(assessment).default([]),
  authorityDecisions: z.array(authorityDecision).default([]),
});

const release = z.object({
  name: z.string().min(1),
  kind: z.enum(["SCHEDULED", "STANDALONE"]),
  plannedDate: isoDate.optional(),
  dateDescription: z.string().optional(),
  implementedOn: isoDate.optional(),
  revisionRequests: z
    .array(
      z.object({
        requestedOn: isoDate,
        requestedDate: isoDate,
        status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
        decidedOn: isoDate.optional(),
        note: z.string().optional(),
      }),
    )
    .default([]),
});

const changeBoardVote = z.object({
  modification: z.string(),
  outcome: z.enum(["APPROVE", "REJECT", "NO_MAJORITY", "NOT_QUORATE"]),
  effect: z.enum(["RECOMMENDATION", "DECISION"]),
  rule: z.string().default("as reported"),
  note: z.string().optional(),
  /** Per party category; omitted when the source does not give the split. */
  categoryVotes: z.partialRecord(z.enum(partyCategories), z.enum(voteValues)).default({}),
});

export const registerFile = z.object({
  /** The date the register describes (the report's date). */
  asOf: isoDate,
  source: z.string().optional(),
  parties: z.array(z.object({ name: z.string().min(1), category: z.enum(partyCategories) })).default([]),
  releases: z.array(release).default([]),
  workingGroupMeetings: z
    .array(z.object({ heldOn: isoDate, note: z.string().optional(), modifications: z.array(z.string()) }))
    .default([]),
  changeBoardMeetings: z.array(z.object({ heldOn: isoDate, votes: z.array(changeBoardVote) })).default([]),
  modifications: z.array(modification),
});

export type RegisterFile = z.infer<typeof registerFile>;
export type RegisterModification = z.infer<typeof modification>;
