import type { Clock } from '../clock';
import type { BudgetSpec } from '../config/types';

/** What the budget knows about one endpoint, for metrics and the status page. */
export interface BudgetUsage {
  readonly endpoint: string;
  /** Requests made within the last period. */
  readonly used: number;
  /** Requests allowed per period; undefined when unlimited. */
  readonly limit: number | undefined;
  readonly periodMs: number | undefined;
  /** While set and in the future, no request is made (after a 429 or an exhausted upstream counter). */
  readonly blockedUntil: number | undefined;
  /** The part of blockedUntil upstream asked for (a 429, Retry-After), as opposed to its counter running out. */
  readonly rateLimitedUntil?: number;
}

/** A per-endpoint request allowance shared by every target that talks to the same upstream origin. */
export interface Budget {
  /** Takes one request from the endpoint's allowance; false means: carry the work over. */
  tryAcquire(endpoint: string): boolean;
  /** How long until tryAcquire could succeed (0 = now); undefined when only a reset far away or nothing will free one. */
  waitMs(endpoint: string): number | undefined;
  /**
   * Feeds upstream's own limiter headers (X-RateLimit-Remaining, X-RateLimit-Reset in epoch ms)
   * from a response to a request this budget granted; call before `settle` for that request.
   */
  observe(endpoint: string, headers: Readonly<Record<string, string | undefined>>): void;
  /** Marks one granted request as finished (answered or not). */
  settle(endpoint: string): void;
  /** Stops requests to the endpoint until `until` (epoch ms), e.g. after a 429. */
  blockUntil(endpoint: string, until: number): void;
  usage(endpoint: string): BudgetUsage;
}

interface EndpointState {
  /** Timestamps of requests in the current sliding period, oldest first. */
  log: number[];
  /** Granted requests not yet settled: the server may not have counted them when it answered another. */
  inFlight: number;
  blockedUntil?: number;
  server?: { remaining: number; reset: number };
}

/** Drops the log entries older than one period (all of them when there is no period). */
function prune(s: EndpointState, now: number, periodMs: number | undefined): void {
  if (periodMs === undefined) {
    s.log.length = 0;
    return;
  }
  let i = 0;
  while (i < s.log.length && s.log[i]! <= now - periodMs) i++;
  if (i > 0) s.log.splice(0, i);
}

/** Takes the server's own counters from its headers, counting our other requests still in flight. */
function observeServer(
  s: EndpointState,
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
  maxBlockMs: number,
): void {
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
  const cappedReset = Math.min(reset, now + maxBlockMs);
  // The other requests still in flight may have reached the server after it answered this one:
  // assume they will count too. Out-of-order answers within one upstream window: the lowest count wins.
  const effective = remaining - Math.max(0, s.inFlight - 1);
  if (s.server && s.server.reset === cappedReset) s.server.remaining = Math.min(s.server.remaining, effective);
  else s.server = { remaining: effective, reset: cappedReset };
}

/** Until when no request may be made: after a 429, or while the server's counter is used up. */
function blockedUntilOf(s: EndpointState, now: number): number | undefined {
  const blocked = [
    s.blockedUntil,
    s.server && s.server.remaining <= 0 && now < s.server.reset ? s.server.reset : undefined,
  ].filter((x): x is number => x !== undefined && x > now);
  return blocked.length ? Math.max(...blocked) : undefined;
}

/**
 * A sliding-window budget: at most `requests` in any `per` interval, which also
 * keeps Rocket.Chat's fixed-window limiter (10 per 60 s per endpoint and client
 * IP, failed calls included) from ever answering 429. Upstream's own counters,
 * when it sends them, can only make the budget stricter.
 */
export function createBudget(spec: BudgetSpec, clock: Clock): Budget {
  const states = new Map<string, EndpointState>();
  const periodMs = spec === 'unlimited' ? undefined : spec.perMs;
  // Bound how long a bogus Reset header can silence an endpoint.
  const maxBlockMs = periodMs ?? 60 * 60_000;

  const state = (endpoint: string): EndpointState => {
    let s = states.get(endpoint);
    if (!s) states.set(endpoint, (s = { log: [], inFlight: 0 }));
    return s;
  };

  return {
    tryAcquire(endpoint) {
      const now = clock.now();
      const s = state(endpoint);
      if (s.blockedUntil !== undefined) {
        if (now < s.blockedUntil) return false;
        s.blockedUntil = undefined;
      }
      if (s.server && now >= s.server.reset) s.server = undefined;
      if (s.server && s.server.remaining <= 0) return false;
      prune(s, now, periodMs);
      if (spec !== 'unlimited' && s.log.length >= spec.requests) return false;
      if (periodMs !== undefined) s.log.push(now);
      if (s.server) s.server.remaining--;
      s.inFlight++;
      return true;
    },
    waitMs(endpoint) {
      const now = clock.now();
      const s = state(endpoint);
      prune(s, now, periodMs);
      const waits: number[] = [0];
      if (s.blockedUntil !== undefined) waits.push(s.blockedUntil - now);
      if (s.server && s.server.remaining <= 0 && now < s.server.reset) waits.push(s.server.reset - now);
      if (spec !== 'unlimited' && s.log.length >= spec.requests)
        waits.push(s.log[s.log.length - spec.requests]! + spec.perMs - now + 1);
      return Math.max(...waits);
    },
    observe(endpoint, headers) {
      observeServer(state(endpoint), headers, clock.now(), maxBlockMs);
    },
    settle(endpoint) {
      const s = state(endpoint);
      s.inFlight = Math.max(0, s.inFlight - 1);
    },
    blockUntil(endpoint, until) {
      const now = clock.now();
      const s = state(endpoint);
      s.blockedUntil = Math.max(s.blockedUntil ?? 0, Math.min(Math.max(until, now), now + maxBlockMs));
    },
    usage(endpoint) {
      const now = clock.now();
      const s = state(endpoint);
      prune(s, now, periodMs);
      const limit = spec === 'unlimited' ? undefined : spec.requests;
      const rateLimitedUntil = s.blockedUntil !== undefined && s.blockedUntil > now ? s.blockedUntil : undefined;
      const blockedUntil = blockedUntilOf(s, now);
      return {
        endpoint,
        used: s.log.length,
        limit,
        periodMs,
        blockedUntil,
        ...(rateLimitedUntil && { rateLimitedUntil }),
      };
    },
  };
}
