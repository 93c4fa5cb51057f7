import type { PrismaClient } from "./database.ts";
import type { Prisma } from "./generated/prisma/client.ts";

// processed_request for Slack requests whose effect is a post rather than a database write
// (/mod report): the key is claimed before posting, so a Slack retry of the same command (same
// trigger_id) or a second replica receiving it finds the key taken and posts nothing. The write
// flows use the same table through writeOnce (writes.ts). Housekeeping prunes old keys: Slack
// retries within minutes, so a key older than a few days can never match a request again.

/** Slack retries a request within minutes; a week-old key can never match one again. */
export const PROCESSED_REQUEST_RETENTION_DAYS = 7;

export type RequestClaim = { claimed: true } | { claimed: false; result: unknown };

/** Claims `key` for this request; when it was claimed before, says what that request answered (null while it runs). */
export async function claimRequest(prisma: PrismaClient, key: string, at: Date): Promise<RequestClaim> {
  const { count } = await prisma.processedRequest.createMany({ data: [{ key, createdAt: at }], skipDuplicates: true });
  if (count === 1) return { claimed: true };
  const earlier = await prisma.processedRequest.findUnique({ where: { key }, select: { result: true } });
  return { claimed: false, result: earlier?.result ?? null };
}

/** What the request answered, for a retry of it to answer the same. */
export async function recordRequestResult(prisma: PrismaClient, key: string, result: Prisma.InputJsonValue): Promise<void> {
  await prisma.processedRequest.updateMany({ where: { key }, data: { result } });
}

/** Gives a claim back when nothing was done, so a retry may try again. */
export async function releaseRequest(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.processedRequest.deleteMany({ where: { key } });
}

/** Deletes keys recorded before `before`; how many went. */
export async function pruneProcessedRequests(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.processedRequest.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
