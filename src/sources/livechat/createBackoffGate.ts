/** Holds a whole target back while upstream has asked it to wait (429 or 503 with Retry-After). */
export interface BackoffGate {
  /** True while the backoff lasts. */
  blocked(now: number): boolean;
  /** Starts or extends the backoff to `until` (epoch ms), and aborts the signal handed out so far. */
  backOff(until: number, now: number): void;
  /**
   * A signal that aborts when the next backoff starts. Jobs pass it with their
   * requests, so the client stops its immediate 5xx retries and requests still
   * in flight are dropped instead of adding to the load upstream shed.
   */
  signal(): AbortSignal;
}

/** Longest backoff one response can impose, so a bogus Retry-After cannot silence a target for good. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/** Creates a BackoffGate. */
export function createBackoffGate(): BackoffGate {
  let until = 0;
  let controller = new AbortController();
  return {
    blocked: (now) => now < until,
    backOff(next, now) {
      until = Math.max(until, Math.min(next, now + MAX_BACKOFF_MS));
      controller.abort();
      controller = new AbortController();
    },
    signal: () => controller.signal,
  };
}
