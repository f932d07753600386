import { scheduleIntervalMs } from '../config/scheduleIntervalMs';

/**
 * The longest deadline: a schedule whose interval cannot be worked out (too few
 * runs ahead) still gets one, and a daily or yearly one gets no more (a cycle
 * that runs for an hour is stuck, whatever its schedule).
 */
const MAX_MS = 60 * 60_000;

/**
 * How long one cycle on `schedule` may run: its interval, less a small margin
 * (a tenth of it, at most a second) so the cycle has ended, and its snapshot
 * is out, before the next one is due; at most an hour.
 */
export function cycleDeadlineMs(schedule: string, timezone: string): number {
  const interval = scheduleIntervalMs(schedule, timezone) ?? MAX_MS;
  return Math.min(MAX_MS, interval - Math.min(1_000, interval / 10));
}
