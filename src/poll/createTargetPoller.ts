import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import { renderTargetSnapshot } from '../snapshot/renderTargetSnapshot';
import type { BackgroundTask, Job } from '../sources/Source';
import { BudgetExhausted, UpstreamError } from '../upstream/UpstreamError';
import { createPollerParts, type PollerParts, type TargetPollerDeps } from './createPollerParts';
import { runCycleJobs } from './runCycleJobs';
import type { JobStatus, TargetState } from './TargetState';

export type { TargetPollerDeps } from './createPollerParts';

/** Polls one target: runs cycles and background tasks, and publishes a snapshot after each. */
export interface TargetPoller {
  readonly name: string;
  /** One poll cycle; a call while one runs is skipped and counted as an overlap. */
  runCycle(): Promise<void>;
  /** Runs a background task now (e.g. department discovery). */
  runTask(task: BackgroundTask): Promise<void>;
  state(): TargetState;
  /** Forgets auth refusals, so the next cycle asks again (a reload does this). */
  unblock(): void;
  /** Aborts in-flight requests; later cycles do nothing. */
  stop(): void;
}

/** Asks the source for this cycle's jobs and forgets the ones that left the plan (their series go with them). */
function plan(p: PollerParts): Job[] {
  const jobs = p.source.plan(p.clock.now());
  const planned = new Set(jobs.map((j) => j.key));
  for (const key of p.results.keys()) if (!planned.has(key)) p.results.delete(key);
  return jobs;
}

/** One cycle: plan (telling `planned` the order), run the jobs, then judge the target's health from how they went. */
async function cycle(p: PollerParts, planned: (keys: readonly string[]) => void): Promise<void> {
  const jobs = plan(p);
  planned(jobs.map((j) => j.key));
  const tally = await runCycleJobs(p, jobs);
  const h = p.health;
  if (p.failures.targetBlocked() !== undefined) h.up = false;
  else if (tally.ok + tally.failed > 0) h.up = tally.failed === 0;
  if (h.up && tally.failed === 0 && tally.ok > 0) h.lastSuccess = p.clock.now();
  h.cycles++;
  h.lastCycleEnd = p.clock.now();
}

/** Runs a background task; its failures count like a job's, but it has no series of its own. */
async function runTask(p: PollerParts, task: BackgroundTask): Promise<void> {
  const { signal } = p.controller;
  if (signal.aborted || p.failures.targetBlocked() !== undefined) return;
  const started = performance.now();
  const problem = (message: string) =>
    p.log.warn('unparsable upstream value', { endpoint: task.endpoint, msg_detail: message });
  try {
    await task.run({ http: p.http, signal, problem });
  } catch (err) {
    if (err instanceof BudgetExhausted || signal.aborted) return;
    const e = err instanceof UpstreamError ? err : new UpstreamError('parse', (err as Error).message);
    p.failures.failed(task.endpoint, e, undefined, performance.now() - started);
  }
}

/** Replaces the target's snapshot with one rendered from its current state, jobs in plan order. */
function publish(p: PollerParts, store: SnapshotStore, planOrder: readonly string[]): void {
  const { target, counters, failures } = p;
  const snapshot = renderTargetSnapshot({
    target: target.name,
    staticLabels: target.labels,
    maxStalenessMs: target.maxStalenessMs,
    now: p.clock.now(),
    jobs: planOrder.flatMap((key) => p.results.get(key) ?? []),
    targetSamples: p.source.targetSamples?.() ?? [],
    ...p.health,
    overlaps: counters.overlaps(),
    authBlocked: failures.targetBlocked() !== undefined,
    blockedEndpoints: [...failures.blockedEndpoints().keys()].sort(),
    requests: counters.requests(),
    errors: counters.errors(),
    budgets: counters.endpoints().map((e) => ({ ...p.budget.usage(e), deferred: counters.deferredOf(e) })),
  });
  store.set(target.name, snapshot);
}

/** The read-only view of a target for the status page and tests. */
function stateOf(p: PollerParts): TargetState {
  const jobs = [...p.results].map(([key, r]): JobStatus => ({
    key,
    endpoint: r.endpoint,
    labels: r.labels,
    refreshedAt: r.refreshedAt,
    error: r.error,
    values: r.samples.map((s) => ({ name: s.metric.name, labels: s.labels, value: s.value })),
  }));
  return {
    name: p.target.name,
    kind: p.target.kind,
    ...p.health,
    lastError: p.failures.lastError(),
    authBlocked: p.failures.targetBlocked(),
    jobs,
    budget: p.counters.endpoints().map((e) => p.budget.usage(e)),
    recentExchanges: [...p.exchanges],
  };
}

/**
 * Creates the poller of one target. Each cycle asks the source for its jobs,
 * refreshes the stalest first within the request budget (the rest are carried
 * over), keeps a failed job's last good values up to `max_staleness`, and then
 * replaces the target's snapshot in the store in one step.
 */
export function createTargetPoller(d: TargetPollerDeps & { readonly store: SnapshotStore }): TargetPoller {
  const p = createPollerParts(d);
  let running = false;
  let planOrder: readonly string[] = [];
  const stopped = () => p.controller.signal.aborted;
  return {
    name: d.target.name,
    runTask: (task) => runTask(p, task),
    async runCycle() {
      if (stopped()) return;
      if (running) {
        p.counters.overlap();
        p.log.warn(
          'poll cycle skipped: the previous one is still running (lower the schedule frequency or the windows/departments)',
        );
        return publish(p, d.store, planOrder);
      }
      running = true;
      const started = performance.now();
      try {
        await cycle(p, (keys) => (planOrder = keys));
      } finally {
        p.health.lastDurationMs = performance.now() - started;
        running = false;
        if (!stopped()) publish(p, d.store, planOrder);
      }
    },
    state: () => stateOf(p),
    unblock: () => p.failures.unblock(),
    stop: () => p.controller.abort(),
  };
}
