import type { AppContext } from "../src/appContext.ts";
import { inForeground } from "../src/data/foreground.ts";
import { lookUpModificationCard } from "../src/data/modifications.ts";
import { isWatching } from "../src/data/watches.ts";
import { statusCardBlocks, statusCardText } from "../src/slack/blocks/statusCard.ts";
import { explainMissing, referenceArg } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

const usage = "/mod status REF";

// A cached card is the same object until the register changes it, so its renderings (working
// days, verdicts; with the Watch button and with Unwatch) are kept with it for the day.
const rendered = new WeakMap<object, { day: number; replies: Map<boolean, CommandReply> }>();

/**
 * The status card for what the user typed, or why there is none; also behind "View status"
 * buttons. It reflects every change committed before `asOf` (performance.now(): when the request
 * arrived; by default, now): on a server one change-feed barrier vouches for both its reads, and
 * one another request sent since may already have (changeFeed.ts).
 */
export function statusReply(ctx: AppContext, typed: string, userId?: string, asOf = performance.now()): Promise<CommandReply> {
  const cache = ctx.cache.asOf(asOf);
  // Read-only and awaited by someone within Slack's 3 s: queued writes let it go first.
  return inForeground(async () => {
    const lookup = await lookUpModificationCard(ctx.prisma, typed, cache);
    if (lookup.kind !== "found") return explainMissing(lookup);
    const watching = userId ? await isWatching(ctx.prisma, userId, lookup.card.id, cache) : false;
    const today = ctx.today();
    let kept = rendered.get(lookup.card);
    if (kept?.day !== today.getTime()) rendered.set(lookup.card, (kept = { day: today.getTime(), replies: new Map() }));
    let reply = kept.replies.get(watching);
    if (!reply) kept.replies.set(watching, (reply = { text: statusCardText(lookup.card), blocks: statusCardBlocks(lookup.card, today, { watching, publicUrl: ctx.publicUrl }) }));
    return reply;
  });
}

/**
 * Renders every card once (working days, verdicts, Block Kit), so the replies are kept and the
 * code the first burst after a start runs is already compiled: measured, the cold burst's status
 * p99 was over 3× bare Bolt's without it.
 */
export async function primeStatusReplies(ctx: AppContext, references: readonly string[]): Promise<void> {
  for (const reference of references) await statusReply(ctx, reference);
}

export default defineSubcommand({
  name: "status",
  aliases: ["s", "show"],
  usage,
  summary: "Where a modification stands: stage, next step, DCC assessments, votes, release",
  examples: ["/mod status SECMP0053", "/mod status mp76", "/mod status DP084"],
  args: referenceArg(usage),
  run: (typed, ctx, invocation) => statusReply(ctx, typed, invocation.userId, invocation.arrivedAt),
});
