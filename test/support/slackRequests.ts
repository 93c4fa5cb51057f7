import { createHmac } from "node:crypto";

// Builds requests exactly as Slack sends them: form-encoded, signed with the signing secret.

export const TEST_SIGNING_SECRET = "test-signing-secret";

export interface SignedRequestOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  retryNum?: number;
  badSignature?: boolean;
  /** Events API callbacks are JSON; commands and interactions are form-encoded. */
  contentType?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): any;
}

export async function postSigned(baseUrl: string, rawBody: string, options: SignedRequestOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.secret ?? TEST_SIGNING_SECRET;
  const digest = createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex");
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${options.badSignature ? digest.replace(/.$/, (c) => (c === "0" ? "1" : "0")) : digest}`,
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const response = await fetch(`${baseUrl}/slack/events`, { method: "POST", headers, body: rawBody });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

export interface SlashCommandFields {
  text: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl: string;
  command?: string;
}

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: "legacy-token-unused",
    team_id: "T0001",
    team_domain: "test",
    channel_id: fields.channelId ?? "C0001",
    channel_name: "modbot-test",
    user_id: fields.userId ?? "U0001",
    user_name: "tester",
    command: fields.command ?? "/mod",
    text: fields.text,
    api_app_id: "A0001",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger.${Date.now()}.${Math.random()}`,
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function blockActionPayload(args: {
  actionId: string;
  value?: string;
  userId?: string;
  channelId?: string;
  responseUrl: string;
  triggerId?: string;
  blockId?: string;
}): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: "T0001", domain: "test" },
    user: { id: args.userId ?? "U0001", username: "tester", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-token-unused",
    trigger_id: args.triggerId ?? `trigger.${Date.now()}`,
    channel: { id: args.channelId ?? "C0001", name: "modbot-test" },
    container: { type: "message", message_ts: "1700000000.000100", channel_id: args.channelId ?? "C0001" },
    response_url: args.responseUrl,
    actions: [
      {
        type: "button",
        action_id: args.actionId,
        block_id: args.blockId ?? "block",
        value: args.value ?? "",
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export function viewSubmissionPayload(args: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  userId?: string;
  viewId?: string;
  hash?: string;
}): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: "T0001", domain: "test" },
    user: { id: args.userId ?? "U0001", username: "tester", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-token-unused",
    trigger_id: `trigger.${Date.now()}`,
    view: {
      id: args.viewId ?? "V0001",
      type: "modal",
      callback_id: args.callbackId,
      private_metadata: args.privateMetadata ?? "",
      hash: args.hash ?? "hash-1",
      state: { values: args.values },
    },
  };
}

/** An Events API event_callback as Slack sends it (post it with contentType "application/json"). */
export function eventCallbackBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy-token-unused",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: `Ev${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}
