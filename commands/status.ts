import { loadModificationCard } from "../src/data/modifications.ts";
import { statusCardBlocks, statusCardText } from "../src/slack/blocks/statusCard.ts";
import { referenceArg, resolveReference } from "./support/reference.ts";
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
    const resolved = await resolveReference(ctx, typed);
    if (!resolved.ok) return resolved.reply;
    const card = await loadModificationCard(ctx.prisma, resolved.id);
    if (!card) return { text: `${resolved.reference} was removed a moment ago.` };
    return { text: statusCardText(card), blocks: statusCardBlocks(card, ctx.today()) };
  },
});
