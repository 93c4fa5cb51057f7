import type { KnownBlock } from "@slack/types";
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { SLACK_BUSY, type ModalOrReply } from "../../../../commands/support/modals.ts";
import { requestOf } from "../../supervision.ts";
import { openViewWithinTrigger } from "../../triggerWindow.ts";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * A button that opens a modal for the modification in its value: acknowledged at once, the
 * modal opened while the trigger is fresh, or the reason it can't be said to the clicker alone.
 */
export function openFromButton(ctx: AppContext, build: (ctx: AppContext, userId: string, reference: string, channelId?: string) => Promise<ModalOrReply>) {
  return async ({ ack, body, action, client, respond, context }: ButtonArgs) => {
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const outcome = await build(ctx, body.user.id, action.value ?? "", channelId);
    if ("view" in outcome) {
      if (!(await openViewWithinTrigger(client, body.trigger_id, outcome.view, requestOf(context)))) await respond({ response_type: "ephemeral", replace_original: false, text: SLACK_BUSY });
    } else await respond({ response_type: "ephemeral", replace_original: false, text: outcome.text, blocks: outcome.blocks });
  };
}

/** A button that answers the clicker with a message (the status card, the history). */
type ButtonReply = { text: string; blocks?: KnownBlock[]; continued?: ButtonReply[] };

/** `build` gets who pressed it: the card shows their own Watch / Unwatch, as `/mod status` does. */
export function replyFromButton(ctx: AppContext, build: (ctx: AppContext, reference: string, userId: string) => Promise<ButtonReply>) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    await ack();
    const reply = await build(ctx, action.value ?? "", body.user.id);
    // A long answer (the history) goes on in further messages, in order.
    for (const message of [reply, ...(reply.continued ?? [])]) {
      await respond({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks });
    }
  };
}
