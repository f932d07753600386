import type { BudgetWindow } from '../config/types';

/** A request allowance: `requests` per `perMs`, counted in `window` mode (default sliding). */
export interface Allowance {
  readonly requests: number;
  readonly perMs: number;
  readonly window?: BudgetWindow;
}

/** Counts requests against one allowance. Times are epoch ms. */
export interface WindowCounter {
  /** Whether one more request at `now` fits. */
  fits(now: number): boolean;
  /** Counts one request at `now` (call only after `fits`). */
  take(now: number): void;
  /** How long from `now` until a request fits; undefined when not within the next two periods. */
  waitMs(now: number): number | undefined;
  /** Requests counted in the current period (sliding: the last `perMs`; fixed: the current window). */
  used(now: number): number;
}

/**
 * Near a fixed window's boundary the server's clock (and its arrival time) may put a request in
 * either window; such a request is counted in both, so neither can overflow. 2 s covers NTP skew
 * and a request that waits in a proxy or Puma's queue.
 */
export function fixedWindowGuardMs(perMs: number): number {
  return Math.min(2_000, Math.floor(perMs / 10));
}

/** Creates the counter of one allowance. */
export function createWindowCounter(spec: Allowance): WindowCounter {
  return spec.window === 'fixed' ? createFixedCounter(spec) : createSlidingCounter(spec);
}

function createSlidingCounter({ requests, perMs }: Allowance): WindowCounter {
  /** Times of the requests of the last period, oldest first. */
  const log: number[] = [];
  const prune = (now: number) => {
    let i = 0;
    while (i < log.length && log[i]! <= now - perMs) i++;
    if (i > 0) log.splice(0, i);
  };
  return {
    fits(now) {
      prune(now);
      return log.length < requests;
    },
    take(now) {
      log.push(now);
    },
    waitMs(now) {
      prune(now);
      return log.length < requests ? 0 : log[log.length - requests]! + perMs - now + 1;
    },
    used(now) {
      prune(now);
      return log.length;
    },
  };
}

function createFixedCounter({ requests, perMs }: Allowance): WindowCounter {
  const guard = fixedWindowGuardMs(perMs);
  /** Requests per window index; only the windows around now are kept. */
  const counts = new Map<number, number>();
  /** The windows a request at `t` may land in at the server. */
  const windowsAt = (t: number): number[] => {
    const w = Math.floor(t / perMs);
    const out = [w];
    if (t - w * perMs < guard) out.push(w - 1);
    if ((w + 1) * perMs - t <= guard) out.push(w + 1);
    return out;
  };
  const fitsAt = (t: number) => windowsAt(t).every((w) => (counts.get(w) ?? 0) < requests);
  return {
    fits: fitsAt,
    take(now) {
      const current = Math.floor(now / perMs);
      for (const w of counts.keys()) if (w < current - 1) counts.delete(w);
      for (const w of windowsAt(now)) counts.set(w, (counts.get(w) ?? 0) + 1);
    },
    waitMs(now) {
      // Whether a request fits only changes at a boundary or at the edges of its guard band.
      const first = Math.floor(now / perMs) + 1;
      const candidates = [now];
      for (let w = first; w <= first + 1; w++) candidates.push(w * perMs - guard, w * perMs, w * perMs + guard);
      const t = candidates.filter((c) => c >= now).find(fitsAt);
      return t === undefined ? undefined : t - now;
    },
    used: (now) => counts.get(Math.floor(now / perMs)) ?? 0,
  };
}
