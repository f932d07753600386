import { scheduleIntervalMs } from '../config/scheduleIntervalMs';

/** A schedule whose interval cannot be worked out (too few runs ahead) still gets a bound. */
const FALLBACK_MS = 60 * 60_000;

/**
 * How long one cycle on `schedule` may run: its interval, less a small margin
 * (a tenth of it, at most a second) so the cycle has ended, and its snapshot
 * is out, before the next one is due.
 */
export function cycleDeadlineMs(schedule: string, timezone: string): number {
  const interval = scheduleIntervalMs(schedule, timezone) ?? FALLBACK_MS;
  return interval - Math.min(1_000, interval / 10);
}
