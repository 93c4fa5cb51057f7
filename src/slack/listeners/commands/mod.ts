import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { runModCommand } from "../../../../commands/dispatch.ts";
import type { CommandReply } from "../../../../commands/types.ts";
import type { AppContext } from "../../../appContext.ts";
import { requestOf } from "../../supervision.ts";
import { openViewWithinTrigger } from "../../triggerWindow.ts";

// Slack wants an answer within 3 s. Most answers are ready in milliseconds and go back in the
// acknowledgement itself; a slow one is acknowledged first and sent to response_url after.
// A failure, early or late, is answered by the supervision (src/slack/supervision.ts).
const ANSWER_IN_ACK_WITHIN_MS = 2000;

export function modCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const outcome = runModCommand(command.text, ctx, {
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      client,
      openView: (view) => openViewWithinTrigger(client, command.trigger_id, view, requestOf(context)),
    });
    const early = await Promise.race([outcome, delay(ANSWER_IN_ACK_WITHIN_MS)]);
    if (early) {
      await ack("opened" in early ? undefined : toSlackMessage(early));
      if (!("opened" in early)) await sendContinued(respond, early);
      return;
    }
    await ack();
    const late = await outcome;
    if (!("opened" in late)) {
      await respond(toSlackMessage(late));
      await sendContinued(respond, late);
    }
  };
}

/** A long answer goes on in further messages to the same response_url, in order. */
async function sendContinued(respond: SlackCommandMiddlewareArgs["respond"], reply: CommandReply): Promise<void> {
  for (const next of reply.continued ?? []) await respond(toSlackMessage({ ...next, visibility: reply.visibility }));
}

function toSlackMessage(reply: CommandReply) {
  return { response_type: reply.visibility ?? "ephemeral", text: reply.text, blocks: reply.blocks };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
