import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { quietMoment } from "../../src/jobs/quietMoment.ts";

describe("quietMoment", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = async (promise: Promise<number>) => {
    let waited: number | undefined;
    void promise.then((ms) => (waited = ms));
    await vi.advanceTimersByTimeAsync(0);
    return () => waited;
  };

  it("waits until nothing has been in flight for the settle time", async () => {
    let inFlight = 3;
    const waited = await settled(quietMoment({ busy: () => inFlight, settleMs: 250, maxWaitMs: 20_000, pollMs: 50 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(waited()).toBeUndefined();
    inFlight = 0;
    await vi.advanceTimersByTimeAsync(200);
    expect(waited()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(150);
    expect(waited()).toBeGreaterThanOrEqual(5_250);
    expect(waited()).toBeLessThan(5_500);
  });

  it("starts the settle time again when a request arrives before it is over", async () => {
    let inFlight = 0;
    const waited = await settled(quietMoment({ busy: () => inFlight, settleMs: 250, maxWaitMs: 20_000, pollMs: 50 }));
    await vi.advanceTimersByTimeAsync(100);
    inFlight = 1;
    await vi.advanceTimersByTimeAsync(1_000);
    inFlight = 0;
    await vi.advanceTimersByTimeAsync(200);
    expect(waited()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    expect(waited()).toBeGreaterThanOrEqual(1_350);
  });

  it("gives up waiting after the longest hold, under traffic that never stops", async () => {
    const waited = await settled(quietMoment({ busy: () => 1, settleMs: 250, maxWaitMs: 20_000, pollMs: 50 }));
    await vi.advanceTimersByTimeAsync(19_900);
    expect(waited()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(waited()).toBeGreaterThanOrEqual(20_000);
  });

  it("runs at once, after the settle time, when nothing is in flight", async () => {
    const waited = await settled(quietMoment({ busy: () => 0, settleMs: 250 }));
    await vi.advanceTimersByTimeAsync(300);
    expect(waited()).toBeGreaterThanOrEqual(250);
    expect(waited()).toBeLessThan(300);
  });
});
