// How a failed Slack call affects a scheduled run. Slack answering that the channel is gone or
// closed to the bot will not change by retrying: the subscription is stopped and administrators
// are told. Rate limits are waited out by the Web API client itself (it honours Retry-After);
// anything else fails the run, which the next tick retries.

export const CHANNEL_GONE_ERRORS = ["channel_not_found", "not_in_channel", "is_archived"] as const;

export type SlackFailure = { kind: "channel-gone"; error: string } | { kind: "transient"; error: string };

const explanations: Record<string, string> = {
  channel_not_found: "the channel no longer exists, or it is private and I am not in it",
  not_in_channel: "I am not a member of the channel",
  is_archived: "the channel is archived",
};

export function classifySlackFailure(error: unknown): SlackFailure {
  const slackError = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (typeof slackError === "string" && (CHANNEL_GONE_ERRORS as readonly string[]).includes(slackError)) {
    return { kind: "channel-gone", error: slackError };
  }
  if (typeof slackError === "string") return { kind: "transient", error: slackError };
  return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
}

export function explainChannelError(error: string): string {
  return Object.hasOwn(explanations, error) ? explanations[error]! : error;
}
