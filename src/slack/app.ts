import { App, type Receiver } from "@slack/bolt";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppContext } from "../appContext.ts";
import type { MetricsAccess } from "../observability/metrics.ts";
import { registerListeners } from "./listeners/index.ts";
import { createOperations, type Operations } from "../observability/operations.ts";
import { appOperations } from "./operations.ts";
import { superviseRequests, type Supervision } from "./supervision.ts";
import { settlingHttpReceiver } from "./holdUntilSettled.ts";
import { registerWebRoutes, type WebOptions } from "../web/routes.ts";

export interface SlackAppOptions {
  ctx: AppContext;
  botToken: string;
  signingSecret?: string;
  /** Socket Mode when set; HTTP (POST /slack/events) otherwise. */
  appToken?: string;
  /** Socket Mode only: the port of the small HTTP server that answers /healthz. */
  healthPort?: number;
  /** Slack Web API base URL, ending in /api/ (tests, Slack's government cloud). */
  apiUrl?: string;
  /** Answers GET /healthz: 200 only when this resolves true. */
  isHealthy: () => Promise<boolean>;
  /** Tests: the HTTP response waits for the listener, so what it did is done when the request returns. */
  processBeforeResponse?: boolean;
  /** How long a /mod answer may take and still go back in the acknowledgement (default 800 ms; see commands/mod.ts). */
  answerInAckWithinMs?: number;
  /** The console drives the app through its own receiver. */
  receiver?: Receiver;
  logLevel?: "debug" | "info" | "warn" | "error";
  /** The process's logger and metrics; without them the app makes its own (logLevel applies). */
  operations?: Operations;
  /** Who may read GET /metrics besides loopback callers. */
  metricsAccess?: MetricsAccess;
  /** While true, /healthz answers 503 so a load balancer stops sending requests (shutdown). */
  isDraining?: () => boolean;
  /** While true, /healthz answers 503: the start is still rehearsing its first requests (rehearsal.ts). */
  isWarming?: () => boolean;
  /** The public Modification Register pages (MODBOT_PUBLISH_REGISTER, MODBOT_PUBLIC_URL). */
  web?: WebOptions;
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port (0 in Socket Mode without custom routes). */
  start(port: number): Promise<{ port: number }>;
  stop(): Promise<void>;
  operations: Operations;
  /** Requests being handled, for a shutdown that finishes them. */
  supervision: Supervision;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const healthRoute = {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req: unknown, res: import("node:http").ServerResponse) => {
      const draining = options.isDraining?.() ?? false;
      const warming = options.isWarming?.() ?? false;
      const healthy = await options.isHealthy();
      const ok = healthy && !draining && !warming;
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok, database: healthy ? "up" : "down", ...(draining ? { draining } : {}), ...(warming ? { warming } : {}) }));
    },
  };
  const operations = options.operations ?? createOperations({ logLevel: options.logLevel, secrets: [options.botToken, options.signingSecret, options.appToken] });
  const ops = appOperations(operations, options.metricsAccess);
  const customRoutes = [healthRoute, ...ops.routes, ...registerWebRoutes(options.ctx, options.web)];
  const app = new App({
    token: options.botToken,
    // Bolt's conversation store (context.conversation) is not used, and it costs every request
    // a lookup (3% of a cached /mod status's CPU, profiled).
    convoStore: false,
    logger: ops.boltLogger,
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), fetch: ops.fetch },
    ...(options.receiver
      ? { receiver: options.receiver }
      : options.appToken
        ? {
            socketMode: true,
            appToken: options.appToken,
            customRoutes,
            // The Socket Mode client opens its connection with its own Web API client, which does
            // not share the app's clientOptions.
            installerOptions: { port: options.healthPort ?? 3000, clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : undefined },
          }
        : {
            receiver: settlingHttpReceiver(
              { signingSecret: options.signingSecret!, processBeforeResponse: options.processBeforeResponse ?? false, customRoutes, logger: ops.boltLogger },
              options.ctx.changes,
            ),
          }),
  });
  // Listener failures are answered and logged by the supervision; this only sees Bolt's own.
  app.error(async (error) => {
    ops.logger.error({ err: error }, "Bolt could not process a request");
  });
  const supervision = superviseRequests(app, ops);
  registerListeners(app, options.ctx, { answerInAckWithinMs: options.answerInAckWithinMs });

  let httpServer: Server | undefined;
  return {
    app,
    async start(port) {
      const started = (await app.start(port)) as unknown;
      const server = (options.appToken ? (app as unknown as { receiver: { httpServer?: Server } }).receiver.httpServer : started) as
        | Server
        | undefined;
      httpServer = server && typeof server.address === "function" ? server : undefined;
      // While draining, every response closes its connection, so clients reconnect elsewhere
      // instead of reusing a connection that is about to be closed.
      httpServer?.prependListener("request", (_req, res) => {
        if (options.isDraining?.()) res.setHeader("connection", "close");
      });
      const address = httpServer ? (httpServer.address() as AddressInfo | null) : null;
      return { port: address?.port ?? port };
    },
    async stop() {
      // Closing the listener refuses new connections; keep-alive connections are closed as soon
      // as their requests are done, so stopping doesn't wait out their idle timeout.
      const stopping = app.stop() as Promise<void>;
      await supervision.idle();
      const sweep = setInterval(() => httpServer?.closeIdleConnections(), 50);
      httpServer?.closeIdleConnections();
      // A browser keeps connections open (and opens spare ones it never uses); once our requests
      // are done, whatever is still open is closed rather than waited out.
      const last = setTimeout(() => httpServer?.closeAllConnections(), 1000);
      await stopping.finally(() => {
        clearInterval(sweep);
        clearTimeout(last);
      });
    },
    operations,
    supervision,
  };
}
