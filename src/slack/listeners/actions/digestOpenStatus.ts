import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { statusReply } from "../../../../commands/status.ts";
import { requestOf } from "../../supervision.ts";

// The digest's "Open a status card…" menu: the chosen modification's card, as `/mod status`
// shows it to whoever asked (their own Watch / Unwatch included).

export function openStatusFromDigest(ctx: AppContext) {
  return async ({ ack, action, body, respond, context }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs) => {
    await ack();
    const reply = await statusReply(ctx, action.selected_option?.value ?? "", body.user.id, requestOf(context)?.arrivedAt);
    await respond({ response_type: "ephemeral", replace_original: false, text: reply.text, blocks: reply.blocks });
  };
}
