import type { AppContext } from "../src/appContext.ts";
import { inForeground } from "../src/data/foreground.ts";
import { lookUpModificationCard } from "../src/data/modifications.ts";
import { statusCardBlocks, statusCardText } from "../src/slack/blocks/statusCard.ts";
import { explainMissing, referenceArg } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

const usage = "/mod status REF";

// A cached card is the same object until the register changes it, so its rendering (working
// days, verdicts) is kept with it for the day it was rendered on.
const rendered = new WeakMap<object, { day: number; reply: CommandReply }>();

/** The status card for what the user typed, or why there is none; also behind "View status" buttons. */
export function statusReply(ctx: AppContext, typed: string): Promise<CommandReply> {
  // Read-only and awaited by someone within Slack's 3 s: queued writes let it go first.
  return inForeground(async () => {
    const lookup = await lookUpModificationCard(ctx.prisma, typed, ctx.cache);
    if (lookup.kind !== "found") return explainMissing(lookup);
    const today = ctx.today();
    const kept = rendered.get(lookup.card);
    if (kept?.day === today.getTime()) return kept.reply;
    const reply = { text: statusCardText(lookup.card), blocks: statusCardBlocks(lookup.card, today) };
    rendered.set(lookup.card, { day: today.getTime(), reply });
    return reply;
  });
}

export default defineSubcommand({
  name: "status",
  aliases: ["s", "show"],
  usage,
  summary: "Where a modification stands: stage, next step, DCC assessments, votes, release",
  examples: ["/mod status SECMP0053", "/mod status mp76", "/mod status DP084"],
  args: referenceArg(usage),
  run: (typed, ctx) => statusReply(ctx, typed),
});
