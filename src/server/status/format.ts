import type { BudgetSpec } from '../../config/types';
import type { BudgetUsage } from '../../upstream/createBudget';
import type { LastError } from '../../poll/TargetState';
import { html, type Html } from './html';
import type { StatusTargetState } from './TargetView';

/*
 * How values read on the status pages: coarse durations, ages, sizes, labels
 * and budgets as text, and the small fragments both pages use (times, state
 * badges, errors). Exact values stay on /metrics and /config.
 */

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/**
 * A coarse, human duration with at most two units: "12s", "3m 5s", "2h",
 * "3d 2h". Below one second it says "0s": ages and periods on the status page
 * do not need more precision.
 */
export function formatCoarseDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const total = Math.floor(Math.abs(ms));
  const first = UNITS.findIndex(([, size]) => total >= size);
  if (first < 0) return '0s';
  const [unit, size] = UNITS[first]!;
  const out = `${Math.floor(total / size)}${unit}`;
  const next = UNITS[first + 1];
  if (!next) return out;
  const n = Math.floor((total % size) / next[1]);
  return n > 0 ? `${out} ${n}${next[0]}` : out;
}

/** A time relative to `now`: "12s ago", "in 42s", or "just now" within a second. */
export function formatAgo(at: number, now: number): string {
  const d = now - at;
  if (Math.abs(d) < 1_000) return 'just now';
  return d > 0 ? `${formatCoarseDuration(d)} ago` : `in ${formatCoarseDuration(-d)}`;
}

/** A measured duration (request, cycle): "84 ms", "2.3 s", then coarse units ("1m 5s") for long ones. */
export function formatMillis(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatCoarseDuration(ms);
}

/** A response size for people: "512 B", "1.5 KiB", "2.0 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Labels for people, `{department="x", window="1h"}`: plain text, escaped where it is rendered (the exposition has its own). */
export function formatLabelsForPage(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** Budget use as "7 / 10 per 1m" or "unlimited"; with only the spec known (nothing asked yet), "0 / 10 per 1m". */
export function formatBudget(usage: BudgetUsage | undefined, spec: BudgetSpec | undefined): string {
  const limit = usage ? usage.limit : spec === undefined || spec === 'unlimited' ? undefined : spec.requests;
  const periodMs = usage ? usage.periodMs : spec === undefined || spec === 'unlimited' ? undefined : spec.perMs;
  if (limit === undefined) return usage || spec === 'unlimited' ? 'unlimited' : '';
  return `${usage?.used ?? 0} / ${limit} per ${periodMs === undefined ? '?' : formatCoarseDuration(periodMs)}`;
}

/** A point in time as "12s ago", with the exact UTC time in the `datetime` and on hover; "never" when unset. */
export function renderTime(at: number | undefined, now: number, never = 'never'): Html {
  if (at === undefined) return html`<span class="muted">${never}</span>`;
  const iso = new Date(at).toISOString();
  return html`<time datetime="${iso}" title="${iso}">${formatAgo(at, now)}</time>`;
}

/** The one-word state of a target; `pending` until its first cycle has finished. */
type TargetHealth = 'up' | 'degraded' | 'down' | 'pending';

/** Reads the state shown in a target's badge. */
function targetHealth(state: Pick<StatusTargetState, 'up'>, degraded: string | undefined): TargetHealth {
  if (state.up === undefined) return 'pending';
  if (!state.up) return 'down';
  return degraded === undefined ? 'up' : 'degraded';
}

/** How never-refreshed groups are described, by what their last cycle did with them. */
const NEVER_BECAUSE: Readonly<Record<string, string>> = {
  deferred: 'deferred by the request budget',
  rate_limited: 'rate limited',
  failed: 'failed',
  auth_blocked: 'refused credentials',
  not_reached: "not reached before the cycle's deadline",
  none: 'not attempted yet',
};

/**
 * Why a target that is up still lacks fresh data: groups never refreshed (and
 * why) or stale (older than max_staleness); undefined when every group is fresh.
 */
export function degradedReason(
  state: Pick<StatusTargetState, 'up' | 'jobs'>,
  now: number,
  maxStalenessMs: number | undefined,
): string | undefined {
  if (state.up !== true) return undefined;
  const never = new Map<string, number>();
  let neverCount = 0;
  let stale = 0;
  for (const job of state.jobs) {
    if (job.refreshedAt === undefined) {
      const why = job.attempt === undefined || job.attempt === 'refreshed' ? 'none' : job.attempt;
      never.set(why, (never.get(why) ?? 0) + 1);
      neverCount++;
    } else if (maxStalenessMs !== undefined && now - job.refreshedAt > maxStalenessMs) stale++;
  }
  const parts: string[] = [];
  const total = state.jobs.length;
  if (neverCount > 0) {
    const why = [...never].map(([k, n]) => `${n} ${NEVER_BECAUSE[k] ?? k}`).join(', ');
    parts.push(`${neverCount} of ${total} series groups never refreshed (${why})`);
  }
  if (stale > 0)
    parts.push(
      `${stale} of ${total} series groups stale (older than max_staleness, ${formatCoarseDuration(maxStalenessMs!)})`,
    );
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * The state badge of a target (up/degraded/down/pending), plus "auth blocked"
 * when its credentials were refused. `degraded` is degradedReason's answer:
 * a target that is up without fresh data behind it is never shown green.
 */
export function renderStateBadges(state: Pick<StatusTargetState, 'up' | 'authBlocked'>, degraded?: string): Html {
  const health = targetHealth(state, degraded);
  return html`<span class="badge ${health}"${health === 'degraded' && html` title="${degraded}"`}>${health}</span>${state.authBlocked !== undefined && html` <span class="badge blocked" title="${state.authBlocked}">auth blocked</span>`}`;
}

/** An error as one line: reason code, message, then where (endpoint, labels) and when. */
export function renderLastError(e: LastError, now: number, options: { endpoint?: boolean } = {}): Html {
  const labels = formatLabelsForPage(e.labels);
  return html`<span class="reason">${e.reason}</span> ${e.message}<span class="muted"> · ${options.endpoint !== false && html`<code>${e.endpoint}</code>${labels && html` <code>${labels}</code>`} · `}${renderTime(e.at, now)}</span>`;
}
