import { scheduleIntervalMs } from '../config/scheduleIntervalMs';
import type { TargetConfig } from '../config/types';

/** How the connection pool of one upstream origin is sized. */
export interface PoolSizing {
  /** Sockets at most: requests past this wait in the pool's queue. */
  readonly connections: number;
  /** How long an idle socket is kept for the next cycle (a server's shorter `Keep-Alive: timeout` still wins). */
  readonly keepAliveMs: number;
}

/** Slack over the longest schedule interval, so a socket idle for one whole interval is still open at the next tick. */
export const KEEP_ALIVE_SLACK_MS = 15_000;
/** Longer gaps reconnect: an idle socket held for more than 5 minutes costs more than the handshake it saves. */
export const MAX_KEEP_ALIVE_MS = 300_000;
/** Used for an origin no running target names (e.g. a target removed by a reload whose requests are in flight). */
export const DEFAULT_POOL_SIZING: PoolSizing = { connections: 4, keepAliveMs: 5_000 };

/**
 * Pool sizing per origin from the targets that poll it. Connections: each target runs at most `concurrency`
 * requests per cycle (twice that when its live cycle overlaps the analytics one), summed over the origin's targets;
 * a larger cap is not free: a pool opens another socket whenever a request comes before the last one's socket is
 * handed back, so a cap of 2 × concurrency ended up with twice the sockets for no speed. Keep-alive:
 * the longest interval of the origin's schedules plus slack, capped, so sockets survive from one cycle to the next.
 */
export function upstreamPoolSizing(
  targets: readonly TargetConfig[],
  usesLiveCycle: (target: TargetConfig) => boolean,
): Map<string, PoolSizing> {
  const intervals = new Map<string, number>();
  const intervalOf = (expression: string, timezone: string): number => {
    const key = `${expression}\u0000${timezone}`;
    let ms = intervals.get(key);
    if (ms === undefined) intervals.set(key, (ms = scheduleIntervalMs(expression, timezone) ?? MAX_KEEP_ALIVE_MS));
    return ms;
  };
  const out = new Map<string, { connections: number; keepAliveMs: number }>();
  for (const t of targets) {
    const origin = new URL(t.url).origin;
    const live = usesLiveCycle(t);
    let interval = intervalOf(t.schedule, t.timezone);
    if (live) interval = Math.max(interval, intervalOf(t.liveSchedule, t.timezone));
    const keepAliveMs = Math.min(interval + KEEP_ALIVE_SLACK_MS, MAX_KEEP_ALIVE_MS);
    const s = out.get(origin) ?? { connections: 0, keepAliveMs: 0 };
    s.connections += live ? 2 * t.concurrency : t.concurrency;
    s.keepAliveMs = Math.max(s.keepAliveMs, keepAliveMs);
    out.set(origin, s);
  }
  return out;
}
