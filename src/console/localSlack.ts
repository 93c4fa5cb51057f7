import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitViolations, describeViolations, type Surface } from "../slack/blocks/contract.ts";
import type { Transcript } from "./transcript.ts";

// The Slack Web API, answered in the console's own process: the real app's WebClient, respond()
// and file uploads call it over loopback exactly as they would call slack.com. What the bot sends
// is saved to the transcript and queued for the session to show.

export const CONSOLE_TEAM = { id: "TCONSOLE", domain: "modbot-console" };
export const CONSOLE_CHANNEL = { id: "CCONSOLE", name: "modbot-console" };
export const BOT = { userId: "UMODBOT", botId: "BMODBOT" };

type Json = Record<string, any>;

export type Visibility = "ephemeral" | "channel" | "direct";

export type SlackOutput =
  | {
      kind: "message";
      visibility: Visibility;
      /** Who an ephemeral or direct message is for. */
      user?: string;
      channel: string;
      ts: string;
      text?: string;
      blocks?: unknown[];
      /** The API call or response_url that sent it. */
      via: string;
      change?: "replaces the earlier message" | "updated" | "deleted" | "scheduled";
      path: string;
    }
  | { kind: "view"; action: "open" | "push" | "update" | "publish"; view: Json; path: string }
  | { kind: "file"; filename: string; title?: string; comment?: string; path: string }
  | { kind: "notice"; text: string };

export interface LocalSlack {
  apiUrl: string;
  /** A fresh response_url for one command or interaction. */
  responseUrl(): string;
  /** What the bot has sent since the last call, in order. */
  drain(): SlackOutput[];
  /** The modal a view id or external id names, as last opened or updated. */
  view(id: string): Json | undefined;
  /** Registers a view the console itself changed (a response_action update or push). */
  rememberView(view: Json): Json;
  close(): Promise<void>;
}

