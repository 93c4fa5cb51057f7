import type { AppContext } from "../src/appContext.ts";
import { unwatch } from "../src/data/watches.ts";
import { referenceArg, resolveReference } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

const usage = "/mod unwatch REF";

/** Stops watching; also behind the status card's Unwatch button. */
export async function unwatchReply(ctx: AppContext, userId: string, typed: string): Promise<CommandReply> {
  const resolved = await resolveReference(ctx, typed);
  if (!resolved.ok) return resolved.reply;
  const stopped = await unwatch(ctx.prisma, userId, resolved.id);
  return {
    text: stopped
      ? `You no longer watch ${resolved.reference}; I won't message you about it.`
      : `You weren't watching ${resolved.reference}. \`/mod watching\` lists what you watch.`,
  };
}

export default defineSubcommand({
  name: "unwatch",
  aliases: ["unfollow"],
  usage,
  summary: "Stop the direct messages about a modification you watch",
  examples: ["/mod unwatch MP080"],
  args: referenceArg(usage),
  run: (typed, ctx, invocation) => unwatchReply(ctx, invocation.userId, typed),
});
