import type { AppContext } from "../src/appContext.ts";
import { historyOf } from "../src/data/history.ts";
import { historyMessages } from "../src/slack/blocks/history.ts";
import { referenceArg, resolveReference } from "./support/reference.ts";
import { defineSubcommand, pagedReply, type CommandReply } from "./types.ts";

const usage = "/mod history REF";

export async function historyReply(ctx: AppContext, typed: string): Promise<CommandReply> {
  const found = await resolveReference(ctx, typed);
  if (!found.ok) return found.reply;
  const [items, row] = await Promise.all([
    historyOf(ctx, found.id),
    ctx.prisma.modification.findUniqueOrThrow({ where: { id: found.id }, select: { title: true } }),
  ]);
  return pagedReply(historyMessages(found.reference, row.title, items));
}

export default defineSubcommand({
  name: "history",
  aliases: ["log", "audit"],
  usage,
  summary: "Every change to a modification: who, when, before → after",
  examples: ["/mod history DP084", "/mod history secmp53"],
  args: referenceArg(usage),
  run: (typed, ctx) => historyReply(ctx, typed),
});
