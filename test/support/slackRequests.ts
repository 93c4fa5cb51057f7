import { createHmac } from "node:crypto";
import { enforcePayload, enforceViewSubmissionAck } from "./blockKitContract.ts";

// Builds requests exactly as Slack sends them: form-encoded, signed with the signing secret.
// Every acknowledgement read here is held to the Block Kit contract (blockKitContract.ts).

export const TEST_SIGNING_SECRET = "test-signing-secret";

export interface SignedRequestOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  retryNum?: number;
  badSignature?: boolean;
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
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${options.badSignature ? digest.replace(/.$/, (c) => (c === "0" ? "1" : "0")) : digest}`,
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const response = await fetch(`${baseUrl}/slack/events`, { method: "POST", headers, body: rawBody });
  const text = await response.text();
  if (response.status === 200) enforceAck(rawBody, text);
  return { status: response.status, text, json: () => JSON.parse(text) };
}

/** What Slack would do with the bot's acknowledgement: a command's is a message, a submission's a response_action. */
function enforceAck(rawBody: string, text: string): void {
  const form = new URLSearchParams(rawBody);
  let ack: unknown;
  try {
    ack = text ? JSON.parse(text) : undefined;
  } catch {
    ack = text; // a command may be answered with plain text
  }
  if (form.has("command")) {
    if (ack && typeof ack === "object") enforcePayload(`the ack of "${form.get("command")} ${form.get("text")}"`, ack, "message");
    return;
  }
  const payload = form.get("payload");
  if (!payload) return;
  let parsed: { type?: string; view?: { callback_id?: string; state?: { values?: Record<string, unknown> } } };
  try {
    parsed = JSON.parse(payload);
  } catch {
    return;
  }
  if (parsed.type === "view_submission") {
    enforceViewSubmissionAck(ack, { callbackId: parsed.view?.callback_id ?? "", stateBlockIds: Object.keys(parsed.view?.state?.values ?? {}) });
  }
}

export interface SlashCommandFields {
  /**
   * What the person typed, with what they picked from Slack's autocomplete written as Slack sends
   * it: <@U123|alex>, <!subteam^S1|@dcc>, <#C1|general>, <https://x|label>, <!channel>.
   */
  text: string;
  /** Everything was typed character by character: no picked mentions at all. */
  typedLiterally?: boolean;
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
    text: escapedLikeSlack(fields.text, fields.typedLiterally ?? false),
    api_app_id: "A0001",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger.${Date.now()}.${Math.random()}`,
  }).toString();
}

// What Slack turns into a token with "Escape channels, users, and links" on; the rest of the text
// has its &, < and > sent as entities (the manifest's should_escape: true).
const SLACK_TOKEN = /<(?:@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+|#[CG][A-Z0-9]+|!channel|!here|!everyone|(?:https?|mailto):[^<>|\s]+)(?:\|[^<>]*)?>/g;

/** Command text as Slack sends it with escaping on. */
export function escapedLikeSlack(text: string, typedLiterally = false): string {
  const entities = (plain: string) => plain.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  if (typedLiterally) return entities(text);
  let out = "";
  let last = 0;
  for (const match of text.matchAll(SLACK_TOKEN)) {
    out += entities(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + entities(text.slice(last));
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
