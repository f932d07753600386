import type { Clock } from '../clock';

/** Decides whether a repeated log line may be written now, and how many were held back. */
export interface RepeatLimiter {
  /** Returns undefined to drop the line, or the number of lines suppressed since the last one written. */
  admit(key: string): number | undefined;
}

/**
 * Lets the first line of a kind through, then at most one per `intervalMs`,
 * so an upstream that is down for hours logs a handful of lines, each saying how
 * many it stands for.
 */
export function createRepeatLimiter(clock: Clock, intervalMs: number, maxKeys = 10_000): RepeatLimiter {
  const seen = new Map<string, { last: number; suppressed: number }>();
  return {
    admit(key) {
      const now = clock.now();
      const s = seen.get(key);
      if (s && now - s.last < intervalMs) {
        s.suppressed++;
        return undefined;
      }
      const suppressed = s?.suppressed ?? 0;
      if (!s && seen.size >= maxKeys) seen.delete(seen.keys().next().value!);
      seen.set(key, { last: now, suppressed: 0 });
      return suppressed;
    },
  };
}
