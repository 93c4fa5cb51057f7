import type { AppContext } from "../appContext.ts";
import type { PrismaClient } from "./database.ts";
import type { ChannelSubscription, SubscriptionKind } from "./generated/prisma/client.ts";

// Which channels get the weekly digest, the late-assessment nudges and the monthly report, and on
// what schedule.
// One row per channel and kind; subscribing again replaces the schedule and mends a broken one.

export type { ChannelSubscription, SubscriptionKind };

export const subscriptionKindNames: Record<SubscriptionKind, string> = {
  DIGEST: "weekly digest",
  NUDGES: "late-assessment nudges",
  REPORT: "monthly report",
};

export function listSubscriptions(prisma: PrismaClient, where: { channelId?: string } = {}): Promise<ChannelSubscription[]> {
  return prisma.channelSubscription.findMany({ where, orderBy: [{ channelId: "asc" }, { kind: "asc" }] });
}

/** The subscriptions the scheduler runs: those not marked broken. */
export function listRunnableSubscriptions(prisma: PrismaClient): Promise<ChannelSubscription[]> {
  return prisma.channelSubscription.findMany({ where: { brokenAt: null } });
}

export async function subscribe(
  ctx: AppContext,
  args: { channelId: string; kind: SubscriptionKind; schedule: string; timezone: string; actor: string },
): Promise<{ previous: ChannelSubscription | null; current: ChannelSubscription }> {
  return ctx.prisma.$transaction(async (tx) => {
    const where = { channelId_kind: { channelId: args.channelId, kind: args.kind } };
    const previous = await tx.channelSubscription.findUnique({ where });
    // createdAt is the clock's, not the database's: slots before it are never run, and tests and
    // the console move the clock.
    const fields = { schedule: args.schedule, timezone: args.timezone, createdBy: args.actor, createdAt: ctx.now(), brokenAt: null, brokenReason: null };
    const current = await tx.channelSubscription.upsert({ where, create: { channelId: args.channelId, kind: args.kind, ...fields }, update: fields });
    await tx.auditEntry.create({
      data: {
        entity: "channel_subscription",
        entityId: `${args.channelId}:${args.kind}`,
        action: previous ? "changed" : "subscribed",
        before: previous ? { schedule: previous.schedule, timezone: previous.timezone, brokenReason: previous.brokenReason } : undefined,
        after: { schedule: args.schedule, timezone: args.timezone },
        actor: args.actor,
        at: ctx.now(),
      },
    });
    return { previous, current };
  });
}

export async function unsubscribe(
  ctx: AppContext,
  args: { channelId: string; kinds: readonly SubscriptionKind[]; actor: string },
): Promise<ChannelSubscription[]> {
  return ctx.prisma.$transaction(async (tx) => {
    const removed = await tx.channelSubscription.findMany({ where: { channelId: args.channelId, kind: { in: [...args.kinds] } }, orderBy: { kind: "asc" } });
    if (removed.length === 0) return [];
    await tx.channelSubscription.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
    await tx.auditEntry.createMany({
      data: removed.map((s) => ({
        entity: "channel_subscription",
        entityId: `${s.channelId}:${s.kind}`,
        action: "unsubscribed",
        before: { schedule: s.schedule, timezone: s.timezone },
        actor: args.actor,
        at: ctx.now(),
      })),
    });
    return removed;
  });
}

/** Stops a subscription that Slack refuses to post to until someone subscribes the channel again. */
export async function markSubscriptionBroken(ctx: AppContext, id: number, reason: string): Promise<boolean> {
  const { count } = await ctx.prisma.channelSubscription.updateMany({
    where: { id, brokenAt: null },
    data: { brokenAt: ctx.now(), brokenReason: reason },
  });
  return count > 0;
}

/** Everyone who is told when a subscription breaks: MODBOT_ADMINS and those granted the role. */
export async function administratorIds(ctx: AppContext): Promise<string[]> {
  const granted = await ctx.prisma.userRole.findMany({ where: { role: "ADMIN" }, select: { userId: true } });
  return [...new Set([...ctx.initialAdmins, ...granted.map((r) => r.userId)])];
}
