import type { Logger as BoltLogger } from "@slack/bolt";
import { boltLogger } from "../observability/logger.ts";
import { metricsRoute, type MetricsAccess } from "../observability/metrics.ts";
import type { Operations } from "../observability/operations.ts";

// What the Slack app adds to the process's operations: Bolt's logger written through pino, the
// Web API fetch that counts calls (Bolt's respond uses it too), and the /metrics route.

export interface AppOperations extends Operations {
  boltLogger: BoltLogger;
  fetch: typeof fetch;
  routes: ReturnType<typeof metricsRoute>[];
}

export function appOperations(operations: Operations, access: MetricsAccess = { public: false }): AppOperations {
  return {
    ...operations,
    boltLogger: boltLogger(operations.logger),
    fetch: operations.metrics.observedFetch(),
    routes: [metricsRoute(operations.metrics, access)],
  };
}
