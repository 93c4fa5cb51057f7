import type { PrismaClient } from "./database.ts";
import { writeTurn } from "./foreground.ts";
import type { Prisma } from "./generated/prisma/client.ts";

// What every write made through Slack shares: one transaction; a key in processed_request
// written in that same transaction, so a Slack retry, a double-clicked submit or a second
// replica receiving the same request finds the key and does nothing; an audit entry.

export type Tx = Prisma.TransactionClient;

/** A write refused for a reason the user can fix; `field` names the modal field it is about. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Someone else changed the record after the modal was opened; `current` describes it now. */
export class StaleEdit extends Error {
  constructor(readonly current: string) {
    super(`It was changed by someone else: ${current}`);
  }
}

export type Once<T> = { duplicate: false; result: T } | { duplicate: true; result: T | null };

/**
 * Runs `write` in one transaction unless a request with `key` already ran, after the replies
 * people are waiting on (foreground.ts). Concurrent requests
 * with the same key queue on the key's row; the first to commit wins and the rest see its result.
 */
export async function writeOnce<T>(prisma: PrismaClient, key: string, write: (tx: Tx) => Promise<T>): Promise<Once<T>> {
  try {
    return await writeTurn(prisma, () => prisma.$transaction(
      async (tx): Promise<Once<T>> => {
        const { count } = await tx.processedRequest.createMany({ data: [{ key }], skipDuplicates: true });
        if (count === 0) {
          const earlier = await tx.processedRequest.findUnique({ where: { key } });
          return { duplicate: true, result: (earlier?.result ?? null) as T | null };
        }
        const result = await write(tx);
        await tx.processedRequest.update({ where: { key }, data: { result: (result ?? null) as Prisma.InputJsonValue } });
        return { duplicate: false, result };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ));
  } catch (error) {
    // Two first-time writers of the same new row (a DP number, an assessment): the loser's
    // insert breaks a unique constraint; to the user that is the same as a stale edit.
    if (isUniqueViolation(error)) throw new StaleEdit("someone saved the same record a moment ago");
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.cause?.code === "23505" || /Unique constraint|duplicate key/i.test(e?.message ?? "");
}

export interface AuditArgs {
  modificationId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  actor: string;
  at: Date;
}

export async function audit(tx: Tx, args: AuditArgs): Promise<void> {
  await tx.auditEntry.create({
    data: {
      modificationId: args.modificationId,
      entity: args.entity,
      entityId: String(args.entityId),
      action: args.action,
      before: args.before ? (jsonSafe(args.before) as Prisma.InputJsonValue) : undefined,
      after: args.after ? (jsonSafe(args.after) as Prisma.InputJsonValue) : undefined,
      actor: args.actor,
      at: args.at,
    },
  });
}

// Calendar dates are stored in the audit trail as ISO dates, which history renders for people.
function jsonSafe(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null)]),
  );
}
