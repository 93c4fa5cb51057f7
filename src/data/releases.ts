import type { AppContext } from "../appContext.ts";
import { compareDates, formatReportDate } from "../domain/calendarDate.ts";
import { describeStatus } from "../domain/lifecycle.ts";
import { lockModification } from "./transitions.ts";
import { audit, Refusal, writeOnce, type Once, type Tx } from "./writes.ts";

// SEC Releases: an approved modification is assigned to a scheduled release or a standalone one
// (e.g. on EU Exit Day); a release's date can be under a revision request, approved or rejected.

export function listReleases(ctx: AppContext) {
  return ctx.prisma.release.findMany({
    orderBy: [{ plannedDate: "asc" }, { name: "asc" }],
    include: { revisionRequests: { where: { status: "PENDING" } }, modifications: { select: { reference: true, title: true }, orderBy: { number: "asc" } } },
  });
}

async function releaseNamed(tx: Tx, name: string) {
  const exact = await tx.release.findFirst({ where: { name: { equals: name, mode: "insensitive" } } });
  if (exact) return exact;
  const partial = await tx.release.findMany({ where: { name: { contains: name, mode: "insensitive" } } });
  if (partial.length === 1) return partial[0]!;
  const all = await tx.release.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  const known = all.length ? ` Releases: ${all.map((r) => r.name).join("; ")}.` : " There are no releases yet.";
  throw new Refusal(partial.length > 1 ? `"${name}" matches more than one release; give the full name.${known}` : `There is no release called "${name}".${known}`);
}

export interface AssignedRelease {
  reference: string;
  release: string;
  when: string | null;
  created: boolean;
  /** The release it was in before, when it moved from one to another. */
  previousRelease: string | null;
}

export async function assignRelease(
  ctx: AppContext,
  args: { modificationId: number; name: string; standalone?: { date: Date | null; description: string | null } },
  by: { userId: string; key: string },
): Promise<Once<AssignedRelease>> {
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const m = await lockModification(tx, args.modificationId);
    if (m.status !== "APPROVED") throw new Refusal(`Only an approved modification is assigned to a release; ${m.reference} is ${describeStatus(m.status)}.`);
    let created = false;
    let release;
    if (args.standalone) {
      if (await tx.release.findFirst({ where: { name: { equals: args.name, mode: "insensitive" } } })) {
        throw new Refusal(`There is already a release called "${args.name}"; assign it without "standalone".`);
      }
      release = await tx.release.create({ data: { name: args.name, kind: "STANDALONE", plannedDate: args.standalone.date, dateDescription: args.standalone.description } });
      created = true;
    } else {
      release = await releaseNamed(tx, args.name);
    }
    const previous = await tx.modification.findUniqueOrThrow({ where: { id: m.id }, select: { release: { select: { name: true } } } });
    await tx.modification.update({ where: { id: m.id }, data: { releaseId: release.id, version: { increment: 1 } } });
    await tx.stageTransition.create({
      data: { modificationId: m.id, fromStatus: m.status, toStatus: m.status, event: `Assigned to the ${release.name}`, occurredOn: ctx.today(), actor: by.userId, recordedAt: ctx.now() },
    });
    await audit(tx, { modificationId: m.id, entity: "modification", entityId: m.id, action: "Assigned to a release", before: { release: previous.release?.name ?? null }, after: { release: release.name }, actor: by.userId, at: ctx.now() });
    const when = release.plannedDate ? formatReportDate(release.plannedDate) : release.dateDescription;
    const moved = previous.release && previous.release.name !== release.name ? previous.release.name : null;
    return { reference: m.reference, release: release.name, when, created, previousRelease: moved };
  });
}

export async function requestReleaseRevision(ctx: AppContext, args: { name: string; requestedDate: Date }, by: { userId: string; key: string }) {
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const release = await releaseNamed(tx, args.name);
    if (compareDates(args.requestedDate, ctx.today()) < 0) throw new Refusal(`${formatReportDate(args.requestedDate)} has passed; a release date can only be moved to a future date.`);
    const pending = await tx.releaseRevisionRequest.findFirst({ where: { releaseId: release.id, status: "PENDING" } });
    if (pending) throw new Refusal(`The ${release.name} already has a revision request pending (to ${formatReportDate(pending.requestedDate)}); decide it first.`);
    await tx.releaseRevisionRequest.create({ data: { releaseId: release.id, requestedOn: ctx.today(), requestedDate: args.requestedDate, status: "PENDING" } });
    await auditReleaseModifications(tx, ctx, release.id, "Release date revision requested", { releaseDate: release.plannedDate }, { requestedDate: args.requestedDate }, by.userId);
    return { release: release.name, requestedDate: args.requestedDate.toISOString().slice(0, 10) };
  });
}

export async function decideReleaseRevision(ctx: AppContext, args: { name: string; approve: boolean }, by: { userId: string; key: string }) {
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const release = await releaseNamed(tx, args.name);
    const pending = await tx.releaseRevisionRequest.findFirst({ where: { releaseId: release.id, status: "PENDING" } });
    if (!pending) throw new Refusal(`The ${release.name} has no revision request pending.`);
    await tx.releaseRevisionRequest.update({ where: { id: pending.id }, data: { status: args.approve ? "APPROVED" : "REJECTED", decidedOn: ctx.today() } });
    if (args.approve) await tx.release.update({ where: { id: release.id }, data: { plannedDate: pending.requestedDate } });
    const after = { releaseDate: args.approve ? pending.requestedDate : release.plannedDate };
    await auditReleaseModifications(tx, ctx, release.id, `Release date revision ${args.approve ? "approved" : "rejected"}`, { releaseDate: release.plannedDate }, after, by.userId);
    return { release: release.name, approved: args.approve, date: (after.releaseDate ?? null)?.toISOString().slice(0, 10) ?? null };
  });
}

// The release's history is told in each of its modifications' histories.
async function auditReleaseModifications(tx: Tx, ctx: AppContext, releaseId: number, action: string, before: Record<string, unknown>, after: Record<string, unknown>, actor: string) {
  const modifications = await tx.modification.findMany({ where: { releaseId }, select: { id: true } });
  for (const m of modifications) await audit(tx, { modificationId: m.id, entity: "release", entityId: releaseId, action, before, after, actor, at: ctx.now() });
  if (modifications.length === 0) await audit(tx, { modificationId: null, entity: "release", entityId: releaseId, action, before, after, actor, at: ctx.now() });
}

