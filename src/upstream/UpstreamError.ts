/** Why an upstream request failed; the values are the `reason` label of the errors counter (docs/metrics.md). */
export type ErrorReason =
  'timeout' | 'deadline' | 'network' | 'redirect' | 'http_4xx' | 'http_5xx' | 'rate_limited' | 'parse' | 'auth';

/** Extra facts about a failure. */
export interface UpstreamErrorDetails {
  readonly status?: number;
  /** Rate limits: when the upstream said we may call again (epoch ms)... */
  readonly retryAt?: number;
  /** ...or how long it asked us to wait (e.g. Retry-After). */
  readonly retryAfterMs?: number;
  /** Auth errors: true when only this endpoint is refused (a missing permission), not the whole target. */
  readonly endpointOnly?: boolean;
  /** Misdirected requests: the region the upstream named. */
  readonly region?: string;
}

/**
 * A failed upstream call, already classified. Messages are built by the exporter
 * from status codes and short parsed fields, and pass through secret redaction,
 * so an upstream that reflects our token back cannot leak it.
 */
export class UpstreamError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly details: UpstreamErrorDetails = {},
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/**
 * Why a request was carried over: `budget`, its endpoint's request budget is used
 * up for now; `rate_limited`, upstream asked to wait (a 429, Retry-After, or its
 * own limiter counter at zero).
 */
export type DeferReason = 'budget' | 'rate_limited';

/** Thrown when the request budget has no room; the job is carried over, not failed. */
export class BudgetExhausted extends Error {
  constructor(
    readonly endpoint: string,
    readonly why: DeferReason = 'budget',
  ) {
    super(why === 'budget' ? `request budget exhausted for ${endpoint}` : `upstream asked to wait (${endpoint})`);
    this.name = 'BudgetExhausted';
  }
}
