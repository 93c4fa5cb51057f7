import type { WebClient } from "@slack/web-api";
import { classifySlackFailure, explainChannelError } from "../jobs/slackFailures.ts";
import type { Announcement } from "./blocks/confirmations.ts";

// Every write the channel should hear about is told the same way, whichever surface made it:
// a typed command answers in the channel with `announcement(…)`; a form or a button posts the
// same message to the channel it was opened from, here. One message per write: the person who
// made it reads the same one as everybody else.

export { announcement } from "./blocks/confirmations.ts";

/**
 * Posts a form's or a button's announcement after its write. A channel the bot can't post in
 * must not undo the write, but the person who made it is told, in a direct message (the channel
 * itself may be what refuses), that it was saved and the channel wasn't told.
 */
export async function announce(
  client: WebClient,
  channelId: string | undefined,
  message: Announcement,
  logger: { warn(...args: unknown[]): void },
  madeBy: string,
): Promise<void> {
  if (!channelId) return;
  try {
    await client.chat.postMessage({ channel: channelId, ...message });
  } catch (error) {
    const failure = classifySlackFailure(error);
    logger.warn(`Couldn't tell ${channelId} about a change (${failure.error})`);
    const notice = `⚠️ Saved, but I couldn't tell <#${channelId}>: ${explainChannelError(failure.error)}. Nothing needs doing again; share it there yourself if people should know.`;
    await client.chat
      .postMessage({ channel: madeBy, text: `${notice}\n${message.text}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: notice } }, ...message.blocks] })
      .catch((dmError: unknown) => logger.warn(`Couldn't tell ${madeBy} that ${channelId} wasn't told either`, dmError));
  }
}
