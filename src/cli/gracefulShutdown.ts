import type { Logger } from "../observability/logger.ts";

// A rolling restart must lose nothing. On SIGTERM (or SIGINT) modbot:
//  1. answers /healthz with 503 at once, and keeps serving for the drain period, so a load
//     balancer that polls /healthz stops sending it requests;
//  2. stops listening (new connections are refused, so a proxy sends them to another replica)
//     and stops the scheduler (a tick that is running finishes);
//  3. waits for every request already accepted to finish, including work after the ack;
//  4. closes the database and exits 0.
// If that takes longer than the bound, it logs what was still running and exits 1. A second
// signal exits at once.

export interface ShutdownSteps {
  logger: Logger;
  /** /healthz answers 503 from now on. */
  startDraining(): void;
  drainMs: number;
  /** Stop taking new requests (close the listener or the Socket Mode connection). */
  stopListening(): Promise<void>;
  stopScheduler(): Promise<void>;
  /** Resolves when no request is being handled. */
  requestsFinished(): Promise<void>;
  inFlight(): number;
  closeDatabase(): Promise<void>;
  /** Last words: flush the log, summaries of repeated failures. */
  flush(): void;
  boundMs?: number;
  exit?: (code: number) => void;
}

export const SHUTDOWN_BOUND_MS = 10_000;

export interface Shutdown {
  shutdown(signal: string): Promise<void>;
  readonly started: boolean;
}

/** The shutdown sequence, to run once; `shutDownOnSignals` runs it on SIGTERM and SIGINT. */
export function createShutdown(steps: ShutdownSteps): Shutdown {
  const exit = steps.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;

  const shutdown = (signal: string) => {
    if (stopping) return stopping;
    const boundMs = steps.boundMs ?? SHUTDOWN_BOUND_MS;
    const started = Date.now();
    steps.logger.info({ signal, drainMs: steps.drainMs, inFlight: steps.inFlight() }, `modbot: ${signal}, draining (healthz 503) then stopping`);
    steps.startDraining();
    const force = setTimeout(() => {
      steps.logger.error({ inFlight: steps.inFlight(), afterMs: Date.now() - started }, "modbot: shutdown took too long; exiting with work unfinished");
      steps.flush();
      exit(1);
    }, boundMs);
    force.unref();
    stopping = (async () => {
      await delay(Math.min(steps.drainMs, Math.max(0, boundMs - 3000)));
      await Promise.all([steps.stopListening().catch(logAnd(steps.logger, "stopping the listener")), steps.stopScheduler().catch(logAnd(steps.logger, "stopping the scheduler"))]);
      await steps.requestsFinished();
      await steps.closeDatabase().catch(logAnd(steps.logger, "closing the database"));
      clearTimeout(force);
      steps.logger.info({ afterMs: Date.now() - started }, "modbot: stopped cleanly");
      steps.flush();
      exit(0);
    })();
    return stopping;
  };

  return {
    shutdown,
    get started() {
      return stopping !== undefined;
    },
  };
}

export function shutDownOnSignals(steps: ShutdownSteps): Shutdown {
  const sequence = createShutdown(steps);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (sequence.started) {
        steps.logger.warn({ signal }, "modbot: second signal, exiting now");
        steps.flush();
        process.exit(1);
      }
      void sequence.shutdown(signal);
    });
  }
  return sequence;
}

function logAnd(logger: Logger, what: string) {
  return (error: unknown) => logger.warn({ err: error }, `modbot: ${what} failed during shutdown`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
