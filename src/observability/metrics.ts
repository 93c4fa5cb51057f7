import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Prometheus metrics (prom-client), one registry per running app so tests can read their own.
// Requests are counted by surface ("/mod status", "view raise", "action status.history") and
// outcome; Slack Web API calls by method and error, observed in the fetch the Web API client
// uses; scheduler runs by kind and outcome. The late-assessment count and whether the database
// answers are computed when Prometheus scrapes.

/** unhandled: no listener took it (acknowledged for it); slack-busy: a form Slack could not open in time. */
export type RequestOutcome = "ok" | "failed" | "unhandled" | "slack-busy";

export interface Probes {
  databaseUp(): Promise<boolean>;
  lateAssessments(): Promise<number>;
}

export interface Metrics {
  readonly registry: Registry;
  observeRequest(surface: string, outcome: RequestOutcome, seconds: number): void;
  observeJobRun(kind: string, outcome: string, seconds: number): void;
  /** A fetch for the Web API client (and Bolt's respond) that counts every call. */
  observedFetch(fetchFn?: typeof fetch): typeof fetch;
  /** What the scrape-time gauges read; until set they report nothing. */
  setProbes(probes: Probes): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const METHOD = /^[a-z]+(\.[a-zA-Z]+)+$/;
const ERROR_CODE = /^[a-z0-9_]{1,60}$/;

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "modbot_" });
  let probes: Probes | undefined;

  const requests = new Counter({ name: "modbot_requests_total", help: "Slack requests handled, by surface and outcome", labelNames: ["surface", "outcome"], registers: [registry] });
  const requestSeconds = new Histogram({
    name: "modbot_request_duration_seconds",
    help: "Time from a Slack request's arrival until its handling finished (ack and follow-ups)",
    labelNames: ["surface"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const slackCalls = new Counter({ name: "modbot_slack_api_calls_total", help: "Slack Web API calls (each attempt), by method and error (none when ok)", labelNames: ["method", "error"], registers: [registry] });
  const slackSeconds = new Histogram({ name: "modbot_slack_api_call_duration_seconds", help: "Slack Web API call latency", labelNames: ["method"], buckets: LATENCY_BUCKETS, registers: [registry] });
  const jobRuns = new Counter({ name: "modbot_job_runs_total", help: "Scheduler runs, by kind and outcome", labelNames: ["kind", "outcome"], registers: [registry] });
  const jobSeconds = new Histogram({ name: "modbot_job_run_duration_seconds", help: "Scheduler run time", labelNames: ["kind"], buckets: [0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] });
  new Gauge({
    name: "modbot_late_assessments",
    help: "DCC assessments past their target date and undelivered, as /mod list late counts them",
    registers: [registry],
    async collect() {
      if (probes) this.set(await probes.lateAssessments().catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: "modbot_database_up",
    help: "1 when the database answers a trivial query, else 0",
    registers: [registry],
    async collect() {
      if (probes) this.set((await probes.databaseUp().catch(() => false)) ? 1 : 0);
    },
  });

  function recordSlackCall(method: string, error: string, started: number) {
    slackCalls.inc({ method, error: ERROR_CODE.test(error) ? error : "other" });
    slackSeconds.observe({ method }, (performance.now() - started) / 1000);
  }

  return {
    registry,
    observeRequest(surface, outcome, seconds) {
      requests.inc({ surface, outcome });
      requestSeconds.observe({ surface }, seconds);
    },
    observeJobRun(kind, outcome, seconds) {
      jobRuns.inc({ kind, outcome });
      jobSeconds.observe({ kind }, seconds);
    },
    observedFetch(fetchFn = globalThis.fetch) {
      return async (input, init) => {
        const started = performance.now();
        const last = String(input instanceof Request ? input.url : input).split("?")[0]!.split("/").at(-1) ?? "";
        const method = METHOD.test(last) ? last : "other";
        let response: Response;
        try {
          response = await fetchFn(input, init);
        } catch (error) {
          const name = (error as { name?: string }).name;
          recordSlackCall(method, name === "TimeoutError" || name === "AbortError" ? "timeout" : "network", started);
          throw error;
        }
        if (response.status !== 200 || !response.headers.get("content-type")?.includes("json")) {
          recordSlackCall(method, response.status === 200 ? "none" : `http_${response.status}`, started);
        } else {
          // Read from a copy, without holding up the caller.
          response
            .clone()
            .json()
            .then(
              (body) => {
                const answer = body as { ok?: boolean; error?: string };
                recordSlackCall(method, answer.ok === false ? String(answer.error ?? "unknown") : "none", started);
              },
              () => recordSlackCall(method, "none", started),
            );
        }
        return response;
      };
    },
    setProbes(next) {
      probes = next;
    },
  };
}

export interface MetricsAccess {
  /** MODBOT_METRICS=public: anyone who reaches the port may read /metrics. */
  public: boolean;
  /** MODBOT_METRICS_TOKEN: callers presenting `Authorization: Bearer TOKEN` may read it from anywhere. */
  token?: string;
}

/** Loopback callers always; others only when the settings open it (public, or the bearer token). */
export function mayReadMetrics(req: IncomingMessage, access: MetricsAccess): boolean {
  if (isLoopback(req.socket.remoteAddress) || access.public) return true;
  if (!access.token) return false;
  const presented = Buffer.from(String(req.headers.authorization ?? ""));
  const expected = Buffer.from(`Bearer ${access.token}`);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** GET /metrics, for Bolt's customRoutes (HTTP and Socket Mode both serve them). */
export function metricsRoute(metrics: Metrics, access: MetricsAccess) {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      if (!mayReadMetrics(req, access)) {
        res.writeHead(403, { "content-type": "text/plain" });
        res.end("Metrics are served to loopback callers only; set MODBOT_METRICS=public or MODBOT_METRICS_TOKEN to open them.\n");
        return;
      }
      const body = await metrics.registry.metrics();
      res.writeHead(200, { "content-type": metrics.registry.contentType });
      res.end(body);
    },
  };
}
