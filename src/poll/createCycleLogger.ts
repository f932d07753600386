import type { Clock } from '../clock';
import { createRepeatLimiter } from '../log/createRepeatLimiter';
import type { Logger } from '../log/Logger';
import type { CycleSummary } from './CycleSummary';

/** Logs each cycle of one target: a debug summary always, a warning when it had failures. */
export interface CycleLogger {
  /**
   * Logs `s` at debug, and at warn when it had failures, unless the same kind
   * of failure (reasons and endpoints) was logged within the repeat interval.
   * `quiet` (a first cycle, summarised across targets by the exporter) only
   * notes it, so the next cycle failing the same way stays quiet too.
   */
  cycle(s: CycleSummary, durationMs: number, quiet: boolean): void;
}

/** Whether a cycle had anything worth a warning. */
export function hadFailures(s: CycleSummary): boolean {
  return s.failed > 0 || s.problems > 0 || s.deadlineExceeded;
}

/** The failures of a cycle in a few words: `http_5xx×7 timeout×1 on charts-chats, charts-timings`. */
export function describeFailures(s: CycleSummary): string {
  const reasons = [...s.reasons]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => `${reason}×${n}`);
  if (s.problems > 0) reasons.push(`unparsable values×${s.problems}`);
  const on = s.failedEndpoints.length > 0 ? ` on ${s.failedEndpoints.join(', ')}` : '';
  const cut = s.deadlineExceeded ? `; cut at its deadline, ${s.notReached} not reached` : '';
  return `${reasons.join(' ')}${on}${cut}`;
}

/** Creates the cycle logger of a target (`log` carries its name). */
export function createCycleLogger(log: Logger, clock: Clock, repeatIntervalMs: number): CycleLogger {
  const repeats = createRepeatLimiter(clock, repeatIntervalMs);
  return {
    cycle(s, durationMs, quiet) {
      log.debug('poll cycle finished', {
        cycle: s.cycle,
        jobs: s.jobs,
        refreshed: s.refreshed,
        deferred: s.deferred,
        failed: s.failed,
        unparsable: s.problems || undefined,
        not_reached: s.deadlineExceeded ? s.notReached : undefined,
        duration_ms: Math.round(durationMs),
      });
      if (!hadFailures(s)) return;
      const kind = `${s.cycle}|${[...s.reasons.keys()].sort().join(',')}|${s.failedEndpoints.join(',')}|${s.problems > 0}`;
      const suppressed = repeats.admit(kind);
      if (quiet || suppressed === undefined) return;
      log.warn('poll cycle had failures', {
        cycle: s.cycle,
        failed: s.failed,
        of: s.jobs,
        detail: describeFailures(s),
        error: s.lastError,
        suppressed_repeats: suppressed || undefined,
      });
    },
  };
}
