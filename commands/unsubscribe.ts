import { z } from "zod";
import { checkRole } from "../src/data/roles.ts";
import { listSubscriptions, subscriptionKindNames, unsubscribe, type SubscriptionKind } from "../src/data/subscriptions.ts";
import { defineSubcommand } from "./types.ts";

const usage = "/mod unsubscribe [digest|nudges|all]";

const kindArg = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, context): SubscriptionKind[] => {
    if (text === "" || text === "all" || text === "both") return ["DIGEST", "NUDGES", "REPORT"];
    if (text === "digest" || text === "digests") return ["DIGEST"];
    if (text === "nudge" || text === "nudges") return ["NUDGES"];
    context.addIssue({ code: "custom", message: `"${text}" isn't something I can unsubscribe from. Try digest, nudges or all: ${usage}` });
    return z.NEVER;
  });

export default defineSubcommand({
  name: "unsubscribe",
  aliases: ["unsub"],
  usage,
  summary: "Administrators: stop the digest and/or nudges in this channel (all of them by default)",
  examples: ["/mod unsubscribe", "/mod unsubscribe nudges"],
  args: kindArg,
  async run(kinds, ctx, invocation) {
    const permission = await checkRole(ctx, invocation.userId, "ADMIN", "Changing subscriptions");
    if (!permission.ok) return { text: permission.message };
    const removed = await unsubscribe(ctx, { channelId: invocation.channelId, kinds, actor: invocation.userId });
    if (removed.length === 0) {
      const existing = await listSubscriptions(ctx.prisma, { channelId: invocation.channelId });
      const has = existing.length ? ` It has the ${existing.map((s) => subscriptionKindNames[s.kind]).join(" and the ")}.` : " It has no subscriptions.";
      return { text: `This channel isn't subscribed to that.${has} \`/mod subscriptions\` lists every channel's.` };
    }
    const names = removed.map((s) => subscriptionKindNames[s.kind]).join(" and the ");
    return { visibility: "in_channel", text: `🔕 <@${invocation.userId}> stopped the ${names} in this channel. \`/mod subscribe\` brings it back.` };
  },
});
