/** Holds a whole target back while upstream has asked it to wait (429 or 503 with Retry-After). */
export interface BackoffGate {
  /** True while the backoff lasts. */
  blocked(now: number): boolean;
  /** Starts or extends the backoff to `until` (epoch ms). */
  backOff(until: number, now: number): void;
}

/** Longest backoff one response can impose, so a bogus Retry-After cannot silence a target for good. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * Creates a BackoffGate. It stops requests from starting (retries included);
 * requests already in flight are left to finish, so each answer is counted as
 * what it was (a 429 as rate_limited under code 429) rather than dropped.
 */
export function createBackoffGate(): BackoffGate {
  let until = 0;
  return {
    blocked: (now) => now < until,
    backOff(next, now) {
      until = Math.max(until, Math.min(next, now + MAX_BACKOFF_MS));
    },
  };
}
