import { agreedTargetDateOf } from "../../domain/assessmentTiming.ts";
import { parseIsoDate, toIsoDate } from "../../domain/calendarDate.ts";
import { raisingPartyProblem } from "../../domain/lifecycle.ts";
import { parseReference, formatReference } from "../../domain/references.ts";
import type { PrismaClient } from "../database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { RegisterFile, RegisterModification } from "./registerFile.ts";

// Loads a register into the database in one transaction: all of it or, on any error, none.
// Modifications are matched by number, so importing the same file twice changes nothing.

export interface ImportOptions {
  /**
   * "replace": the file is the whole truth about the modifications it names (history,
   * consultations, decisions are replaced). "merge": fields and assessments in the file are
   * updated, everything else recorded about a modification is kept (CSV registers).
   */
  mode: "replace" | "merge";
  actor: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  assessments: number;
}

type Tx = Prisma.TransactionClient;

const day = (iso: string | undefined) => (iso ? parseIsoDate(iso) : null);

export async function importRegister(prisma: PrismaClient, register: RegisterFile, options: ImportOptions): Promise<ImportSummary> {
  return prisma.$transaction(
    async (tx) => {
      const partyIds = await upsertParties(tx, register);
      await checkRaisingParties(tx, register);
      const releaseIds = await upsertReleases(tx, register);
      const summary: ImportSummary = { created: 0, updated: 0, assessments: 0 };
      const modificationIds = new Map<number, number>();
      for (const modification of register.modifications) {
        const { id, created } = await upsertModification(tx, modification, partyIds, releaseIds, options);
        modificationIds.set(numberOf(modification.reference), id);
        summary[created ? "created" : "updated"]++;
        summary.assessments += modification.assessments.length;
      }
      const idOf = (reference: string) => {
        const parsed = parseReference(reference);
        const id = parsed && modificationIds.get(parsed.number);
        if (!id) throw new Error(`${reference} is referred to but not in the register's modifications`);
        return id;
      };
      for (const meeting of register.workingGroupMeetings) {
        const row = await tx.workingGroupMeeting.upsert({
          where: { heldOn: parseIsoDate(meeting.heldOn) },
          create: { heldOn: parseIsoDate(meeting.heldOn), note: meeting.note },
          update: { note: meeting.note },
        });
        for (const reference of meeting.modifications) {
          const modificationId = idOf(reference);
          await tx.workingGroupItem.upsert({
            where: { meetingId_modificationId: { meetingId: row.id, modificationId } },
            create: { meetingId: row.id, modificationId },
            update: {},
          });
        }
      }
      for (const meeting of register.changeBoardMeetings) {
        const row = await tx.changeBoardMeeting.upsert({
          where: { heldOn: parseIsoDate(meeting.heldOn) },
          create: { heldOn: parseIsoDate(meeting.heldOn) },
          update: {},
        });
        for (const vote of meeting.votes) {
          const modificationId = idOf(vote.modification);
          await tx.changeBoardVote.deleteMany({ where: { meetingId: row.id, modificationId } });
          await tx.changeBoardVote.create({
            data: {
              meetingId: row.id,
              modificationId,
              outcome: vote.outcome,
              effect: vote.effect,
              rule: vote.rule,
              note: vote.note,
              recordedBy: options.actor,
              categoryVotes: {
                create: Object.entries(vote.categoryVotes).map(([category, value]) => ({
                  category: category as keyof typeof vote.categoryVotes,
                  value: value!,
                })),
              },
            },
          });
        }
      }
      return summary;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

type AssessmentRow = { id: number; acceptedOn: Date | null; targetDurationWd: number | null; targetDate: Date | null; note: string | null };

/**
 * A merge that moves the agreed target date (a new revised date, or a new accepted date or
 * duration) keeps the previous one as a target revision, as the DCC form does; so does a new
 * assessment imported with a revised date, from the original it revises.
 */
async function keepTargetHistory(tx: Tx, saved: AssessmentRow, before: AssessmentRow | null, actor: string): Promise<void> {
  const now = agreedTargetDateOf(saved);
  const previous = before ? agreedTargetDateOf(before) : agreedTargetDateOf({ ...saved, targetDate: null });
  const durationChanged = !!before && before.targetDurationWd !== saved.targetDurationWd;
  const dateChanged = (previous ? toIsoDate(previous) : null) !== (now ? toIsoDate(now) : null);
  if (!dateChanged && !durationChanged) return;
  if (!before && !previous) return;
  await tx.targetRevision.create({
    data: {
      assessmentId: saved.id,
      previousTargetDate: previous,
      previousDurationWd: before ? before.targetDurationWd : saved.targetDurationWd,
      newTargetDate: now,
      newDurationWd: saved.targetDurationWd,
      reason: before ? "Changed by an import" : "Imported as DCC's revised date",
      revisedBy: actor,
    },
  });
}

function numberOf(reference: string): number {
  const parsed = parseReference(reference);
  if (!parsed) throw new Error(`"${reference}" is not a modification reference`);
  return parsed.number;
}

async function upsertParties(tx: Tx, register: RegisterFile): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const party of register.parties) {
    const row = await tx.party.upsert({
      where: { name: party.name },
      create: party,
      update: { category: party.category },
    });
    ids.set(party.name, row.id);
  }
  for (const name of new Set(register.modifications.map((m) => m.raisedBy).filter((n): n is string => !!n))) {
    if (ids.has(name)) continue;
    const existing = await tx.party.findUnique({ where: { name } });
    if (!existing) throw new Error(`${name} raised a modification but is not in the register's parties (give it a category)`);
    ids.set(name, existing.id);
  }
  return ids;
}

/** Only the Panel raises Fast-Track Self-Governance modifications (the raise form says the same). */
async function checkRaisingParties(tx: Tx, register: RegisterFile): Promise<void> {
  for (const m of register.modifications) {
    if (m.path !== "FAST_TRACK" || !m.raisedBy) continue;
    const party = await tx.party.findUnique({ where: { name: m.raisedBy }, select: { name: true, category: true } });
    const problem = party && raisingPartyProblem(m.path, party);
    if (problem) throw new Error(`${m.reference}: ${problem}`);
  }
}

async function upsertReleases(tx: Tx, register: RegisterFile): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const release of register.releases) {
    const data = {
      kind: release.kind,
      plannedDate: day(release.plannedDate),
      dateDescription: release.dateDescription ?? null,
      implementedOn: day(release.implementedOn),
    };
    const row = await tx.release.upsert({ where: { name: release.name }, create: { name: release.name, ...data }, update: data });
    await tx.releaseRevisionRequest.deleteMany({ where: { releaseId: row.id } });
    for (const request of release.revisionRequests) {
      await tx.releaseRevisionRequest.create({
        data: {
          releaseId: row.id,
          requestedOn: parseIsoDate(request.requestedOn),
          requestedDate: parseIsoDate(request.requestedDate),
          status: request.status,
          decidedOn: day(request.decidedOn),
          note: request.note,
        },
      });
    }
    ids.set(release.name, row.id);
  }
  for (const name of new Set(register.modifications.map((m) => m.release).filter((n): n is string => !!n))) {
    if (ids.has(name)) continue;
    const existing = await tx.release.findUnique({ where: { name } });
    if (!existing) throw new Error(`release "${name}" is not in the register's releases`);
    ids.set(name, existing.id);
  }
  return ids;
}

