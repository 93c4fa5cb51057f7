import type { NudgeSettings } from "../config.ts";
import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { saveProgress } from "../data/jobRuns.ts";
import { nudgeBlocks, nudgeText } from "../slack/blocks/nudge.ts";
import { nudgesDue, type Nudge, type NudgeAssessment } from "./nudgeRules.ts";

// One channel's nudges for the day. Each nudge is claimed in nudge_sent before it is posted
// (the unique assessment + threshold + channel row), so two instances, a retry or tomorrow's run
// never post it again; a post Slack refuses gives its claim back for the next attempt.


export type { NudgeSettings };

/** Assessments whose clock may be running on `today`; the verdict (nudgeRules.ts) decides the rest. */
export function loadNudgeAssessments(ctx: AppContext, today: Date): Promise<NudgeAssessment[]> {
  return ctx.prisma.assessment.findMany({
    where: { acceptedOn: { not: null }, status: { notIn: ["ON_HOLD", "CANCELLED"] }, OR: [{ deliveredOn: null }, { deliveredOn: { gt: today } }] },
    select: {
      id: true,
      type: true,
      status: true,
      acceptedOn: true,
      targetDurationWd: true,
      targetDate: true,
      deliveredOn: true,
      snoozedUntil: true,
      contact: true,
      modification: { select: { reference: true, title: true } },
    },
  });
}

/** The nudges due in a channel today (or, with no channel, in a channel that has had none). */
export async function nudgesFor(ctx: AppContext, args: { channelId?: string; today: Date; settings: NudgeSettings }): Promise<Nudge[]> {
  const [assessments, sent] = await Promise.all([
    loadNudgeAssessments(ctx, args.today),
    args.channelId
      ? ctx.prisma.nudgeSent.findMany({ where: { channelId: args.channelId }, select: { assessmentId: true, threshold: true } })
      : Promise.resolve([]),
  ]);
  const alreadySent = new Set(sent.map((s) => `${s.assessmentId}:${s.threshold}`));
  return nudgesDue(assessments, args.today, { warnWorkingDaysBefore: args.settings.warnWorkingDaysBefore, alreadySent });
}

export interface NudgeOutput {
  posted: { reference: string; type: string; threshold: string; ts: string }[];
}

export async function postNudges(
  ctx: AppContext,
  client: WebClient,
  args: { key: string; channelId: string; today: Date; settings: NudgeSettings; progress: NudgeOutput | null },
): Promise<NudgeOutput> {
  const output: NudgeOutput = { posted: [...(args.progress?.posted ?? [])] };
  for (const nudge of await nudgesFor(ctx, args)) {
    const claim = { assessmentId: nudge.assessment.id, threshold: nudge.threshold, channelId: args.channelId };
    const { count } = await ctx.prisma.nudgeSent.createMany({ data: [{ ...claim, sentAt: ctx.now() }], skipDuplicates: true });
    if (count === 0) continue;
    // Both readings passed at once: this one nudge says both, so the second is never posted.
    const covered = nudge.alsoCovers.map((threshold) => ({ ...claim, threshold }));
    if (covered.length) await ctx.prisma.nudgeSent.createMany({ data: covered.map((c) => ({ ...c, sentAt: ctx.now() })), skipDuplicates: true });
    let ts: string;
    try {
      const result = await client.chat.postMessage({
        channel: args.channelId,
        text: nudgeText(nudge),
        blocks: nudgeBlocks(nudge, args.settings.defaultContact, ctx.publicUrl),
        unfurl_links: false,
      });
      ts = String(result.ts);
    } catch (error) {
      await ctx.prisma.nudgeSent.deleteMany({
        where: { assessmentId: claim.assessmentId, channelId: claim.channelId, threshold: { in: [nudge.threshold, ...nudge.alsoCovers] }, messageTs: null },
      });
      throw error;
    }
    await ctx.prisma.nudgeSent.updateMany({ where: claim, data: { messageTs: ts } });
    output.posted.push({ reference: nudge.assessment.modification.reference, type: nudge.assessment.type, threshold: nudge.threshold, ts });
    await saveProgress(ctx.prisma, args.key, { posted: output.posted });
  }
  return output;
}
