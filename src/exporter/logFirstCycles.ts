import type { Logger } from '../log/Logger';
import { describeFailures, hadFailures } from '../poll/createCycleLogger';
import type { RunningTarget } from './startTarget';

/** How many failing targets the summary names; the rest are counted. */
const NAMED = 10;

/**
 * Once the first cycles of the targets an apply started are done, one line for
 * all of them: at info when they all went well, else at warn naming the failing
 * targets and how they failed. Hundreds of targets failing at startup (a network
 * outage, a wrong proxy) would otherwise print a line each, or one per request.
 */
export function logFirstCycles(started: readonly RunningTarget[], logger: Logger): void {
  if (started.length === 0) return;
  void Promise.allSettled(started.map((r) => r.firstCycle)).then(() => summarise(started, logger));
}

function summarise(started: readonly RunningTarget[], logger: Logger): void {
  const failing = started.filter((r) => r.firstSummaries.some(hadFailures));
  if (failing.length === 0) {
    logger.info('first poll cycles finished', { targets: started.length });
    return;
  }
  const named = failing.slice(0, NAMED).map((r) => {
    const how = r.firstSummaries
      .filter(hadFailures)
      .map((s) => (r.firstSummaries.length > 1 ? `${s.cycle} ${describeFailures(s)}` : describeFailures(s)));
    return `${r.target.name}: ${how.join('; ')}`;
  });
  if (failing.length > NAMED) named.push(`and ${failing.length - NAMED} more`);
  logger.warn('first poll cycles had failures', {
    targets: started.length,
    failing: failing.length,
    detail: named.join(' | '),
  });
}
