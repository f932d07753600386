import type { TargetNotice } from '../sources/Source';
import type { BudgetUsage } from '../upstream/createBudget';
import type { Exchange } from '../upstream/UpstreamClientOptions';
import type { ErrorReason } from '../upstream/UpstreamError';

/** The last error of a target, for the status page. */
export interface LastError {
  readonly at: number;
  readonly endpoint: string;
  readonly reason: ErrorReason;
  readonly message: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * What the last cycle that reached a job did with it: refreshed it, or why not.
 * `deferred`: its endpoint's request budget was used up; `rate_limited`:
 * upstream had asked to wait; `auth_blocked`: upstream refuses the credentials
 * (until a reload); `not_reached`: the cycle hit its deadline before starting it.
 */
export type JobAttempt = 'refreshed' | 'failed' | 'deferred' | 'rate_limited' | 'auth_blocked' | 'not_reached';

/** Freshness of one job (endpoint × department × window); every planned job has one from the start. */
export interface JobStatus {
  readonly key: string;
  readonly endpoint: string;
  readonly labels: Readonly<Record<string, string>>;
  /** When it was last refreshed; undefined if it never was. */
  readonly refreshedAt: number | undefined;
  readonly error: LastError | undefined;
  /** Undefined until a cycle reached it. */
  readonly attempt?: JobAttempt;
  /** The parsed values of the last refresh, for the debug view. */
  readonly values: readonly { name: string; labels: Readonly<Record<string, string>>; value: number }[];
}

/** A read-only view of a target's poller, for the status page and tests. */
export interface TargetState {
  readonly name: string;
  readonly kind: string;
  readonly up: boolean | undefined;
  readonly cycles: number;
  readonly lastCycleEnd: number | undefined;
  readonly lastSuccess: number | undefined;
  readonly lastDurationMs: number | undefined;
  /** The live cycle's counterpart of cycles, lastCycleEnd and lastDurationMs (those are the analytics cycle's). */
  readonly live?: {
    readonly cycles: number;
    readonly lastCycleEnd: number | undefined;
    readonly lastDurationMs: number | undefined;
    readonly up: boolean | undefined;
  };
  readonly lastError: LastError | undefined;
  /** Set when the upstream refused our credentials: no request is made until the next reload. */
  readonly authBlocked: string | undefined;
  /** Every job that has run, in the order of the last plan. */
  readonly jobs: readonly JobStatus[];
  /** Request budget use per endpoint this target has called. */
  readonly budget: readonly BudgetUsage[];
  readonly recentExchanges: readonly Exchange[];
  /** What the source says the operator should know (e.g. a deprecated API version). */
  readonly notices: readonly TargetNotice[];
}
