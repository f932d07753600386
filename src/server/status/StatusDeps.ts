import type { Config } from '../../config/types';
import type { BudgetUsage } from '../../poll/createBudget';
import type { StatusTargetState } from './TargetView';

/** What the status pages read; all of it is in memory, a page view never calls an upstream. */
export interface StatusDeps {
  /** The running targets, in config order (the exporter's `states()`). */
  readonly states: () => readonly StatusTargetState[];
  /**
   * Request budget use of one target, one entry per endpoint it has called.
   * A budget is shared by every target on the same origin, so `used` counts
   * their requests together. Unknown targets give an empty list.
   */
  readonly budgetUsage: (target: string) => readonly BudgetUsage[];
  /** The running config, undefined until the first one is applied. */
  readonly config: () => Config | undefined;
  /** Epoch milliseconds; the ages on the pages are computed against it. */
  readonly now: () => number;
  readonly version: string;
}
