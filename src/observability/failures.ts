import { isDatabaseUnreachable } from "../data/databaseErrors.ts";
import type { Logger } from "./logger.ts";

// What went wrong, in the words an operator and a user need: one kind per cause, so the log can
// count identical failures instead of printing each one's stack, and the user is told the cause
// ("the database isn't answering") rather than only "something went wrong".

export type FailureKind = "database-unreachable" | "slack-unavailable" | "slack-error" | "too-late" | "internal";

export interface Failure {
  kind: FailureKind;
  /** One line, the same for every occurrence of the same cause (used to group repeats). */
  summary: string;
}

const SLACK_UNAVAILABLE_CODES = new Set(["slack_webapi_request_error", "slack_webapi_http_error", "slack_webapi_rate_limited_error"]);

export function describeFailure(error: unknown): Failure {
  if (isDatabaseUnreachable(error)) return { kind: "database-unreachable", summary: "database unreachable" };
  const e = error as { code?: unknown; data?: { error?: unknown }; name?: unknown; message?: unknown } | undefined;
  // Bolt answered already (its 3-second timeout) when the listener's own answer came.
  if (e?.code === "ERR_HTTP_HEADERS_SENT" || e?.code === "slack_bolt_receiver_ack_multiple_error") {
    return { kind: "too-late", summary: "answered after Slack's 3-second limit" };
  }
  if (typeof e?.code === "string" && SLACK_UNAVAILABLE_CODES.has(e.code)) return { kind: "slack-unavailable", summary: `Slack unavailable (${e.code})` };
  if (typeof e?.data?.error === "string") return { kind: "slack-error", summary: `Slack refused a call: ${e.data.error}` };
  const message = error instanceof Error ? error.message : String(error);
  // Digits vary between occurrences of one bug (ids, ports, counts); they don't make it another.
  return { kind: "internal", summary: firstLine(message).replace(/\d+/g, "#").slice(0, 160) };
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim())?.trim() ?? "error";
}

export interface FailureLog {
  /**
   * Logs one failed request (or job run) as one line. The first failure of its kind in a window
   * carries the stack; repeats carry none and are summed up when the window closes.
   */
  record(fields: Record<string, unknown>, error: unknown, message: string): Failure;
  /** Writes the summaries of open windows now (shutdown, tests). */
  flush(): void;
}

interface Window {
  failure: Failure;
  startedAt: number;
  repeats: number;
  surfaces: Map<string, number>;
  timer: NodeJS.Timeout;
}

export function createFailureLog(logger: Logger, options: { windowMs?: number } = {}): FailureLog {
  const windowMs = options.windowMs ?? 60_000;
  const windows = new Map<string, Window>();

  function close(key: string): void {
    const window = windows.get(key);
    if (!window) return;
    windows.delete(key);
    clearTimeout(window.timer);
    if (window.repeats === 0) return;
    const total = window.repeats + 1;
    const seconds = Math.round((Date.now() - window.startedAt) / 1000);
    const span = seconds >= 55 ? "in the last minute" : `in ${seconds} s`;
    logger.error(
      { failure: window.failure.kind, count: total, surfaces: Object.fromEntries(window.surfaces) },
      `${window.failure.summary}: ${total} requests failed ${span}`,
    );
  }

  return {
    record(fields, error, message) {
      const failure = describeFailure(error);
      const key = `${failure.kind}:${failure.summary}`;
      const surface = String(fields.surface ?? "?");
      const window = windows.get(key);
      if (!window) {
        const timer = setTimeout(() => close(key), windowMs);
        timer.unref();
        windows.set(key, { failure, startedAt: Date.now(), repeats: 0, surfaces: new Map([[surface, 1]]), timer });
        logger.error({ ...fields, outcome: "failed", failure: failure.kind, err: error }, `${message}: ${failure.summary}`);
        return failure;
      }
      window.repeats++;
      window.surfaces.set(surface, (window.surfaces.get(surface) ?? 0) + 1);
      logger.warn({ ...fields, outcome: "failed", failure: failure.kind, repeat: window.repeats }, `${message}: ${failure.summary} (stack logged once; summary follows)`);
      return failure;
    },
    flush() {
      for (const key of [...windows.keys()]) close(key);
    },
  };
}