async function upsertModification(
  tx: Tx,
  modification: RegisterModification,
  partyIds: Map<string, number>,
  releaseIds: Map<string, number>,
  options: ImportOptions,
): Promise<{ id: number; created: boolean }> {
  const parsed = parseReference(modification.reference);
  if (!parsed?.series) throw new Error(`"${modification.reference}" is not a full reference (DPnnn, MPnnn or SECMPnnnn)`);
  const fields = {
    series: parsed.series,
    reference: formatReference(parsed.series, parsed.number),
    title: modification.title,
    summary: modification.summary ?? null,
    leadAnalyst: modification.leadAnalyst ?? null,
    solution: modification.solution ?? null,
    impactedParties: modification.impactedParties ?? null,
    affectedDocuments: modification.affectedDocuments ?? null,
    raisedById: modification.raisedBy ? partyIds.get(modification.raisedBy)! : null,
    raisedOn: day(modification.raisedOn),
    path: modification.path ?? null,
    status: modification.status,
    onHold: modification.onHold,
    onHoldReason: modification.onHoldReason ?? null,
    concludedOn: day(modification.concludedOn),
    dccNote: modification.dccNote ?? null,
    releaseId: modification.release ? releaseIds.get(modification.release)! : null,
  };
  const existing = await tx.modification.findUnique({ where: { number: parsed.number }, select: { id: true } });
  const row = existing
    ? await tx.modification.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } } })
    : await tx.modification.create({ data: { number: parsed.number, ...fields } });
  const id = row.id;

  if (options.mode === "replace") {
    await tx.stageTransition.deleteMany({ where: { modificationId: id } });
    await tx.consultation.deleteMany({ where: { modificationId: id } });
    await tx.authorityDecision.deleteMany({ where: { modificationId: id } });
  }
  let previous: RegisterModification["status"] | null = null;
  for (const step of modification.history) {
    await tx.stageTransition.create({
      data: {
        modificationId: id,
        fromStatus: previous,
        toStatus: step.status,
        event: step.event,
        occurredOn: parseIsoDate(step.on),
        actor: step.actor,
        note: step.note,
      },
    });
    previous = step.status;
  }
  for (const consultation of modification.consultations) {
    await tx.consultation.create({
      data: {
        modificationId: id,
        kind: consultation.kind,
        status: consultation.status,
        expectedWeekCommencing: day(consultation.expectedWeekCommencing),
        opensOn: day(consultation.opensOn),
        closesOn: day(consultation.closesOn),
        openWorkingDays: consultation.openWorkingDays,
      },
    });
  }
  for (const decision of modification.authorityDecisions) {
    await tx.authorityDecision.create({
      data: { modificationId: id, decidedOn: parseIsoDate(decision.decidedOn), outcome: decision.outcome, note: decision.note, recordedBy: options.actor },
    });
  }
  for (const assessment of modification.assessments) {
    const data = {
      requestReceivedOn: day(assessment.requestReceivedOn),
      acceptedOn: day(assessment.acceptedOn),
      targetDurationWd: assessment.targetDurationWd ?? null,
      targetDate: day(assessment.targetDate),
      deliveredOn: day(assessment.deliveredOn),
      status: assessment.status,
      note: assessment.note ?? null,
    };
    const key = { modificationId: id, type: assessment.type, sequence: assessment.sequence };
    const before = await tx.assessment.findUnique({ where: { modificationId_type_sequence: key } });
    const saved = await tx.assessment.upsert({
      where: { modificationId_type_sequence: key },
      create: { ...key, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    if (options.mode === "replace") await tx.targetRevision.deleteMany({ where: { assessmentId: saved.id } });
    else await keepTargetHistory(tx, saved, before, options.actor);
    for (const revision of assessment.revisions) {
      await tx.targetRevision.create({
        data: {
          assessmentId: saved.id,
          previousTargetDate: day(revision.previousTargetDate),
          newTargetDate: day(revision.newTargetDate),
          reason: revision.reason,
          revisedBy: options.actor,
          revisedAt: parseIsoDate(revision.revisedOn),
        },
      });
    }
  }
  return { id, created: !existing };
}
