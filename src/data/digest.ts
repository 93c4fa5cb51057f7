import type { PrismaClient } from "./database.ts";
import type { AssessmentStatus, AssessmentType, AuthorityOutcome, ConsultationKind, ConsultationStatus, ModificationStatus, RevisionRequestStatus, VoteEffect, VoteOutcome } from "./generated/prisma/client.ts";

// Everything one digest needs, in a handful of queries: what happened in the period, the open
// DCC assessments, and what falls due up to the horizon. The digest itself is built from this
// by a pure function (src/jobs/digestContent.ts).

export interface DigestPeriod {
  /** The previous digest's instant; changes recorded after it are new. */
  since: Date;
  /** The previous digest's calendar date; events dated after it are new. */
  sinceDate: Date;
  now: Date;
  today: Date;
  /** The last calendar date "due soon" looks at. */
  horizon: Date;
}

export interface DigestModification {
  reference: string;
  title: string;
}

/** Plain data, so the digest can be built (and benchmarked) without a database. */
export interface DigestData {
  transitions: {
    modification: DigestModification;
    fromStatus: ModificationStatus | null;
    toStatus: ModificationStatus;
    event: string;
    occurredOn: Date;
    /** A body or party ("SEC Panel"), or the Slack user who recorded the step. */
    actor: string;
    /** The party that raised the modification, when known: who "raised by" names. */
    raisedBy?: string | null;
  }[];
  votes: { modification: DigestModification; heldOn: Date; outcome: VoteOutcome; effect: VoteEffect }[];
  decisions: { modification: DigestModification; decidedOn: Date; outcome: AuthorityOutcome }[];
  releasesImplemented: { name: string; on: Date; references: string[] }[];
  upcomingReleases: { name: string; on: Date; references: string[] }[];
  releaseRevisions: { releaseName: string; requestedOn: Date; requestedDate: Date; status: RevisionRequestStatus }[];
  openAssessments: {
    modification: DigestModification;
    type: AssessmentType;
    status: AssessmentStatus;
    acceptedOn: Date | null;
    targetDurationWd: number | null;
    targetDate: Date | null;
    deliveredOn: Date | null;
  }[];
  consultations: {
    modification: DigestModification;
    kind: ConsultationKind;
    status: ConsultationStatus;
    opensOn: Date | null;
    closesOn: Date | null;
    openWorkingDays: number | null;
    expectedWeekCommencing: Date | null;
  }[];
  meetings: { heldOn: Date; references: string[] }[];
}

const modification = { select: { reference: true, title: true } } as const;

export async function loadDigestData(prisma: PrismaClient, period: DigestPeriod): Promise<DigestData> {
  const happened = (dateField: string, recordedField: string) => ({
    OR: [
      { [dateField]: { gt: period.sinceDate, lte: period.today } },
      { [recordedField]: { gt: period.since, lte: period.now } },
    ],
  });
  const [transitions, votes, decisions, releases, revisions, assessments, consultations, meetings] = await Promise.all([
    prisma.stageTransition.findMany({
      where: happened("occurredOn", "recordedAt"),
      select: {
        fromStatus: true,
        toStatus: true,
        event: true,
        occurredOn: true,
        actor: true,
        modification: { select: { reference: true, title: true, raisedBy: { select: { name: true } } } },
      },
      orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
    }),
    prisma.changeBoardVote.findMany({
      where: { OR: [{ meeting: { heldOn: { gt: period.sinceDate, lte: period.today } } }, { recordedAt: { gt: period.since, lte: period.now } }] },
      select: { outcome: true, effect: true, meeting: { select: { heldOn: true } }, modification },
    }),
    prisma.authorityDecision.findMany({
      where: happened("decidedOn", "recordedAt"),
      select: { decidedOn: true, outcome: true, modification },
    }),
    prisma.release.findMany({
      where: {
        OR: [
          { implementedOn: { gt: period.sinceDate, lte: period.today } },
          { implementedOn: null, plannedDate: { gte: period.today, lte: period.horizon } },
        ],
      },
      select: { name: true, plannedDate: true, implementedOn: true, modifications: { select: { reference: true }, orderBy: { number: "asc" } } },
    }),
    prisma.releaseRevisionRequest.findMany({
      where: { requestedOn: { gt: period.sinceDate, lte: period.today } },
      select: { requestedOn: true, requestedDate: true, status: true, release: { select: { name: true } } },
    }),
    // Open by their dates (the verdict decides; on hold and cancelled never are).
    prisma.assessment.findMany({
      where: { acceptedOn: { not: null }, status: { notIn: ["ON_HOLD", "CANCELLED"] }, OR: [{ deliveredOn: null }, { deliveredOn: { gt: period.today } }] },
      select: { type: true, status: true, acceptedOn: true, targetDurationWd: true, targetDate: true, deliveredOn: true, modification },
    }),
    prisma.consultation.findMany({
      where: { status: { in: ["OPEN", "EXPECTED"] } },
      select: { kind: true, status: true, opensOn: true, closesOn: true, openWorkingDays: true, expectedWeekCommencing: true, modification },
    }),
    prisma.changeBoardMeeting.findMany({
      where: { heldOn: { gte: period.today, lte: period.horizon } },
      select: { heldOn: true, votes: { select: { modification: { select: { reference: true } } } } },
    }),
  ]);
  return {
    transitions: transitions.map(({ modification: { raisedBy, ...named }, ...t }) => ({ ...t, modification: named, raisedBy: raisedBy?.name ?? null })),
    votes: votes.map((v) => ({ modification: v.modification, heldOn: v.meeting.heldOn, outcome: v.outcome, effect: v.effect })),
    decisions,
    releasesImplemented: releases
      .filter((r) => r.implementedOn)
      .map((r) => ({ name: r.name, on: r.implementedOn!, references: r.modifications.map((m) => m.reference) })),
    upcomingReleases: releases
      .filter((r) => !r.implementedOn && r.plannedDate)
      .map((r) => ({ name: r.name, on: r.plannedDate!, references: r.modifications.map((m) => m.reference) })),
    releaseRevisions: revisions.map((r) => ({ releaseName: r.release.name, requestedOn: r.requestedOn, requestedDate: r.requestedDate, status: r.status })),
    openAssessments: assessments,
    consultations,
    meetings: meetings.map((m) => ({ heldOn: m.heldOn, references: m.votes.map((v) => v.modification.reference) })),
  };
}
