/** A window the analytics are queried over: a rolling duration, or the calendar day so far. */
export type WindowSpec =
  | { readonly kind: 'rolling'; readonly label: string; readonly durationMs: number }
  | { readonly kind: 'today'; readonly label: 'today' };

/**
 * How requests are counted against an allowance. `sliding`: at most N in any span of `perMs`. `fixed`: at most N
 * per window [k·perMs, (k+1)·perMs) of epoch time, as limiters keyed on floor(now / period) count
 * (Chatwoot's Rack::Attack: every 60 s window starts at :00 of a UTC minute).
 */
export type BudgetWindow = 'sliding' | 'fixed';

/**
 * How many requests a target may make per endpoint (`window` default sliding); `unlimited` for users that bypass
 * the upstream limiter.
 */
export type BudgetSpec =
  { readonly requests: number; readonly perMs: number; readonly window?: BudgetWindow } | 'unlimited';

/** Settings every target has, whatever its kind; each can be set in `defaults` and overridden per target. */
export interface CommonSettings {
  /** Cron expression of the analytics cycle (windowed series). */
  schedule: string;
  /** Cron expression of the live cycle (what holds now), for kinds that have live jobs. */
  liveSchedule: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  windows: WindowSpec[];
  timezone: string;
  alignMs: number;
  delayMs: number;
  maxStalenessMs: number;
  budget: BudgetSpec;
  labels: Record<string, string>;
}

/** One validated target. `options` holds what only its kind understands. */
export interface TargetConfig<Options = unknown> extends CommonSettings {
  name: string;
  kind: string;
  url: string;
  options: Options;
}

/** The whole validated config. `checksum` covers the file and every resolved secret, so a rotated token is a change. */
export interface Config {
  targets: TargetConfig[];
  checksum: string;
  /** The path it was loaded from, for messages. */
  file: string;
  /** The file's text as it was loaded (what `/config` shows, redacted). */
  text: string;
}

/**
 * The running config as the pages see it: everything but the kinds' options,
 * which hold the secrets (and never leave the polling thread).
 */
export type ConfigView = Omit<Config, 'targets'> & {
  readonly targets: readonly Omit<TargetConfig, 'options'>[];
};
