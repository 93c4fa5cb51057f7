import type { App, Logger as BoltLogger, ReceiverEvent } from "@slack/bolt";
import { randomUUID } from "node:crypto";
import { findSubcommand } from "../../commands/index.ts";
import { describeFailure, type Failure, type FailureLog } from "../observability/failures.ts";
import type { Logger } from "../observability/logger.ts";
import type { Metrics, RequestOutcome } from "../observability/metrics.ts";
import { doneModal } from "./blocks/forms.ts";
import { isRehearsal } from "./rehearsal.ts";

// Every request from Slack, whatever its kind (command, button, form, event) and whatever
// receiver brought it (HTTP, Socket Mode, the console), passes through here once:
//  - it gets an id, a surface name ("/mod status", "view raise", "action status.history"), a
//    start time (Slack's 3-second trigger window counts from it) and one log line when done
//    (not the start's own rehearsals, rehearsal.ts, unless they fail); the listeners find it in
//    Bolt's `context` (requestOf(context));
//  - a listener that throws is answered for it, in the way its kind allows: the command's or
//    button's user gets an ephemeral message, a form gets a modal saying what happened;
//  - a request no listener acknowledged (an unknown action or callback, view_closed, a body
//    without a payload) is acknowledged at once instead of timing out into a 404;
//  - shutdown can wait until nothing is in flight.

export interface RequestState {
  id: string;
  /** Date.now() when the request reached the app. */
  receivedAt: number;
  /**
   * performance.now() when it reached the app. What it reads must reflect every change committed
   * before then, and on a server any change-feed barrier sent since vouches for that
   * (changeFeed.ts): under a burst, the barriers other requests sent meanwhile often have.
   */
  arrivedAt: number;
  surface: string;
  userId?: string;
  acked: boolean;
  outcome: RequestOutcome;
  error?: unknown;
  logger: Logger;
  /** For Web API clients made during the request (a modal opened within the trigger window). */
  webApi: { fetch: typeof fetch; logger: BoltLogger };
}

/**
 * The custom property a receiver sets to the performance.now() at which a request arrived, when it
 * saw the request before Bolt read its body (holdUntilSettled.ts); otherwise a request arrives
 * when it reaches processEvent.
 */
export const ARRIVED_AT = "modbotArrivedAt";

// Handed to Bolt as a custom property, so it arrives in every middleware's and listener's context.
// (Not AsyncLocalStorage: on Node 20 its promise hooks tax every await in the process.)
const REQUEST = "modbotRequest";

/** The request being handled, from a listener's Bolt context. */
export function requestOf(context: Record<string, unknown> | undefined): RequestState | undefined {
  return context?.[REQUEST] as RequestState | undefined;
}

export interface Supervision {
  inFlight(): number;
  /** Resolves when no request is being handled (at once when none is). */
  idle(): Promise<void>;
}

export interface SupervisionOptions {
  logger: Logger;
  boltLogger: BoltLogger;
  metrics: Metrics;
  failures: FailureLog;
  fetch: typeof fetch;
}

export const SOMETHING_WENT_WRONG =
  "Sorry, something went wrong on my side and nothing was changed. Please try again; if it keeps happening, tell an administrator.";
const DATABASE_UNREACHABLE =
  "Sorry, I can't reach my database right now, so nothing was changed. Please try again in a minute; if it keeps happening, tell an administrator.";
const SLACK_UNAVAILABLE = "Sorry, Slack didn't answer me in time, so I couldn't finish that. Please try again in a moment.";

/** What the person is told when their request failed for this reason. */
export function failureMessage(failure: Failure): string {
  if (failure.kind === "database-unreachable") return DATABASE_UNREACHABLE;
  if (failure.kind === "slack-unavailable") return SLACK_UNAVAILABLE;
  return SOMETHING_WENT_WRONG;
}

