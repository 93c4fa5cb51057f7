import { z } from "zod";
import type { AppContext } from "../src/appContext.ts";
import { listParties } from "../src/data/proposals.ts";
import { checkRole } from "../src/data/roles.ts";
import { raiseModal } from "../src/slack/blocks/raiseModal.ts";
import { openModal, type ModalOrReply } from "./support/modals.ts";
import { defineSubcommand } from "./types.ts";

export const RAISING = "Raising a Draft Proposal";

export async function raiseModalFor(ctx: AppContext, userId: string, channelId: string, title?: string): Promise<ModalOrReply> {
  const allowed = await checkRole(ctx, userId, "ADMIN", RAISING);
  if (!allowed.ok) return { text: allowed.message };
  return { view: raiseModal({ parties: await listParties(ctx), today: ctx.today(), channelId, title }) };
}

export default defineSubcommand({
  name: "raise",
  aliases: ["new", "dp"],
  usage: "/mod raise [TITLE]",
  summary: "Raise a Draft Proposal (opens a form; it gets the next free DP number)",
  examples: ["/mod raise", "/mod raise Other User Panel Seating Amendment"],
  // A long title opens the form with it shortened (raiseModal), rather than refusing what was typed.
  args: z.string().trim(),
  async run(title, ctx, invocation) {
    return openModal(invocation, await raiseModalFor(ctx, invocation.userId, invocation.channelId, title || undefined));
  },
});
