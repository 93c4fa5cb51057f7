import type { PrismaClient } from "./database.ts";
import type { JobRun, JobRunStatus, Prisma } from "./generated/prisma/client.ts";

// The record of every scheduled slot. The unique key is the lock: whichever instance inserts a
// slot's row first runs it, every other instance (and every restart) sees it is taken.

export type { JobRun, JobRunStatus };

export interface SlotRow {
  key: string;
  job: string;
  scheduledFor: Date;
}

/** Claims a slot for this instance; false when another instance (or an earlier run) has it. */
export async function claimRun(prisma: PrismaClient, slot: SlotRow, at: Date): Promise<boolean> {
  const { count } = await prisma.jobRun.createMany({
    data: [{ key: slot.key, job: slot.job, scheduledFor: slot.scheduledFor, status: "RUNNING", startedAt: at }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Reclaims a failed run for another attempt; only one instance wins (the attempt count must match). */
export async function reclaimFailedRun(prisma: PrismaClient, run: Pick<JobRun, "key" | "attempts">, at: Date): Promise<boolean> {
  const { count } = await prisma.jobRun.updateMany({
    where: { key: run.key, status: "FAILED", attempts: run.attempts },
    data: { status: "RUNNING", attempts: run.attempts + 1, startedAt: at, finishedAt: null, error: null },
  });
  return count === 1;
}

export async function recordSkipped(prisma: PrismaClient, slots: readonly SlotRow[], at: Date, reason: string): Promise<number> {
  if (slots.length === 0) return 0;
  const { count } = await prisma.jobRun.createMany({
    data: slots.map((slot) => ({ key: slot.key, job: slot.job, scheduledFor: slot.scheduledFor, status: "SKIPPED" as const, startedAt: at, finishedAt: at, error: reason })),
    skipDuplicates: true,
  });
  return count;
}

/** Saves what has been posted so far, so a retry carries on where this attempt stopped. */
export async function saveProgress(prisma: PrismaClient, key: string, output: Prisma.InputJsonValue): Promise<void> {
  await prisma.jobRun.update({ where: { key }, data: { output } });
}

export async function finishRun(
  prisma: PrismaClient,
  key: string,
  outcome: { status: Exclude<JobRunStatus, "RUNNING">; at: Date; error?: string; output?: Prisma.InputJsonValue },
): Promise<void> {
  await prisma.jobRun.update({
    where: { key },
    data: { status: outcome.status, finishedAt: outcome.at, error: outcome.error ?? null, ...(outcome.output ? { output: outcome.output } : {}) },
  });
}

export function findRun(prisma: PrismaClient, key: string): Promise<JobRun | null> {
  return prisma.jobRun.findUnique({ where: { key } });
}

/** Runs of these jobs scheduled since `since`, oldest first. */
export function runsSince(prisma: PrismaClient, jobs: readonly string[], since: Date): Promise<JobRun[]> {
  return prisma.jobRun.findMany({ where: { job: { in: [...jobs] }, scheduledFor: { gte: since } }, orderBy: { scheduledFor: "asc" } });
}

/** When this channel's last digest went out (the start of "what changed since"). */
export async function lastDigestBefore(prisma: PrismaClient, keyPrefix: string, before: Date): Promise<Date | null> {
  const run = await prisma.jobRun.findFirst({
    where: { job: "digest", key: { startsWith: keyPrefix }, status: "SUCCEEDED", scheduledFor: { lt: before } },
    orderBy: { scheduledFor: "desc" },
    select: { scheduledFor: true },
  });
  return run?.scheduledFor ?? null;
}

/** The latest runs, newest first; `hideSucceeded` leaves out those jobs' successful runs. */
export function recentRuns(prisma: PrismaClient, options: { limit: number; status?: JobRunStatus; hideSucceeded?: readonly string[] }): Promise<JobRun[]> {
  const hidden = options.hideSucceeded?.length ? { NOT: { job: { in: [...options.hideSucceeded] }, status: "SUCCEEDED" as const } } : {};
  return prisma.jobRun.findMany({
    where: { ...(options.status ? { status: options.status } : {}), ...hidden },
    orderBy: [{ scheduledFor: "desc" }, { id: "desc" }],
    take: options.limit,
  });
}
