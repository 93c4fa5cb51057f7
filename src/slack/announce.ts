import type { WebClient } from "@slack/web-api";
import type { Announcement } from "./blocks/confirmations.ts";

// Every write the channel should hear about is told the same way, whichever surface made it:
// a typed command answers in the channel with `announcement(…)`; a form or a button posts the
// same message to the channel it was opened from, here. One message per write: the person who
// made it reads the same one as everybody else.

export { announcement } from "./blocks/confirmations.ts";

/** Posts a form's or a button's announcement; a channel the bot can't post in must not undo the write. */
export async function announce(
  client: WebClient,
  channelId: string | undefined,
  message: Announcement,
  logger: { warn(...args: unknown[]): void },
): Promise<void> {
  if (!channelId) return;
  await client.chat.postMessage({ channel: channelId, ...message }).catch((error: unknown) => logger.warn(`Couldn't tell ${channelId} about a change`, error));
}
