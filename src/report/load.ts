import type { PrismaClient } from "../data/database.ts";
import type { Prisma } from "../data/generated/prisma/client.ts";
import type { VoteEffect, VoteOutcome } from "../domain/voting.ts";

// Everything the report reads, in one consistent read: a handful of queries (Prisma loads each
// relation with one IN query), run in a repeatable-read transaction on a server database so a
// write landing half-way through cannot make the figures disagree with each other.

const modificationSelect = {
  id: true,
  number: true,
  reference: true,
  title: true,
  summary: true,
  raisedBy: { select: { name: true } },
  raisedOn: true,
  path: true,
  status: true,
  onHold: true,
  onHoldReason: true,
  concludedOn: true,
  dccNote: true,
  releaseId: true,
  transitions: {
    select: { fromStatus: true, toStatus: true, event: true, occurredOn: true },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
  },
  consultations: {
    select: { kind: true, status: true, expectedWeekCommencing: true, opensOn: true, closesOn: true, openWorkingDays: true },
    orderBy: { id: "asc" },
  },
  assessments: {
    select: {
      type: true,
      sequence: true,
      status: true,
      requestReceivedOn: true,
      acceptedOn: true,
      targetDurationWd: true,
      targetDate: true,
      deliveredOn: true,
    },
    orderBy: [{ type: "asc" }, { sequence: "asc" }],
  },
  authorityDecisions: { select: { decidedOn: true, outcome: true }, orderBy: { decidedOn: "asc" } },
} satisfies Prisma.ModificationSelect;

export type SnapshotModification = Prisma.ModificationGetPayload<{ select: typeof modificationSelect }>;

const releaseSelect = {
  id: true,
  name: true,
  kind: true,
  plannedDate: true,
  dateDescription: true,
  implementedOn: true,
  revisionRequests: {
    select: { requestedOn: true, requestedDate: true, status: true, decidedOn: true },
    orderBy: { requestedOn: "asc" },
  },
} satisfies Prisma.ReleaseSelect;

export type SnapshotRelease = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

export interface RegisterSnapshot {
  modifications: SnapshotModification[];
  releases: SnapshotRelease[];
  workingGroupMeetings: { heldOn: Date; modificationIds: number[] }[];
  changeBoardVotes: { heldOn: Date; modificationId: number; outcome: VoteOutcome; effect: VoteEffect }[];
}

/** The register as it stands, with meetings held from `since` on (older ones never appear). */
export async function loadRegisterSnapshot(prisma: PrismaClient, since: Date): Promise<RegisterSnapshot> {
  return prisma.$transaction(
    async (tx) => {
      const modifications = await tx.modification.findMany({ select: modificationSelect, orderBy: { number: "asc" } });
      const releases = await tx.release.findMany({ select: releaseSelect, orderBy: [{ plannedDate: "asc" }, { name: "asc" }] });
      const meetings = await tx.workingGroupMeeting.findMany({
        where: { heldOn: { gte: since } },
        select: { heldOn: true, items: { select: { modificationId: true } } },
        orderBy: { heldOn: "asc" },
      });
      const votes = await tx.changeBoardVote.findMany({
        where: { meeting: { heldOn: { gte: since } } },
        select: { modificationId: true, outcome: true, effect: true, meeting: { select: { heldOn: true } } },
        orderBy: [{ meeting: { heldOn: "asc" } }, { id: "asc" }],
      });
      return {
        modifications,
        releases,
        workingGroupMeetings: meetings.map((m) => ({ heldOn: m.heldOn, modificationIds: m.items.map((i) => i.modificationId) })),
        changeBoardVotes: votes.map((v) => ({ heldOn: v.meeting.heldOn, modificationId: v.modificationId, outcome: v.outcome, effect: v.effect })),
      };
    },
    { isolationLevel: "RepeatableRead", timeout: 60_000, maxWait: 10_000 },
  );
}
