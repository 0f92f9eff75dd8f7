/** Samples and their summary: median and p95 (nearest rank), in milliseconds. */
import { PerformanceObserver } from 'node:perf_hooks';

export interface Stat {
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly runs: number;
}

/** The nearest-rank percentile of sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(samples: readonly number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: median(sorted), p95: percentile(sorted, 95), min: sorted[0] ?? Number.NaN, runs: sorted.length };
}

/** "12.3 ms", "1.23 s"; figures under 10 ms keep two decimals. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** The next turn of the event loop. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Counts the garbage collector's pauses, as Node reports them, from now until `stop` resolves
 * (ms). Entries reach the observer between turns of the event loop, so `stop` waits two turns
 * before it reads the sum.
 */
export function gcPauses(): { stop(): Promise<number> } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) total += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      await nextTurn();
      await nextTurn();
      observer.disconnect();
      return total;
    },
  };
}
