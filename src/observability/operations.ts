import { createFailureLog, type FailureLog } from "./failures.ts";
import { createLogger, silentLogger, type Logger, type LogLevelName } from "./logger.ts";
import { createMetrics, type Metrics } from "./metrics.ts";

// What running modbot needs to be operated, shared by the Slack app and the scheduler: one
// logger, one metrics registry, one failure log (so repeats are counted across both).

export interface Operations {
  logger: Logger;
  metrics: Metrics;
  failures: FailureLog;
}

export function createOperations(options: { logLevel?: LogLevelName; secrets?: readonly (string | undefined)[] } = {}): Operations {
  const logger = createLogger({ level: options.logLevel, secrets: options.secrets });
  return { logger, metrics: createMetrics(), failures: createFailureLog(logger) };
}

/** Logs nothing; the metrics still count (tests that don't look at them pay next to nothing). */
export function silentOperations(): Operations {
  const logger = silentLogger();
  return { logger, metrics: createMetrics({ defaultMetrics: false }), failures: createFailureLog(logger) };
}
