import { performance } from "node:perf_hooks";

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export async function timeSequential(n: number, call: () => Promise<unknown>): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

export async function timeConcurrent(rounds: number, concurrency: number, call: () => Promise<unknown>): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const start = performance.now();
        await call();
        samples.push(performance.now() - start);
      }),
    );
  }
  return summarise(samples);
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;

export function formatLatency(label: string, s: LatencySummary): string {
  return `${label.padEnd(44)} p50 ${ms(s.p50).padStart(10)}  p99 ${ms(s.p99).padStart(10)}  (n=${s.n})`;
}

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
