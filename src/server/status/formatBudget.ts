import type { BudgetUsage } from '../../upstream/createBudget';
import type { BudgetSpec } from '../../config/types';
import { formatDuration } from './formatDuration';

/** Budget use as "7 / 10 per 1m" or "unlimited"; with only the spec known (nothing asked yet), "0 / 10 per 1m". */
export function formatBudget(usage: BudgetUsage | undefined, spec: BudgetSpec | undefined): string {
  const limit = usage ? usage.limit : spec === undefined || spec === 'unlimited' ? undefined : spec.requests;
  const periodMs = usage ? usage.periodMs : spec === undefined || spec === 'unlimited' ? undefined : spec.perMs;
  if (limit === undefined) return usage || spec === 'unlimited' ? 'unlimited' : '';
  return `${usage?.used ?? 0} / ${limit} per ${periodMs === undefined ? '?' : formatDuration(periodMs)}`;
}