export function superviseRequests(app: App, options: SupervisionOptions): Supervision {
  const { logger, metrics, failures } = options;
  const active = new Set<RequestState>();
  const waiters: (() => void)[] = [];

  // Listener failures, caught where every listener kind passes: the global middleware chain.
  app.use(async (args) => {
    try {
      await args.next();
    } catch (error) {
      const request = requestOf(args.context);
      if (!request) throw error;
      request.outcome = "failed";
      request.error = error;
      await answerFailure(args as unknown as FailedArgs, request, error).catch((answerError: unknown) =>
        request.logger.warn({ err: answerError }, "could not tell the user about the failure"),
      );
    }
  });

  // Receivers call app.processEvent for every request; wrapping it here sees each one, acked or not.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const now = performance.now();
    const arrivedAt = event.customProperties?.[ARRIVED_AT];
    const started = typeof arrivedAt === "number" ? arrivedAt : now;
    const body = (event.body ?? {}) as SlackBody;
    const surface = surfaceOf(body);
    const userId = body.user_id ?? body.user?.id;
    const id = randomUUID();
    const request: RequestState = {
      id,
      receivedAt: Math.floor(Date.now() - (now - started)),
      arrivedAt: started,
      surface,
      userId,
      acked: false,
      outcome: "ok",
      logger: logger.child({ reqId: id, surface, user: userId }),
      webApi: { fetch: options.fetch, logger: options.boltLogger },
    };
    const ack = (response?: unknown) => {
      request.acked = true;
      return event.ack(response as never);
    };
    active.add(request);
    try {
      await processEvent({ ...event, ack, customProperties: { ...event.customProperties, [REQUEST]: request } });
      if (!request.acked) {
        if (request.outcome === "ok") request.outcome = "unhandled";
        await ack();
      }
    } catch (error) {
      request.outcome = "failed";
      request.error ??= error;
      if (!request.acked) await ack().catch(() => undefined);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const fields = { reqId: id, surface, user: userId, durationMs: Math.round(seconds * 1000), retry: event.retryNum };
      const fromSlack = !isRehearsal(body);
      if (request.outcome === "failed") failures.record(fields, request.error, `${surface} failed`);
      else if (fromSlack) logger.info({ ...fields, outcome: request.outcome }, `${surface} ${request.outcome}`);
      if (fromSlack) metrics.observeRequest(surface, request.outcome, seconds);
      active.delete(request);
      if (active.size === 0) for (const resolve of waiters.splice(0)) resolve();
    }
  };

  return {
    inFlight: () => active.size,
    idle: () => (active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

interface SlackBody {
  type?: string;
  command?: string;
  text?: string;
  user_id?: string;
  user?: { id?: string };
  actions?: { action_id?: string }[];
  view?: { callback_id?: string; title?: { text?: string } };
  event?: { type?: string };
}

interface FailedArgs {
  body: SlackBody;
  ack?: (response?: unknown) => Promise<void>;
  respond?: (message: unknown) => Promise<unknown>;
}

const NAME = /^[a-z_]{1,40}(\.[a-z_]{1,40})?$/;

/** "/mod status", "view raise", "action status.history": bounded, so metrics labels stay few. */
export function surfaceOf(body: SlackBody): string {
  if (typeof body.command === "string") {
    const word = String(body.text ?? "").trim().split(/\s+/)[0] ?? "";
    const name = word ? (findSubcommand(word)?.name ?? "(unknown)") : "help";
    return `${body.command.slice(0, 20)} ${name}`;
  }
  const named = (kind: string, id: unknown) => {
    const short = String(id ?? "").split(".").slice(0, 2).join(".").replace(/\d+/g, "");
    return `${kind} ${NAME.test(short) ? short : "(other)"}`;
  };
  switch (body.type) {
    case "block_actions":
      return named("action", body.actions?.[0]?.action_id);
    case "view_submission":
      return named("view", body.view?.callback_id);
    case "view_closed":
      return named("view_closed", body.view?.callback_id);
    case "event_callback":
      return named("event", body.event?.type);
    case undefined:
      return "(no payload)";
    default:
      return named(body.type, "");
  }
}

async function answerFailure(args: FailedArgs, request: RequestState, error: unknown): Promise<void> {
  const text = failureMessage(describeFailure(error));
  const { body, ack, respond } = args;
  if (body.type === "view_submission") {
    // Only the acknowledgement can change a submitted form; after it there is no one to tell.
    if (!request.acked && ack) await ack({ response_action: "update", view: doneModal(body.view?.title?.text ?? "modbot", [text]) });
    return;
  }
  if (typeof body.command === "string" && !request.acked && ack) return ack({ response_type: "ephemeral", text });
  if (!request.acked && ack) await ack();
  await respond?.({ response_type: "ephemeral", replace_original: false, text });
}
