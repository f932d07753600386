import type { Clock } from '../../src/clock';

/** Outcome of one counted call. */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  /** Calls left in the window after this one (never negative). */
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
  /** ms until the reset. */
  timeToReset: number;
}

/** A fixed-window counter per key (Meteor RateLimiter semantics: the window starts at the first call). */
export interface FixedWindowLimiter {
  hit(key: string): LimitDecision;
  reset(): void;
}

/** Creates a limiter allowing `limit` calls per `periodMs` per key, timed by `clock`. */
export function createFixedWindowLimiter(deps: { clock: Clock; limit: number; periodMs: number }): FixedWindowLimiter {
  const { clock, limit, periodMs } = deps;
  let windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const now = clock.now();
      let w = windows.get(key);
      if (!w || now >= w.start + periodMs || now < w.start) {
        if (windows.size > 10_000) {
          // Drop expired windows so many distinct clients cannot grow memory without bound.
          const live = new Map<string, { start: number; count: number }>();
          for (const [k, v] of windows) if (now < v.start + periodMs) live.set(k, v);
          windows = live;
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      const resetAt = w.start + periodMs;
      return {
        allowed: w.count <= limit,
        limit,
        remaining: Math.max(0, limit - w.count),
        resetAt,
        timeToReset: resetAt - now,
      };
    },
    reset() {
      windows = new Map();
    },
  };
}