export async function startLocalSlack(options: { transcript: Transcript; users: { get(id: string): string | undefined } }): Promise<LocalSlack> {
  const { transcript } = options;
  const outputs: SlackOutput[] = [];
  const views = new Map<string, Json>();
  const messages = new Map<string, Json>();
  const pendingUploads = new Map<string, { filename: string; path?: string }>();
  let counter = 0;
  // Unique to this session: the app makes a form's submission happen once by its view id, and
  // the database outlives the session, so VCONSOLE1 of yesterday's session must not be today's.
  const session = randomBytes(4).toString("hex").toUpperCase();
  let baseUrl = "";
  const nextTs = () => `${1_700_000_000 + ++counter}.000100`;

  function rememberView(view: Json): Json {
    const id = typeof view.id === "string" ? view.id : `VCONSOLE${session}${++counter}`;
    const stored: Json = { ...view, id, blocks: withIds(view.blocks), hash: `hash-${++counter}`, team_id: CONSOLE_TEAM.id, app_id: "ACONSOLE", bot_id: BOT.botId };
    views.set(id, stored);
    if (typeof stored.external_id === "string") views.set(stored.external_id, stored);
    return stored;
  }

  function postMessage(body: Json, visibility: Visibility, via: string, change?: Extract<SlackOutput, { kind: "message" }>["change"]): Json {
    const channel = String(body.channel ?? CONSOLE_CHANNEL.id);
    const ts = typeof body.ts === "string" && change === "updated" ? body.ts : nextTs();
    const blocks = parseMaybeJson(body.blocks);
    const message = { type: "message", channel, ts, text: body.text, blocks, user: BOT.userId, bot_id: BOT.botId };
    messages.set(`${channel}:${ts}`, message);
    const path = transcript.saveJson(`${visibility}-message`, { via, visibility, ...message, user: body.user });
    outputs.push({
      kind: "message",
      visibility,
      user: typeof body.user === "string" ? body.user : undefined,
      channel,
      ts,
      text: typeof body.text === "string" ? body.text : undefined,
      blocks: Array.isArray(blocks) ? blocks : undefined,
      via,
      change,
      path,
    });
    return message;
  }

  function answer(method: string, body: Json): Json {
    switch (method) {
      case "auth.test":
        return { user_id: BOT.userId, bot_id: BOT.botId, team_id: CONSOLE_TEAM.id, user: "modbot", team: "modbot console", url: baseUrl };
      case "chat.postMessage": {
        const visibility = /^[UW]/.test(String(body.channel ?? "")) ? "direct" : "channel";
        const message = postMessage(body, visibility, method);
        return { channel: message.channel, ts: message.ts, message };
      }
      case "chat.postEphemeral":
        return { message_ts: postMessage(body, "ephemeral", method).ts };
      case "chat.update": {
        const message = postMessage(body, "channel", method, "updated");
        return { channel: message.channel, ts: message.ts, text: message.text };
      }
      case "chat.scheduleMessage": {
        const message = postMessage(body, "channel", method, "scheduled");
        return { channel: message.channel, scheduled_message_id: `Q${message.ts}`, post_at: body.post_at };
      }
      case "chat.delete":
        outputs.push({ kind: "notice", text: `The bot deleted its message ${body.ts ?? ""} in #${CONSOLE_CHANNEL.name}.` });
        return { channel: body.channel, ts: body.ts };
      case "chat.getPermalink":
        return { channel: body.channel, permalink: `${baseUrl}/archives/${body.channel}/p${String(body.message_ts).replace(".", "")}` };
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = parseMaybeJson(body.view) as Json;
        if (!view || typeof view !== "object") return { ok: false, error: "invalid_arguments" };
        let id: string | undefined;
        if (method === "views.update") {
          const existing = views.get(String(body.view_id ?? body.external_id ?? ""));
          if (!existing) return { ok: false, error: "not_found" };
          id = existing.id;
        }
        const stored = rememberView({ ...view, id });
        const action = method.slice("views.".length) as "open" | "push" | "update" | "publish";
        const path = transcript.saveJson(`modal-${action}`, stored);
        outputs.push({ kind: "view", action, view: stored, path });
        return { view: stored };
      }
      case "files.getUploadURLExternal": {
        const id = `FCONSOLE${++counter}`;
        pendingUploads.set(id, { filename: String(body.filename ?? "upload") });
        return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (parseMaybeJson(body.files) as Json[] | undefined) ?? [];
        for (const file of files) {
          const upload = pendingUploads.get(String(file.id));
          outputs.push({
            kind: "file",
            filename: upload?.filename ?? String(file.id),
            title: typeof file.title === "string" ? file.title : undefined,
            comment: typeof body.initial_comment === "string" ? body.initial_comment : undefined,
            path: upload?.path ?? "(no bytes were uploaded)",
          });
        }
        return { files: files.map((f) => ({ id: f.id, title: f.title, name: pendingUploads.get(String(f.id))?.filename })) };
      }
      case "conversations.info":
        return { channel: { id: body.channel, name: CONSOLE_CHANNEL.name, is_channel: true, is_member: true } };
      case "conversations.open":
        return { channel: { id: String(body.users ?? "D").split(",")[0] } };
      case "users.info": {
        const id = String(body.user ?? "");
        const name = options.users.get(id) ?? id;
        return { user: { id, name: name.toLowerCase(), real_name: name, profile: { real_name: name, display_name: name } } };
      }
      default:
        // Calls the console has no stand-in for still succeed, so a feature degrades instead of failing.
        return {};
    }
  }

  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname.startsWith("/upload/")) {
        const id = url.pathname.slice("/upload/".length);
        const upload = pendingUploads.get(id) ?? { filename: id };
        upload.path = transcript.saveFile(upload.filename, raw);
        pendingUploads.set(id, upload);
        return send(res, 200, "OK", "text/plain");
      }
      const body = parseWebApiBody(req, raw);
      // Real Slack would refuse these with invalid_blocks; the console says so rather than pretend.
      const refused = contractViolations(url.pathname.startsWith("/response/") ? "response_url" : url.pathname.replace(/^\/api\//, ""), body);
      if (refused) {
        outputs.push({ kind: "notice", text: `Slack would refuse this (invalid_blocks):\n${refused}` });
        return send(res, 200, JSON.stringify({ ok: false, error: "invalid_blocks" }));
      }
      if (url.pathname.startsWith("/response/")) {
        respondTo(body);
        return send(res, 200, JSON.stringify({ ok: true }));
      }
      const method = url.pathname.replace(/^\/api\//, "");
      const result = answer(method, body);
      return send(res, 200, JSON.stringify({ ok: true, ...result }));
    } catch (error) {
      return send(res, 500, JSON.stringify({ ok: false, error: String(error) }));
    }
  });

  function respondTo(body: Json): void {
    if (body.delete_original) {
      outputs.push({ kind: "notice", text: "The bot deleted the message the button was on." });
      return;
    }
    const visibility = body.response_type === "in_channel" ? "channel" : "ephemeral";
    postMessage({ ...body, channel: CONSOLE_CHANNEL.id }, visibility, "response_url", body.replace_original ? "replaces the earlier message" : undefined);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let responses = 0;

  return {
    apiUrl: `${baseUrl}/api/`,
    responseUrl: () => `${baseUrl}/response/${++responses}`,
    drain: () => outputs.splice(0),
    view: (id) => views.get(id),
    rememberView,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Slack gives every block and element an id when the app leaves it out; view state is keyed by them.
function withIds(blocks: unknown): unknown {
  if (!Array.isArray(blocks)) return blocks;
  let n = 0;
  return blocks.map((block: Json) => {
    if (!block || typeof block !== "object") return block;
    const copy: Json = { ...block, block_id: block.block_id ?? `b${++n}` };
    if (copy.element && typeof copy.element === "object" && !copy.element.action_id) copy.element = { ...copy.element, action_id: `a${++n}` };
    return copy;
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The Web API client sends form-encoded bodies with JSON-encoded nested values; respond() sends JSON. */
/** A Web API request body as Slack reads it: form fields, with Block Kit and views as JSON. */
const CONTRACT_SURFACES: Record<string, Surface | "view"> = {
  response_url: "message",
  "chat.postMessage": "message",
  "chat.postEphemeral": "message",
  "chat.update": "message",
  "views.open": "view",
  "views.update": "view",
  "views.push": "view",
  "views.publish": "view",
};

function contractViolations(method: string, body: Json): string | undefined {
  const surface = Object.hasOwn(CONTRACT_SURFACES, method) ? CONTRACT_SURFACES[method] : undefined;
  if (!surface) return undefined;
  const view = (typeof body.view === "string" ? JSON.parse(body.view) : body.view) as Json | undefined;
  const found = surface === "view" ? blockKitViolations(view, view?.type === "home" ? "home" : "modal") : blockKitViolations(body, "message");
  return found.length ? describeViolations(found) : undefined;
}

export function parseWebApiBody(req: IncomingMessage, raw: Buffer): Json {
  const text = raw.toString("utf8");
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(text);
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(text)) body[key] = JSON_FIELDS.has(key) ? parseMaybeJson(value) : value;
  return body;
}

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string" || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: ServerResponse, status: number, body: string, type = "application/json"): void {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}
