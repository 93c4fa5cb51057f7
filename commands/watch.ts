import type { AppContext } from "../src/appContext.ts";
import { watch, watcherChoices } from "../src/data/watches.ts";
import { referenceArg, resolveReference } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

const usage = "/mod watch REF";

/** Starts watching, and says what that means; also behind the status card's Watch button. */
export async function watchReply(ctx: AppContext, userId: string, typed: string): Promise<CommandReply> {
  const resolved = await resolveReference(ctx, typed);
  if (!resolved.ok) return resolved.reply;
  const started = await watch(ctx.prisma, userId, resolved.id, ctx.now());
  const choices = await watcherChoices(ctx.prisma, userId);
  const muted = choices.muted ? " Your direct messages are muted at the moment: unmute them on my Home tab." : "";
  return {
    text: started
      ? `👀 You're watching ${resolved.reference}. When someone else changes its stage or status, records a Change Board vote or decision, logs DCC dates or moves its release, I'll tell you in a direct message (changes a few minutes apart come together; outside 08:00–18:00 on SEC working days they wait for the next working morning).${muted} \`/mod unwatch ${resolved.reference}\` stops it.`
      : `You already watch ${resolved.reference}. \`/mod watching\` lists what you watch.`,
  };
}

export default defineSubcommand({
  name: "watch",
  aliases: ["follow"],
  usage,
  summary: "Get a direct message when someone else changes a modification (stage, votes, DCC dates, release)",
  details:
    "Changes you make yourself are never messaged. Several changes within a few minutes arrive as one message; outside London working hours (08:00–18:00 on SEC working days) they wait for the next working morning unless you choose otherwise on my Home tab, where you can also mute them all.",
  examples: ["/mod watch MP080", "/mod watch secmp53"],
  args: referenceArg(usage),
  run: (typed, ctx, invocation) => watchReply(ctx, invocation.userId, typed),
});
