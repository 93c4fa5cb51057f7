import { describe, expect, it } from "vitest";
import { createShutdown, type ShutdownSteps } from "../../src/cli/gracefulShutdown.ts";
import { silentLogger } from "../../src/observability/logger.ts";

// The order of a shutdown and its bound; test/cli/rolling-restart.test.ts runs it for real.

function steps(overrides: Partial<ShutdownSteps> = {}) {
  const events: string[] = [];
  let draining = false;
  const exited = new Promise<number>((resolve) => {
    Object.assign(overrides, { exit: (code: number) => (events.push(`exit ${code}`), resolve(code)) });
  });
  const all: ShutdownSteps = {
    logger: silentLogger(),
    startDraining: () => ((draining = true), void events.push("draining")),
    drainMs: 30,
    stopListening: async () => void events.push(`stop listening (draining: ${draining})`),
    stopScheduler: async () => void events.push("stop scheduler"),
    requestsFinished: async () => void events.push("requests finished"),
    inFlight: () => 0,
    closeDatabase: async () => void events.push("database closed"),
    flush: () => void events.push("flushed"),
    ...overrides,
  };
  return { all, events, exited };
}

describe("graceful shutdown", () => {
  it("drains first, stops taking work, waits for requests, closes the database, then exits 0", async () => {
    const { all, events, exited } = steps();
    void createShutdown(all).shutdown("SIGTERM");
    expect(await exited).toBe(0);
    expect(events).toEqual(["draining", "stop listening (draining: true)", "stop scheduler", "requests finished", "database closed", "flushed", "exit 0"]);
  });

  it("exits 1 when requests don't finish within the bound, without closing the database under them", async () => {
    const { all, events, exited } = steps({ requestsFinished: () => new Promise<void>(() => {}), boundMs: 200, drainMs: 10 });
    void createShutdown(all).shutdown("SIGTERM");
    expect(await exited).toBe(1);
    expect(events).not.toContain("database closed");
    expect(events.at(-1)).toBe("exit 1");
  });

  it("runs once however many signals arrive", async () => {
    const { all, events, exited } = steps();
    const sequence = createShutdown(all);
    void sequence.shutdown("SIGTERM");
    void sequence.shutdown("SIGINT");
    await exited;
    expect(events.filter((event) => event === "draining")).toHaveLength(1);
  });
});
