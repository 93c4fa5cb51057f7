import { lookUpModificationCard } from "../src/data/modifications.ts";
import { statusCardBlocks, statusCardText } from "../src/slack/blocks/statusCard.ts";
import { explainMissing, referenceArg } from "./support/reference.ts";
import { defineSubcommand } from "./types.ts";

const usage = "/mod status REF";

export default defineSubcommand({
  name: "status",
  aliases: ["s", "show"],
  usage,
  summary: "Where a modification stands: stage, next step, DCC assessments, votes, release",
  examples: ["/mod status SECMP0053", "/mod status mp76", "/mod status DP084"],
  args: referenceArg(usage),
  async run(typed, ctx) {
    const lookup = await lookUpModificationCard(ctx.prisma, typed, ctx.cache);
    if (lookup.kind !== "found") return explainMissing(lookup);
    return { text: statusCardText(lookup.card), blocks: statusCardBlocks(lookup.card, ctx.today()) };
  },
});
