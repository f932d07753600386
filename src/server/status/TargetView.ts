import type { TargetConfig } from '../../config/types';
import type { BudgetUsage } from '../../upstream/createBudget';
import type { TargetState } from '../../poll/TargetState';

/** The parts of a target's state the pages read; a TargetState fits. */
export type StatusTargetState = Pick<
  TargetState,
  | 'name'
  | 'kind'
  | 'up'
  | 'cycles'
  | 'lastCycleEnd'
  | 'lastSuccess'
  | 'lastDurationMs'
  | 'lastError'
  | 'authBlocked'
  | 'jobs'
  | 'budget'
  | 'recentExchanges'
  | 'notices'
>;

/** One target as the pages show it: its state, its budget use and (when still configured) its config. */
export interface TargetView {
  readonly state: StatusTargetState;
  readonly budget: readonly BudgetUsage[];
  readonly config: Omit<TargetConfig, 'options'> | undefined;
}
