import type { BudgetUsage } from '../../upstream/createBudget';
import type { LastError } from '../../poll/TargetState';
import type { TargetView } from './TargetView';

/** Freshness, errors and budget of one endpoint of a target. */
export interface EndpointSummary {
  readonly endpoint: string;
  /** Jobs (endpoint × department × window), each one group of series. */
  readonly groups: number;
  /** Groups that have never been refreshed successfully. */
  readonly neverRefreshed: number;
  /** Refresh time of the stalest group that has been refreshed at all. */
  readonly oldestRefresh: number | undefined;
  /** Groups whose last attempt failed. */
  readonly failing: number;
  /** The newest error among the failing groups. */
  readonly lastError: LastError | undefined;
  /** Undefined when the endpoint has not asked the budget for anything yet. */
  readonly budget: BudgetUsage | undefined;
}

/**
 * Groups a target's jobs by endpoint, in the order the source plans them;
 * endpoints only the budget knows (department discovery) come last.
 */
export function summarizeEndpoints(view: Pick<TargetView, 'state' | 'budget'>): EndpointSummary[] {
  const byEndpoint = new Map<
    string,
    {
      groups: number;
      neverRefreshed: number;
      oldestRefresh: number | undefined;
      failing: number;
      lastError: LastError | undefined;
    }
  >();
  for (const job of view.state.jobs) {
    let s = byEndpoint.get(job.endpoint);
    if (!s)
      byEndpoint.set(
        job.endpoint,
        (s = { groups: 0, neverRefreshed: 0, oldestRefresh: undefined, failing: 0, lastError: undefined }),
      );
    s.groups++;
    if (job.refreshedAt === undefined) s.neverRefreshed++;
    else if (s.oldestRefresh === undefined || job.refreshedAt < s.oldestRefresh) s.oldestRefresh = job.refreshedAt;
    if (job.error) {
      s.failing++;
      if (!s.lastError || job.error.at >= s.lastError.at) s.lastError = job.error;
    }
  }
  const budgets = new Map(view.budget.map((b) => [b.endpoint, b]));
  const out: EndpointSummary[] = [...byEndpoint].map(([endpoint, s]) => ({
    endpoint,
    ...s,
    budget: budgets.get(endpoint),
  }));
  for (const b of view.budget) {
    if (!byEndpoint.has(b.endpoint))
      out.push({
        endpoint: b.endpoint,
        groups: 0,
        neverRefreshed: 0,
        oldestRefresh: undefined,
        failing: 0,
        lastError: undefined,
        budget: b,
      });
  }
  return out;
}
