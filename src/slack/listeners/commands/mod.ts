import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { runModCommand } from "../../../../commands/dispatch.ts";
import type { CommandReply } from "../../../../commands/types.ts";
import type { AppContext } from "../../../appContext.ts";
import { requestOf } from "../../supervision.ts";
import { openViewWithinTrigger } from "../../triggerWindow.ts";

// Slack wants an answer within 3 s. Most answers are ready in milliseconds and go back in the
// acknowledgement itself; a slow one is acknowledged first and sent to response_url after, so
// the acknowledgement is never late (under a burst the request may already have waited to be
// read, hence counted from when it arrived). A form opening keeps its own deadline
// (triggerWindow.ts): its acknowledgement goes out empty meanwhile and "Slack is busy" follows
// on response_url if it could not open. A reply with `afterAck` (the report's posting and uploads)
// is acknowledged first and that work runs after, still inside this listener: the supervision
// counts the request in flight until it ends, so a graceful shutdown waits for it, and a
// failure there reaches the person on response_url.
// A failure, early or late, is answered by the supervision (src/slack/supervision.ts).
const ANSWER_IN_ACK_WITHIN_MS = 800;

export interface ModCommandOptions {
  /** Instead of ANSWER_IN_ACK_WITHIN_MS (tests on a loaded machine allow longer, within Slack's 3 s). */
  answerInAckWithinMs?: number;
}

export function modCommand(ctx: AppContext, options: ModCommandOptions = {}) {
  const answerWithin = options.answerInAckWithinMs ?? ANSWER_IN_ACK_WITHIN_MS;
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const request = requestOf(context);
    const outcome = runModCommand(command.text, ctx, {
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      client,
      arrivedAt: request?.arrivedAt,
      openView: (view) => openViewWithinTrigger(client, command.trigger_id, view, request),
    });
    const arrived = request?.receivedAt ?? Date.now();
    const early = await firstOf(outcome, arrived + answerWithin - Date.now());
    if (early) {
      await ack("opened" in early ? undefined : toSlackMessage(early));
      if (!("opened" in early)) {
        await sendContinued(respond, early);
        await runAfterAck(respond, early);
      }
      return;
    }
    await ack();
    const late = await outcome;
    if (!("opened" in late)) {
      await respond(toSlackMessage(late));
      await sendContinued(respond, late);
      await runAfterAck(respond, late);
    }
  };
}

async function runAfterAck(respond: SlackCommandMiddlewareArgs["respond"], reply: CommandReply): Promise<void> {
  const next = await reply.afterAck?.();
  if (!next) return;
  await respond(toSlackMessage(next));
  await sendContinued(respond, next);
}

/** A long answer goes on in further messages to the same response_url, in order. */
async function sendContinued(respond: SlackCommandMiddlewareArgs["respond"], reply: CommandReply): Promise<void> {
  for (const next of reply.continued ?? []) await respond(toSlackMessage({ ...next, visibility: reply.visibility }));
}

function toSlackMessage(reply: CommandReply) {
  return { response_type: reply.visibility ?? "ephemeral", text: reply.text, blocks: reply.blocks };
}

/** What `outcome` resolves to within `ms`, or undefined; the timer goes as soon as it has. */
async function firstOf<T>(outcome: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    // A burst would otherwise leave one 800 ms timer per command behind in the timer list.
    clearTimeout(timer);
  }
}
