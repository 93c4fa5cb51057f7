import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseWebApiBody } from "../../src/console/localSlack.ts";
import type { Surface } from "../../src/slack/blocks/contract.ts";
import { enforcePayload } from "./blockKitContract.ts";

// Stands in for Slack's Web API (and response_url / file upload URLs) on loopback. Records every
// call so tests can assert on what the bot sent; failures can be scripted per method. Like Slack,
// it refuses blocks that break the Block Kit contract (`invalid_blocks`), and the test fails.

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export type ScriptedAnswer =
  | { error: string }
  | { rateLimitedFor: number }
  | { status: number; body?: string }
  /** Answers as usual: queue it first to fail a later call ("the second post fails"). */
  | { pass: true }
  /** Slack is slow: answers as usual after this many ms (unless the caller gave up first). */
  | { hangFor: number };

export interface FakeSlack {
  /** Base for SLACK_API_URL, ending in /api/. */
  apiUrl: string;
  /** A response_url the bot can post to; calls arrive as method "response_url". */
  responseUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** The next `times` calls to `method` get this answer instead of success. */
  failNext(method: string, answer: ScriptedAnswer, times?: number): void;
  uploadedFiles: { filename: string; bytes: Buffer }[];
  /** What apps.connections.open answers: the ws:// URL of a Socket Mode server under test. */
  socketModeUrl?: string;
  reset(): void;
  close(): Promise<void>;
}

let tsCounter = 1_700_000_000;

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const scripted = new Map<string, ScriptedAnswer[]>();
  const uploadedFiles: FakeSlack["uploadedFiles"] = [];
  const pendingUploads = new Map<string, string>();
  let baseUrl = "";

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/upload/")) {
      const id = url.pathname.slice("/upload/".length);
      uploadedFiles.push({ filename: pendingUploads.get(id) ?? id, bytes: raw });
      return send(res, 200, "OK", "text/plain");
    }
    const body = parseWebApiBody(req, raw);
    if (url.pathname.startsWith("/response/")) {
      calls.push({ method: "response_url", body, at: Date.now() });
      if (enforcePayload("a response_url post", body, "message").length) return send(res, 200, JSON.stringify({ ok: false, error: "invalid_blocks" }));
      return send(res, 200, JSON.stringify({ ok: true }));
    }
    const method = url.pathname.replace(/^\/api\//, "");
    calls.push({ method, body, at: Date.now() });
    const checked = checkedPayload(method, body);
    if (checked && enforcePayload(method, checked.payload, checked.surface).length) {
      return send(res, 200, JSON.stringify({ ok: false, error: "invalid_blocks" }));
    }
    const scriptedAnswer = scripted.get(method)?.shift();
    if (scriptedAnswer && "hangFor" in scriptedAnswer) {
      await new Promise((resolve) => setTimeout(resolve, scriptedAnswer.hangFor).unref());
      if (res.destroyed || req.socket.destroyed) return;
    }
    const answer = scriptedAnswer && ("pass" in scriptedAnswer || "hangFor" in scriptedAnswer) ? undefined : scriptedAnswer;
    if (answer && "rateLimitedFor" in answer) {
      res.setHeader("Retry-After", String(answer.rateLimitedFor));
      return send(res, 429, JSON.stringify({ ok: false, error: "ratelimited" }));
    }
    if (answer && "error" in answer) return send(res, 200, JSON.stringify({ ok: false, error: answer.error }));
    if (answer && "status" in answer) return send(res, answer.status, answer.body ?? "");
    return send(res, 200, JSON.stringify({ ok: true, ...successFor(method, body) }));
  });

  function successFor(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { user_id: "UMODBOT", bot_id: "BMODBOT", team_id: "T0001", user: "modbot", team: "Test" };
      case "chat.postMessage":
      case "chat.postEphemeral":
        return { channel: body.channel, ts: `${tsCounter++}.000100`, message: { text: body.text } };
      case "chat.update":
        return { channel: body.channel, ts: body.ts };
      case "views.open":
      case "views.update":
      case "views.push":
        return { view: { id: `V${tsCounter++}`, ...(typeof body.view === "string" ? JSON.parse(body.view) : (body.view as object)) } };
      case "files.getUploadURLExternal": {
        const id = `F${tsCounter++}`;
        pendingUploads.set(id, String(body.filename));
        return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return { files: [] };
      case "apps.connections.open":
        return { url: fake.socketModeUrl };
      case "conversations.info":
        return { channel: { id: body.channel, name: "modbot-test", is_member: true } };
      case "users.info":
        return { user: { id: body.user, name: String(body.user).toLowerCase(), real_name: `User ${body.user}` } };
      default:
        return {};
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${baseUrl}/api/`,
    responseUrl: `${baseUrl}/response/1`,
    calls,
    uploadedFiles,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext(method, answer, times = 1) {
      const queue = scripted.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(answer);
      scripted.set(method, queue);
    },
    reset() {
      calls.length = 0;
      uploadedFiles.length = 0;
      scripted.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a scripted hang must not hold the test up
      }),
  };
  return fake;
}

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"]);
const VIEW_METHODS = new Set(["views.open", "views.update", "views.push", "views.publish"]);

/** What of a Web API call the Block Kit contract applies to, and on which surface. */
function checkedPayload(method: string, body: Record<string, unknown>): { payload: unknown; surface: Surface } | undefined {
  const json = (value: unknown) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  };
  if (MESSAGE_METHODS.has(method)) return { payload: { ...body, blocks: json(body.blocks) }, surface: "message" };
  if (VIEW_METHODS.has(method)) {
    const view = json(body.view) as { type?: string } | undefined;
    return { payload: view, surface: view?.type === "home" ? "home" : "modal" };
  }
  if (method === "chat.unfurl") {
    // Each unfurl is a message's worth of blocks (chat.unfurl, "unfurls").
    const unfurls = (json(body.unfurls) ?? {}) as Record<string, { blocks?: unknown }>;
    const blocks = Object.values(unfurls).flatMap((u) => (Array.isArray(u?.blocks) ? u.blocks : []));
    return blocks.length ? { payload: { text: "unfurl", blocks }, surface: "message" } : undefined;
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string, type = "application/json"): void {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}
