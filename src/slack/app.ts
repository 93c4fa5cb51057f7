import { App, LogLevel, type Receiver } from "@slack/bolt";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppContext } from "../appContext.ts";
import { registerListeners } from "./listeners/index.ts";

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
  /** The console drives the app through its own receiver. */
  receiver?: Receiver;
  logLevel?: "debug" | "info" | "warn" | "error";
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port (0 in Socket Mode without custom routes). */
  start(port: number): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const logLevels = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const healthRoute = {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req: unknown, res: import("node:http").ServerResponse) => {
      const healthy = await options.isHealthy();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: healthy, database: healthy ? "up" : "down" }));
    },
  };
  const app = new App({
    token: options.botToken,
    logLevel: logLevels[options.logLevel ?? "info"],
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : undefined,
    ...(options.receiver
      ? { receiver: options.receiver }
      : options.appToken
        ? {
            socketMode: true,
            appToken: options.appToken,
            customRoutes: [healthRoute],
            // The Socket Mode client opens its connection with its own Web API client, which does
            // not share the app's clientOptions.
            installerOptions: { port: options.healthPort ?? 3000, clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : undefined },
          }
        : {
            signingSecret: options.signingSecret!,
            processBeforeResponse: options.processBeforeResponse ?? false,
            customRoutes: [healthRoute],
          }),
  });
  app.error(async (error) => {
    // A listener's failure must never take the process down; it is logged and Slack gets no answer.
    app.logger.error("Unhandled listener error", error);
  });
  registerListeners(app, options.ctx);

  return {
    app,
    async start(port) {
      const started = (await app.start(port)) as unknown;
      const server = (options.appToken ? (app as unknown as { receiver: { httpServer?: Server } }).receiver.httpServer : started) as
        | Server
        | undefined;
      const address = server && typeof server.address === "function" ? (server.address() as AddressInfo | null) : null;
      return { port: address?.port ?? port };
    },
    stop: () => app.stop() as Promise<void>,
  };
}
