import { z } from "zod";
import type { AppContext } from "../../src/appContext.ts";
import { lookUpReference, type ReferenceLookup } from "../../src/data/modifications.ts";
import { escapeMrkdwn, quoted } from "../../src/slack/blocks/mrkdwn.ts";
import type { CommandReply } from "../types.ts";

/** The argument schema of subcommands that take one modification reference. */
export function referenceArg(usage: string) {
  return z.string().trim().min(1, `Which modification? Usage: ${usage}`);
}

export type Resolved = { ok: true; id: number; reference: string } | { ok: false; reply: CommandReply };

/** Resolves what the user typed to a modification, or the message that says why not. */
export async function resolveReference(ctx: AppContext, typed: string): Promise<Resolved> {
  const lookup = await lookUpReference(ctx.prisma, typed);
  return lookup.kind === "found" ? { ok: true, id: lookup.id, reference: lookup.reference } : { ok: false, reply: explainMissing(lookup) };
}

/** Why what the user typed found nothing, with the closest references when there are some. */
export function explainMissing(lookup: Exclude<ReferenceLookup, { kind: "found" }>): CommandReply {
  const typed = lookup.typed;
  switch (lookup.kind) {
    case "not-a-reference":
      return { text: `${quoted(typed)} isn't a modification reference. Try SECMP0053, MP079 or DP084.` };
    case "not-found": {
      const suggestions = lookup.suggestions.map((s) => `${s.reference} (${escapeMrkdwn(s.title)})`);
      const didYouMean = suggestions.length ? ` Did you mean ${suggestions.join(" or ")}?` : "";
      return { text: `I couldn't find ${escapeMrkdwn(typed.toUpperCase())}.${didYouMean}` };
    }
  }
}
