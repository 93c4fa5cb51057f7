import type { AppContext } from "../src/appContext.ts";
import { lookUpModificationCard } from "../src/data/modifications.ts";
import { statusCardBlocks, statusCardText } from "../src/slack/blocks/statusCard.ts";
import { explainMissing, referenceArg } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

const usage = "/mod status REF";

/** The status card for what the user typed, or why there is none; also behind "View status" buttons. */
export async function statusReply(ctx: AppContext, typed: string): Promise<CommandReply> {
  const lookup = await lookUpModificationCard(ctx.prisma, typed, ctx.cache);
  if (lookup.kind !== "found") return explainMissing(lookup);
  return { text: statusCardText(lookup.card), blocks: statusCardBlocks(lookup.card, ctx.today(), { publicUrl: ctx.publicUrl }) };
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
