import { z } from "zod";
import { checkRole } from "../src/data/roles.ts";
import { listSubscriptions, subscriptionKindNames, unsubscribe, type SubscriptionKind } from "../src/data/subscriptions.ts";
import { jobNameOf } from "../src/jobs/schedule.ts";
import { defineSubcommand } from "./types.ts";

const usage = "/mod unsubscribe [digest|nudges|report|all]";

const kindArg = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, context): SubscriptionKind[] => {
    if (text === "" || text === "all" || text === "both") return ["DIGEST", "NUDGES", "REPORT"];
    if (text === "digest" || text === "digests") return ["DIGEST"];
    if (text === "nudge" || text === "nudges") return ["NUDGES"];
    if (text === "report" || text === "reports") return ["REPORT"];
    context.addIssue({ code: "custom", message: `"${text}" isn't something I can unsubscribe from. Try digest, nudges, report or all: ${usage}` });
    return z.NEVER;
  });

/** "the weekly digest, the late-assessment nudges and the monthly report" */
function theKinds(subscriptions: readonly { kind: SubscriptionKind }[]): string {
  const names = subscriptions.map((s) => `the ${subscriptionKindNames[s.kind]}`);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

export default defineSubcommand({
  name: "unsubscribe",
  aliases: ["unsub"],
  usage,
  summary: "Administrators: stop the digest, the nudges or the monthly report in this channel (all of them by default)",
  examples: ["/mod unsubscribe", "/mod unsubscribe nudges", "/mod unsubscribe report"],
  args: kindArg,
  async run(kinds, ctx, invocation) {
    const permission = await checkRole(ctx, invocation.userId, "ADMIN", "Changing subscriptions");
    if (!permission.ok) return { text: permission.message };
    const removed = await unsubscribe(ctx, { channelId: invocation.channelId, kinds, actor: invocation.userId });
    if (removed.length === 0) {
      const existing = await listSubscriptions(ctx.prisma, { channelId: invocation.channelId });
      const has = existing.length ? ` It has ${theKinds(existing)}.` : " It has no subscriptions.";
      return { text: `This channel isn't subscribed to that.${has} \`/mod subscriptions\` lists every channel's.` };
    }
    const names = theKinds(removed);
    const words = removed.map((s) => jobNameOf(s.kind));
    const commands = (words.length === 2 && words.includes("digest") && words.includes("nudges") ? ["all"] : words).map((w) => `\`/mod subscribe ${w}\``);
    const again = `${commands.join(" and ")} ${commands.length === 1 ? "brings" : "bring"} ${words.length === 1 ? "it" : "them"} back`;
    return { visibility: "in_channel", text: `🔕 <@${invocation.userId}> stopped ${names} in this channel. ${again}.` };
  },
});
