import { randomUUID } from "node:crypto";
import type { PrismaClient } from "./database.ts";
import type { CachedReads } from "./readCache.ts";

// Who watches which modification, their direct-message choices, and the queue of changes each
// watcher is to hear of. A change is an audit entry (every write through the bot makes one, with
// its actor), so whatever /mod history shows a watcher can be told, and nothing is told twice:
// the (watcher, audit entry) pair is unique, and sending claims the rows first (claim_token) the
// way job_run claims a slot, so two replicas delivering at once send each change once.

export interface WatchedModification {
  modificationId: number;
  reference: string;
  title: string;
  watchedSince: Date;
  latest: { action: string; actor: string; at: Date } | null;
}

/** Starts watching; false when they already were. */
export async function watch(prisma: PrismaClient, userId: string, modificationId: number, at: Date): Promise<boolean> {
  const last = await prisma.auditEntry.aggregate({ _max: { id: true } });
  const { count } = await prisma.watch.createMany({ data: [{ userId, modificationId, createdAt: at, sinceAuditId: last._max.id ?? 0 }], skipDuplicates: true });
  return count === 1;
}

/** Stops watching; false when they weren't. */
export async function unwatch(prisma: PrismaClient, userId: string, modificationId: number): Promise<boolean> {
  const { count } = await prisma.watch.deleteMany({ where: { userId, modificationId } });
  // Changes queued but not yet sent are not theirs to hear of any more.
  await prisma.watchNotice.deleteMany({ where: { userId, modificationId, sentAt: null } });
  return count === 1;
}

/** Whether the user watches it; from memory when a cache is given (the status card asks on every lookup). */
export async function isWatching(prisma: PrismaClient, userId: string, modificationId: number, cache?: CachedReads): Promise<boolean> {
  const read = async () => (await prisma.watch.findMany({ where: { userId }, select: { modificationId: true } })).map((w) => w.modificationId);
  // The watch table announces its own name on every change.
  const watched = cache ? await cache.remember(`watching:${userId}`, read, () => ["watch"]) : await read();
  return watched.includes(modificationId);
}

/** What the user watches, in reference order, each with its latest recorded change. */
export async function watchedBy(prisma: PrismaClient, userId: string): Promise<WatchedModification[]> {
  // One query (Home is drawn on every open): the latest entry per modification by a LATERAL join.
  const rows = await prisma.$queryRaw<
    { modificationId: number; reference: string; title: string; watchedSince: Date; action: string | null; actor: string | null; at: Date | null }[]
  >`
    SELECT m."id" AS "modificationId", m."reference", m."title", w."created_at" AS "watchedSince", a."action", a."actor", a."at"
    FROM "watch" w
    JOIN "modification" m ON m."id" = w."modification_id"
    LEFT JOIN LATERAL (
      SELECT e."action", e."actor", e."at" FROM "audit_entry" e
      WHERE e."modification_id" = m."id" ORDER BY e."at" DESC, e."id" DESC LIMIT 1
    ) a ON true
    WHERE w."user_id" = ${userId}
    ORDER BY m."number"`;
  return rows.map((row) => ({
    modificationId: row.modificationId,
    reference: row.reference,
    title: row.title,
    watchedSince: row.watchedSince,
    latest: row.action !== null && row.actor !== null && row.at !== null ? { action: row.action, actor: row.actor, at: row.at } : null,
  }));
}

export interface WatcherChoices {
  muted: boolean;
  anyHours: boolean;
}

export async function watcherChoices(prisma: PrismaClient, userId: string): Promise<WatcherChoices> {
  const row = await prisma.watcherSetting.findUnique({ where: { userId } });
  return { muted: row?.muted ?? false, anyHours: row?.anyHours ?? false };
}

export async function setWatcherChoices(prisma: PrismaClient, userId: string, choices: Partial<WatcherChoices>): Promise<WatcherChoices> {
  const row = await prisma.watcherSetting.upsert({ where: { userId }, create: { userId, muted: false, anyHours: false, ...choices }, update: choices });
  return { muted: row.muted, anyHours: row.anyHours };
}

/**
 * Queues every change after each watch began (by audit entry id, whatever the clocks say) that its watcher didn't make themselves. One
 * statement, idempotent (the unique pair), so every replica may run it every tick.
 */
