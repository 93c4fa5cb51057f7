import { z } from "zod";
import { listSubscriptions, subscriptionKindNames } from "../src/data/subscriptions.ts";
import { formatReportDate } from "../src/domain/calendarDate.ts";
import { describeInstant, describeSchedule, describeSlotKey, jobNameOf, localDateOf, nextSlotAfter, slotKeyPrefix } from "../src/jobs/schedule.ts";
import { pagedAnswer } from "../src/slack/blocks/limits.ts";
import { defineSubcommand, pagedReply } from "./types.ts";

const statusIcons = { SUCCEEDED: "✅", FAILED: "❌", SKIPPED: "⏭", RUNNING: "⏳" } as const;

export default defineSubcommand({
  name: "subscriptions",
  aliases: ["subs"],
  usage: "/mod subscriptions",
  summary: "Which channels get the digest, the nudges and the monthly report, when, and how the last run went",
  args: z.string().trim(),
  async run(_text, ctx, invocation) {
    const subscriptions = await listSubscriptions(ctx.prisma);
    if (subscriptions.length === 0) {
      return {
        text: "No channel is subscribed now. An administrator can run `/mod subscribe` in a channel for the weekly digest, `/mod subscribe all` for the digest and the late-assessment nudges, or `/mod subscribe report` for the monthly report.",
      };
    }
    const lines = await Promise.all(
      subscriptions.map(async (s) => {
        const here = s.channelId === invocation.channelId ? " (this channel)" : "";
        const head = `• <#${s.channelId}>${here} — ${subscriptionKindNames[s.kind]}`;
        const kind = s.kind;
        const when = describeSchedule(kind, s.schedule);
        if (s.brokenAt) {
          const since = formatReportDate(localDateOf(s.brokenAt, s.timezone));
          return `${head}, ${when}\n      ⚠️ *paused since ${since}*: Slack said \`${s.brokenReason}\`. Invite me and run \`/mod subscribe ${jobNameOf(kind)}\` in the channel to resume.`;
        }
        const next = nextSlotAfter(s, ctx.now());
        const last = await ctx.prisma.jobRun.findFirst({
          where: { key: { startsWith: slotKeyPrefix(kind, s.channelId) } },
          orderBy: { scheduledFor: "desc" },
          select: { key: true, status: true },
        });
        const lastText = last ? ` · last: ${statusIcons[last.status]} ${describeSlotKey(last.key) ?? ""}` : "";
        return `${head}, ${when}${next ? ` · next: ${describeInstant(next.scheduledFor, s.timezone)}` : ""}${lastText}`;
      }),
    );
    const heading = `*Subscriptions* (${subscriptions.length}) · times are London time`;
    return pagedReply(pagedAnswer({ heading, text: heading, lines, tooMany: "`/mod unsubscribe` in a channel removes its subscriptions." }));
  },
});
