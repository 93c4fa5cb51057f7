import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { z } from "zod";
import { checkRole } from "../src/data/roles.ts";
import { subscribe, subscriptionKindNames, type SubscriptionKind } from "../src/data/subscriptions.ts";
import { describeInstant, describeSchedule, jobNameOf, nextSlotAfter } from "../src/jobs/schedule.ts";
import { schedulesFromText } from "../src/jobs/scheduleText.ts";
import type { CommandInvocation } from "./types.ts";
import { defineSubcommand } from "./types.ts";

const usage = "/mod subscribe [digest|nudges|report|all] [DAY] [TIME]";
const TIMEZONE = "Europe/London";

// A Map, not an object: a typed word must never find Object.prototype's "constructor" or "__proto__".
const kindWords = new Map<string, SubscriptionKind[]>(Object.entries({
  digest: ["DIGEST"],
  digests: ["DIGEST"],
  nudge: ["NUDGES"],
  nudges: ["NUDGES"],
  weekly: ["DIGEST"],
  report: ["REPORT"],
  reports: ["REPORT"],
  monthly: ["REPORT"],
  // The monthly report is for the Panel's channel, not every working channel, so "all" stays the
  // two that keep a team going week to week; the report is asked for by name.
  all: ["DIGEST", "NUDGES"],
  both: ["DIGEST", "NUDGES"],
} satisfies Record<string, SubscriptionKind[]>));

/** "digest monday 10:00" → the kinds and the rest; without a kind word it is the digest. */
export function kindsAndRest(text: string): { kinds: SubscriptionKind[]; rest: string; named: boolean } {
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const kinds = kindWords.get(first.toLowerCase());
  return kinds ? { kinds, rest: rest.join(" "), named: true } : { kinds: ["DIGEST"], rest: text.trim(), named: false };
}

/** Whether the bot can post in the channel; a warning to show with the confirmation when not. */
async function membershipWarning(invocation: CommandInvocation): Promise<string | null> {
  try {
    const info = await invocation.client.conversations.info({ channel: invocation.channelId });
    if (info.channel?.is_archived) return "⚠️ This channel is archived, so nothing can be posted here.";
    if (info.channel && info.channel.is_member === false) return "⚠️ I'm not in this channel yet: `/invite @modbot` so I can post here.";
    return null;
  } catch (error) {
    // Without the channels:read scope Slack answers missing_scope: then we cannot tell, and say nothing.
    const code = (error as { data?: { error?: string } }).data?.error;
    return code === "channel_not_found" || code === "not_in_channel"
      ? "⚠️ I can't see this channel (a private channel needs an invitation): `/invite @modbot` so I can post here."
      : null;
  }
}

function stopHint(kinds: readonly SubscriptionKind[]): string {
  return kinds.length === 1 ? `\`/mod unsubscribe ${jobNameOf(kinds[0])}\` stops it.` : "`/mod unsubscribe` stops them.";
}

export default defineSubcommand({
  name: "subscribe",
  aliases: ["sub"],
  usage,
  summary:
    "Administrators: post the weekly digest (Mon 09:00), late-assessment nudges (working days 09:00) or the monthly report (first working day 09:00) here; all = digest + nudges",
  examples: ["/mod subscribe", "/mod subscribe all", "/mod subscribe digest friday 14:00", "/mod subscribe nudges 08:30", "/mod subscribe report"],
  args: z.string().trim(),
  async run(text, ctx, invocation) {
    const permission = await checkRole(ctx, invocation.userId, "ADMIN", "Changing subscriptions");
    if (!permission.ok) return { text: permission.message };
    if (/^D/.test(invocation.channelId)) {
      return { text: "Subscriptions are for channels: run `/mod subscribe` in the channel that should get the digest, the nudges or the report." };
    }
    const { kinds, rest } = kindsAndRest(text);
    const schedules = schedulesFromText(rest);
    if (!schedules.ok) return { text: `${escapeMrkdwn(schedules.message)}\nUsage: \`${usage}\`` };
    if (kinds.length === 1 && kinds[0] === "NUDGES" && schedules.dayGiven) {
      return { text: "Nudges go out on every SEC working day, so only a time counts: try `/mod subscribe nudges 08:30`." };
    }
    if (kinds.length === 1 && kinds[0] === "REPORT" && schedules.dayGiven) {
      return { text: "The report goes out on the first SEC working day of each month, so only a time counts: try `/mod subscribe report 10:00`." };
    }
    const lines: string[] = [];
    for (const kind of kinds) {
      const schedule = { DIGEST: schedules.digest, NUDGES: schedules.nudges, REPORT: schedules.report }[kind];
      const { previous, current } = await subscribe(ctx, { channelId: invocation.channelId, kind, schedule, timezone: TIMEZONE, actor: invocation.userId });
      const next = nextSlotAfter(current, ctx.now());
      const when = describeSchedule(kind, schedule);
      const verb = previous ? (previous.brokenAt ? "resumed" : "changed") : "subscribed";
      const nextText = next ? `; next: ${describeInstant(next.scheduledFor, TIMEZONE)}` : "";
      lines.push(`• ${subscriptionKindNames[kind]} ${when} (London time)${nextText}${verb === "subscribed" ? "" : ` — ${verb}`}`);
    }
    if (kinds.includes("NUDGES") && kinds.includes("DIGEST") && schedules.dayGiven) lines.push("_Nudges go out on every working day; the day you gave applies to the digest._");
    if (kinds.includes("NUDGES")) lines.push("_Each late DCC assessment is nudged once when its target passes, not every morning._");
    if (kinds.includes("REPORT")) lines.push("_The Change Status Report as at that day, as `/mod report` posts it: the summary, with the full report and the chart in its thread._");
    const warning = await membershipWarning(invocation);
    return {
      visibility: "in_channel",
      text: [`📬 <@${invocation.userId}> set up this channel's subscriptions:`, ...lines, ...(warning ? [warning] : []), stopHint(kinds)].join("\n"),
    };
  },
});