export async function queueNotices(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "watch_notice" ("user_id", "audit_entry_id", "modification_id", "changed_at")
    SELECT w."user_id", a."id", a."modification_id", a."at"
    FROM "audit_entry" a
    JOIN "watch" w ON w."modification_id" = a."modification_id"
    WHERE a."id" > w."since_audit_id" AND a."actor" <> w."user_id"
    ON CONFLICT ("user_id", "audit_entry_id") DO NOTHING`;
}

export interface PendingWatcher {
  userId: string;
  /** The latest queued change: a batch goes once the changes have been quiet for a while. */
  latestChange: Date;
  muted: boolean;
  anyHours: boolean;
}

// A claim older than this was made by an instance that stopped before sending; it may be taken.
const CLAIM_EXPIRY_MS = 10 * 60_000;

function claimable(now: Date) {
  return { sentAt: null, OR: [{ claimToken: null }, { claimedAt: { lt: new Date(now.getTime() - CLAIM_EXPIRY_MS) } }] };
}

/** Watchers with changes waiting to be sent, with their choices. */
export async function pendingWatchers(prisma: PrismaClient, now: Date): Promise<PendingWatcher[]> {
  const groups = await prisma.watchNotice.groupBy({ by: ["userId"], where: claimable(now), _max: { changedAt: true } });
  if (groups.length === 0) return [];
  const settings = await prisma.watcherSetting.findMany({ where: { userId: { in: groups.map((g) => g.userId) } } });
  const byUser = new Map(settings.map((s) => [s.userId, s]));
  return groups.map((g) => ({
    userId: g.userId,
    latestChange: g._max.changedAt!,
    muted: byUser.get(g.userId)?.muted ?? false,
    anyHours: byUser.get(g.userId)?.anyHours ?? false,
  }));
}

/** Who a crossing is "by": no person did it, the working-day clock did. */
export const DCC_CLOCK = "the working-day clock";

export interface ClaimedChange {
  id: number;
  reference: string;
  title: string;
  action: string;
  actor: string;
  at: Date;
}

export interface ClaimedBatches {
  token: string;
  /** Each watcher's claimed changes, oldest first. */
  byWatcher: Map<string, ClaimedChange[]>;
}

/**
 * Claims these watchers' waiting changes for this instance in one statement; a watcher whose
 * changes another instance claimed first is simply absent.
 */
export async function claimNotices(prisma: PrismaClient, userIds: readonly string[], now: Date): Promise<ClaimedBatches> {
  const token = randomUUID();
  const byWatcher = new Map<string, ClaimedChange[]>();
  if (userIds.length === 0) return { token, byWatcher };
  const { count } = await prisma.watchNotice.updateMany({ where: { userId: { in: [...userIds] }, ...claimable(now) }, data: { claimToken: token, claimedAt: now } });
  if (count === 0) return { token, byWatcher };
  const rows = await prisma.watchNotice.findMany({
    where: { claimToken: token },
    select: { userId: true, auditEntryId: true, event: true, changedAt: true, id: true, modificationId: true },
  });
  const auditIds = [...new Set(rows.flatMap((r) => (r.auditEntryId === null ? [] : [r.auditEntryId])))];
  const entries = await prisma.auditEntry.findMany({
    where: { id: { in: auditIds } },
    select: { id: true, action: true, actor: true, at: true, modification: { select: { reference: true, title: true } } },
  });
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const eventModificationIds = [...new Set(rows.filter((r) => r.auditEntryId === null).map((r) => r.modificationId))];
  const named = new Map(
    (eventModificationIds.length ? await prisma.modification.findMany({ where: { id: { in: eventModificationIds } }, select: { id: true, reference: true, title: true } }) : []).map((m) => [m.id, m]),
  );
  for (const row of rows) {
    let change: ClaimedChange | null = null;
    if (row.auditEntryId !== null) {
      const e = entryById.get(row.auditEntryId);
      if (e?.modification) change = { id: e.id, reference: e.modification.reference, title: e.modification.title, action: e.action, actor: e.actor, at: e.at };
    } else {
      const m = named.get(row.modificationId);
      if (m && row.event) change = { id: -row.id, reference: m.reference, title: m.title, action: row.event, actor: DCC_CLOCK, at: row.changedAt };
    }
    if (!change) continue;
    const list = byWatcher.get(row.userId) ?? [];
    list.push(change);
    byWatcher.set(row.userId, list);
  }
  for (const list of byWatcher.values()) list.sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id);
  return { token, byWatcher };
}

/** Records a claim as sent: all of it, or one watcher's part. */
export async function markSent(prisma: PrismaClient, token: string, at: Date, userId?: string): Promise<void> {
  await prisma.watchNotice.updateMany({ where: { claimToken: token, ...(userId ? { userId } : {}) }, data: { sentAt: at } });
}

/** Gives a claim back after a failed send, so the next tick tries again. */
export async function releaseClaim(prisma: PrismaClient, token: string, userId?: string): Promise<void> {
  await prisma.watchNotice.updateMany({ where: { claimToken: token, sentAt: null, ...(userId ? { userId } : {}) }, data: { claimToken: null, claimedAt: null } });
}

/** A muted watcher's waiting changes are dropped, not saved up for when they unmute. */
export async function dropNotices(prisma: PrismaClient, userId: string, now: Date): Promise<number> {
  const { count } = await prisma.watchNotice.updateMany({ where: { userId, ...claimable(now) }, data: { claimToken: "muted", claimedAt: now, sentAt: now } });
  return count;
}

export interface WatchedOpenAssessment {
  id: number;
  modificationId: number;
  type: "PA" | "IA";
  sequence: number;
  status: "REQUESTED" | "IN_PROGRESS" | "DELIVERED" | "ON_HOLD" | "CANCELLED";
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
  watchers: { userId: string; since: Date }[];
}

/** Open DCC assessments of watched modifications, with who watches them since when. */
export async function watchedOpenAssessments(prisma: PrismaClient): Promise<WatchedOpenAssessment[]> {
  const rows = await prisma.assessment.findMany({
    where: { acceptedOn: { not: null }, deliveredOn: null, status: { notIn: ["ON_HOLD", "CANCELLED"] }, modification: { watches: { some: {} } } },
    select: {
      id: true,
      modificationId: true,
      type: true,
      sequence: true,
      status: true,
      acceptedOn: true,
      targetDurationWd: true,
      targetDate: true,
      deliveredOn: true,
      modification: { select: { watches: { select: { userId: true, createdAt: true } } } },
    },
  });
  return rows.map(({ modification, ...a }) => ({ ...a, watchers: modification.watches.map((w) => ({ userId: w.userId, since: w.createdAt })) }));
}

/** Queues events that are not audit entries (each once per watcher and key). */
export async function queueEvents(
  prisma: PrismaClient,
  events: readonly { userId: string; modificationId: number; eventKey: string; event: string; at: Date }[],
): Promise<number> {
  if (events.length === 0) return 0;
  const { count } = await prisma.watchNotice.createMany({
    data: events.map((e) => ({ userId: e.userId, modificationId: e.modificationId, eventKey: e.eventKey, event: e.event, changedAt: e.at })),
    skipDuplicates: true,
  });
  return count;
}
