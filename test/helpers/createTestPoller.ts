import type { Dispatcher } from 'undici';
import type { Clock } from '../../src/clock';
import type { TargetConfig } from '../../src/config/types';
import { createNullLogger } from '../../src/log/createLogger';
import { createRedactor } from '../../src/log/createRedactor';
import { createTargetPoller, type TargetPoller } from '../../src/poll/createTargetPoller';
import type { SnapshotSink } from '../../src/snapshot/createSnapshotStore';
import type { Source } from '../../src/sources/Source';
import type { BudgetSpec } from '../../src/config/types';
import { createBudget } from '../../src/upstream/createBudget';

/**
 * One target's poller driven by hand in a test: a budget of `budget` (the
 * target's own by default), no logging, no secrets to mask.
 */
export function createTestPoller(o: {
  readonly target: TargetConfig;
  readonly source: Source;
  readonly store: SnapshotSink;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly budget?: BudgetSpec;
}): TargetPoller {
  return createTargetPoller({
    target: o.target,
    source: o.source,
    budget: createBudget(o.budget ?? o.target.budget, o.clock),
    dispatcher: o.dispatcher,
    clock: o.clock,
    logger: createNullLogger(),
    store: o.store,
    redactor: createRedactor([]),
  });
}
