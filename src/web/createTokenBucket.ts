import type { Clock } from '../clock';

/** A rate limiter that admits or refuses one event at a time. */
export interface TokenBucket {
  /** Takes a token if one is available. */
  tryTake(): boolean;
}

/**
 * A token bucket like Go's `rate.NewLimiter(rate.Every(interval), burst)`, which is
 * what exporter-toolkit's `rate_limit` uses: starts full with `burst` tokens and
 * regains one token per `intervalMs`, continuously.
 */
export function createTokenBucket(deps: { intervalMs: number; burst: number; clock: Clock }): TokenBucket {
  const { intervalMs, burst, clock } = deps;
  let tokens = burst;
  let last = clock.now();
  return {
    tryTake() {
      const now = clock.now();
      tokens = Math.min(burst, tokens + Math.max(0, now - last) / intervalMs);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
