import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { lookUpModificationCard } from "../../../data/modifications.ts";
import { statusCardBlocks, statusCardText } from "../../blocks/statusCard.ts";

// The digest's "Open a status card…" menu: shows the chosen modification's card to whoever asked.

export function openStatusFromDigest(ctx: AppContext) {
  return async ({ ack, action, respond }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs) => {
    await ack();
    const reference = action.selected_option?.value ?? "";
    const lookup = await lookUpModificationCard(ctx.prisma, reference, ctx.cache);
    const card = lookup.kind === "found" ? lookup.card : null;
    if (!card) return void (await respond({ response_type: "ephemeral", replace_original: false, text: `${reference} is no longer in the register.` }));
    await respond({ response_type: "ephemeral", replace_original: false, text: statusCardText(card), blocks: statusCardBlocks(card, ctx.today(), { publicUrl: ctx.publicUrl }) });
  };
}
