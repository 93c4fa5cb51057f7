import { LogLevel, WebClient, type RetryOptions } from "@slack/web-api";
import type { TestApp } from "./testApp.ts";

// For tests that drive the scheduler themselves: a Web API client that retries quickly (so
// failure tests don't wait out Slack's real back-off), and the posts the fake Slack received.

export function fastClient(apiUrl: string, retryConfig: RetryOptions = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 }): WebClient {
  return new WebClient("xoxb-test-token", { slackApiUrl: apiUrl, logLevel: LogLevel.ERROR, retryConfig });
}

export function postsTo(app: TestApp, channel: string) {
  return app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === channel);
}

/** The bot's clock, moved by the test: `at(iso)` sets the time every `now()` returns. */
export function movableClock(startIso: string) {
  let current = new Date(startIso);
  return {
    now: () => current,
    at: (iso: string) => {
      current = new Date(iso);
    },
  };
}
