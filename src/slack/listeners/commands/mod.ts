import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { runModCommand } from "../../../../commands/dispatch.ts";
import type { CommandReply } from "../../../../commands/types.ts";
import type { AppContext } from "../../../appContext.ts";

// Slack wants an answer within 3 s. Most answers are ready in milliseconds and go back in the
// acknowledgement itself; a slow one is acknowledged first and sent to response_url after.
const ANSWER_IN_ACK_WITHIN_MS = 2000;

export function modCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const outcome = runModCommand(command.text, ctx, {
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      client,
    }).catch((error: unknown): CommandReply => {
      logger.error(`/mod ${command.text} failed`, error);
      return { text: "Sorry, something went wrong on my side and nothing was changed. Please try again; if it keeps happening, tell an administrator." };
    });
    const early = await Promise.race([outcome, delay(ANSWER_IN_ACK_WITHIN_MS)]);
    if (early) {
      await ack("opened" in early ? undefined : toSlackMessage(early));
      return;
    }
    await ack();
    const late = await outcome;
    if (!("opened" in late)) await respond(toSlackMessage(late));
  };
}

function toSlackMessage(reply: CommandReply) {
  return { response_type: reply.visibility ?? "ephemeral", text: reply.text, blocks: reply.blocks };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
