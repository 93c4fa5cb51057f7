import { z } from "zod";
import type { AppContext } from "../../src/appContext.ts";
import { lookUpReference } from "../../src/data/modifications.ts";
import type { CommandReply } from "../types.ts";

/** The argument schema of subcommands that take one modification reference. */
export function referenceArg(usage: string) {
  return z.string().trim().min(1, `Which modification? Usage: ${usage}`);
}

export type Resolved = { ok: true; id: number; reference: string } | { ok: false; reply: CommandReply };

/** Resolves what the user typed to a modification, or the message that says why not. */
export async function resolveReference(ctx: AppContext, typed: string): Promise<Resolved> {
  const lookup = await lookUpReference(ctx.prisma, typed);
  switch (lookup.kind) {
    case "found":
      return { ok: true, id: lookup.id, reference: lookup.reference };
    case "not-a-reference":
      return {
        ok: false,
        reply: { text: `"${typed}" isn't a modification reference. Try SECMP0053, MP079 or DP084.` },
      };
    case "not-found": {
      const suggestions = lookup.suggestions.map((s) => `${s.reference} (${s.title})`);
      const didYouMean = suggestions.length ? ` Did you mean ${suggestions.join(" or ")}?` : "";
      return { ok: false, reply: { text: `I couldn't find ${typed.toUpperCase()}.${didYouMean}` } };
    }
  }
}
