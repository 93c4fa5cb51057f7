import type { View } from "@slack/types";
import { WebClient, type WebAPICallError } from "@slack/web-api";
import { inForeground } from "../data/foreground.ts";
import type { RequestState } from "./supervision.ts";

// Slack refuses a trigger_id older than 3 seconds, so a modal opened later than that never
// appears (and a retried views.open that succeeds late pops a form up long after the click).
// views.open therefore gets what is left of the window, measured from when the request arrived,
// with no retries; when Slack can't answer in that time the person is told to try again.

/** How much of Slack's 3 s a modal may take, leaving room for the request's own way to us. */
export const TRIGGER_WINDOW_MS = 2500;
/** Below this there is no point in calling Slack. */
const MIN_CALL_MS = 100;

const BUSY_ERRORS = new Set(["expired_trigger_id", "exchanged_trigger_id", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

function isSlackTooSlow(error: unknown): boolean {
  const e = error as WebAPICallError & { data?: { error?: string } };
  if (e?.code === "slack_webapi_request_error" || e?.code === "slack_webapi_http_error" || e?.code === "slack_webapi_rate_limited_error") return true;
  return typeof e?.data?.error === "string" && BUSY_ERRORS.has(e.data.error);
}

/** Opens the modal if Slack answers within the trigger window; false when it did not (nothing opened). */
export async function openViewWithinTrigger(appClient: WebClient, triggerId: string, view: View, request: RequestState | undefined): Promise<boolean> {
  const remaining = (request?.receivedAt ?? Date.now()) + TRIGGER_WINDOW_MS - Date.now();
  if (remaining < MIN_CALL_MS) {
    request?.logger.warn({ remainingMs: remaining }, "views.open not tried: the trigger window had passed");
    return false;
  }
  // A client of its own for this one call: the app's retries for up to 30 minutes and waits out rate limits.
  const client = new WebClient(appClient.token, {
    slackApiUrl: appClient.slackApiUrl,
    timeout: remaining,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(request ? { fetch: request.webApi.fetch, logger: request.webApi.logger } : {}),
  });
  try {
    // Writes queued in this process wait while a form is being opened (foreground.ts).
    await inForeground(() => client.views.open({ trigger_id: triggerId, view }));
    return true;
  } catch (error) {
    if (!isSlackTooSlow(error)) throw error;
    request?.logger.warn({ err: error, remainingMs: remaining }, "views.open did not succeed within the trigger window; the user was told Slack is busy");
    if (request) request.outcome = "slack-busy";
    return false;
  }
}
