/** Latency percentiles of a set of requests, milliseconds. */
export interface LatencySummary {
  readonly count: number;
  /** Requests that failed (no answer, or not 200); not in the percentiles. */
  readonly errors: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The median (the lower middle of an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** The p-th percentile by nearest rank over sorted `sorted`; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

/** p50/p90/p99/max of the durations of the successful requests; failures are counted apart. */
export function summarize(durationsMs: readonly number[], errors: number): LatencySummary {
  const s = [...durationsMs].sort((a, b) => a - b);
  return {
    count: s.length,
    errors,
    p50Ms: percentile(s, 50),
    p90Ms: percentile(s, 90),
    p99Ms: percentile(s, 99),
    maxMs: s.length ? s[s.length - 1]! : NaN,
  };
}

/** Wall-clock time in epoch milliseconds with sub-millisecond resolution, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Resolves after `ms` (at once for ms ≤ 0). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
