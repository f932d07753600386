import type { Clock } from '../clock';
import type { BudgetSpec } from '../config/types';
import { createWindowCounter, type Allowance, type WindowCounter } from './createWindowCounter';

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

/**
 * An upstream limit that several endpoints count against together (e.g. Chatwoot's Rack::Attack rules:
 * every request per client IP, `/reports` per token). Limits with the same `key` share one counter,
 * so targets that hit the same upstream bucket (same IP, same token) never exceed it together.
 */
export interface SharedLimit extends Allowance {
  /** Identity of the upstream bucket, e.g. `chatwoot|https://chat.example.com|reports|3|<token hash>`. */
  readonly key: string;
  /** The endpoints it counts; undefined: every endpoint of the budget. */
  readonly endpoints?: readonly string[];
}

/** A shared limit's counter and its block after a 429; one per `key`, handed to every budget that shares it. */
export interface SharedLimitState {
  readonly limit: SharedLimit;
  readonly counter: WindowCounter;
  blockedUntil?: number;
}

/** Creates the state of a shared limit (the exporter keeps one per key). */
export function createSharedLimitState(limit: SharedLimit): SharedLimitState {
  return { limit, counter: createWindowCounter(limit) };
}

interface EndpointState {
  /** The endpoint's own allowance; undefined when unlimited. */
  counter: WindowCounter | undefined;
  /** Granted requests not yet settled: the server may not have counted them when it answered another. */
  inFlight: number;
  blockedUntil?: number;
  server?: { remaining: number; reset: number };
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

/** Takes one request from the endpoint and its shared limits when all have room (and no block holds). */
function acquire(s: EndpointState, limits: readonly SharedLimitState[], now: number): boolean {
  if (s.blockedUntil !== undefined) {
    if (now < s.blockedUntil) return false;
    s.blockedUntil = undefined;
  }
  if (s.server && now >= s.server.reset) s.server = undefined;
  if (s.server && s.server.remaining <= 0) return false;
  if (s.counter && !s.counter.fits(now)) return false;
  if (!limits.every((l) => l.counter.fits(now))) return false;
  s.counter?.take(now);
  for (const l of limits) l.counter.take(now);
  if (s.server) s.server.remaining--;
  s.inFlight++;
  return true;
}

/** The shared limits that count `endpoint`. */
function limitsOf(shared: readonly SharedLimitState[], endpoint: string): SharedLimitState[] {
  return shared.filter((l) => l.limit.endpoints === undefined || l.limit.endpoints.includes(endpoint));
}

/**
 * A per-endpoint budget: at most `requests` per `per`, counted in a sliding window by
 * default, which also keeps Rocket.Chat's fixed-window limiter (10 per 60 s per endpoint
 * and client IP, failed calls included) from ever answering 429; or in fixed windows
 * aligned to epoch time (`window: fixed`), the way Rack::Attack counts. Shared limits
 * (`shared`) count every matching endpoint together on top. Upstream's own counters,
 * when it sends them, can only make the budget stricter.
 */
export function createBudget(spec: BudgetSpec, clock: Clock, shared: readonly SharedLimitState[] = []): Budget {
  const states = new Map<string, EndpointState>();
  const periodMs = spec === 'unlimited' ? undefined : spec.perMs;
  // Bound how long a bogus Reset header can silence an endpoint.
  const maxBlockMs = periodMs ?? 60 * 60_000;

  const state = (endpoint: string): EndpointState => {
    let s = states.get(endpoint);
    if (!s) {
      s = { counter: spec === 'unlimited' ? undefined : createWindowCounter(spec), inFlight: 0 };
      states.set(endpoint, s);
    }
    return s;
  };
  /** Until when a shared limit of the endpoint is blocked (after a 429 on one of its endpoints). */
  const sharedBlock = (endpoint: string, now: number): number | undefined => {
    const until = limitsOf(shared, endpoint)
      .map((l) => l.blockedUntil ?? 0)
      .filter((t) => t > now);
    return until.length ? Math.max(...until) : undefined;
  };

  return {
    tryAcquire(endpoint) {
      const now = clock.now();
      return sharedBlock(endpoint, now) === undefined && acquire(state(endpoint), limitsOf(shared, endpoint), now);
    },
    waitMs(endpoint) {
      const now = clock.now();
      const s = state(endpoint);
      const waits: (number | undefined)[] = [0, s.counter ? s.counter.waitMs(now) : 0];
      if (s.blockedUntil !== undefined) waits.push(s.blockedUntil - now);
      if (s.server && s.server.remaining <= 0 && now < s.server.reset) waits.push(s.server.reset - now);
      const blocked = sharedBlock(endpoint, now);
      if (blocked !== undefined) waits.push(blocked - now);
      for (const l of limitsOf(shared, endpoint)) waits.push(l.counter.waitMs(now));
      return waits.includes(undefined) ? undefined : Math.max(...(waits as number[]));
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
      const capped = Math.min(Math.max(until, now), now + maxBlockMs);
      s.blockedUntil = Math.max(s.blockedUntil ?? 0, capped);
      // A 429 names no rule: hold back the narrow limits this endpoint shares (its siblings would be refused
      // too), but not one that covers every endpoint, which would silence the whole target for one rule.
      for (const l of limitsOf(shared, endpoint))
        if (l.limit.endpoints !== undefined) l.blockedUntil = Math.max(l.blockedUntil ?? 0, capped);
    },
    usage(endpoint) {
      const now = clock.now();
      const s = state(endpoint);
      const limit = spec === 'unlimited' ? undefined : spec.requests;
      const shared429 = sharedBlock(endpoint, now);
      const own429 = s.blockedUntil !== undefined && s.blockedUntil > now ? s.blockedUntil : undefined;
      const rateLimited = [own429, shared429].filter((x) => x !== undefined);
      const blocked = [blockedUntilOf(s, now), shared429].filter((x) => x !== undefined);
      return {
        endpoint,
        used: s.counter?.used(now) ?? 0,
        limit,
        periodMs,
        blockedUntil: blocked.length ? Math.max(...blocked) : undefined,
        ...(rateLimited.length > 0 && { rateLimitedUntil: Math.max(...rateLimited) }),
      };
    },
  };
}
