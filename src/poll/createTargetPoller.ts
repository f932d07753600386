import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import { renderTargetSnapshot } from '../snapshot/renderTargetSnapshot';
import { CYCLE_NAMES, type BackgroundTask, type CycleName, type Job } from '../sources/Source';
import { BudgetExhausted, UpstreamError } from '../upstream/UpstreamError';
import { createPollerParts, type CycleRecord, type PollerParts, type TargetPollerDeps } from './createPollerParts';
import { runCycleJobs } from './runCycleJobs';
import type { JobStatus, TargetState } from './TargetState';

export type { TargetPollerDeps } from './createPollerParts';

/** Polls one target: runs cycles and background tasks, and publishes a snapshot after each. */
export interface TargetPoller {
  readonly name: string;
  /** One cycle (default `analytics`); a call while the same cycle runs is skipped and counted as an overlap. */
  runCycle(cycle?: CycleName): Promise<void>;
  /** Runs a background task now (e.g. department discovery). */
  runTask(task: BackgroundTask): Promise<void>;
  state(): TargetState;
  /** Forgets auth refusals, so the next cycle asks again (a reload does this). */
  unblock(): void;
  /** Aborts in-flight requests; later cycles do nothing. */
  stop(): void;
}

/** Asks the source for its jobs and forgets the ones that left the plan (their series go with them). */
function plan(p: PollerParts): Job[] {
  const jobs = p.source.plan(p.clock.now());
  const planned = new Set(jobs.map((j) => j.key));
  for (const key of p.results.keys()) if (!planned.has(key)) p.results.delete(key);
  return jobs;
}

/**
 * Whether the target is up: no auth block, and the last cycle of each kind
 * that asked anything succeeded; undefined until one did.
 */
function upOf(p: PollerParts): boolean | undefined {
  if (p.failures.targetBlocked() !== undefined) return false;
  const outcomes = [...p.health.cycles.values()].map((c) => c.ok).filter((ok) => ok !== undefined);
  return outcomes.length === 0 ? undefined : outcomes.every(Boolean);
}

/** One cycle: plan (telling `planned` the order), run this cycle's jobs, then record how they went. */
async function cycle(p: PollerParts, name: CycleName, planned: (keys: readonly string[]) => void): Promise<void> {
  const jobs = plan(p);
  planned(jobs.map((j) => j.key));
  const tally = await runCycleJobs(
    p,
    jobs.filter((j) => (j.cycle ?? 'analytics') === name),
  );
  const record = cycleRecord(p, name);
  if (p.failures.targetBlocked() !== undefined) record.ok = false;
  else if (tally.ok + tally.failed > 0) record.ok = tally.failed === 0;
  if (upOf(p) && tally.failed === 0 && tally.ok > 0) p.health.lastSuccess = p.clock.now();
  record.runs++;
  record.lastEnd = p.clock.now();
}

/** The record of one cycle, created on first use. */
function cycleRecord(p: PollerParts, name: CycleName): CycleRecord {
  let r = p.health.cycles.get(name);
  if (!r) p.health.cycles.set(name, (r = { runs: 0, lastEnd: undefined, lastDurationMs: undefined, ok: undefined }));
  return r;
}

/** Runs a background task; its failures count like a job's, but it has no series of its own. */
async function runTask(p: PollerParts, task: BackgroundTask): Promise<void> {
  const { signal } = p.controller;
  // A refused endpoint (403) stays refused until a reload, like a job's: asking again only spends budget.
  if (signal.aborted || p.failures.isBlocked(task.endpoint)) return;
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
function publish(p: PollerParts, store: SnapshotSink, planOrder: readonly string[]): void {
  const { target, counters, failures } = p;
  const snapshot = renderTargetSnapshot({
    target: target.name,
    staticLabels: target.labels,
    maxStalenessMs: target.maxStalenessMs,
    now: p.clock.now(),
    jobs: planOrder.flatMap((key) => p.results.get(key) ?? []),
    targetSamples: p.source.targetSamples?.() ?? [],
    up: upOf(p),
    lastSuccess: p.health.lastSuccess,
    lastDurationMs: cycleDurations(p),
    overlaps: counters.overlaps(),
    authBlocked: failures.targetBlocked() !== undefined,
    blockedEndpoints: [...failures.blockedEndpoints().keys()].sort(),
    requests: counters.requests(),
    errors: counters.errors(),
    budgets: counters.endpoints().map((e) => ({ ...p.budget.usage(e), deferred: counters.deferredOf(e) })),
  });
  store.set(target.name, snapshot);
}

/** Each cycle's last duration, in cycle order. */
function cycleDurations(p: PollerParts): [CycleName, number][] {
  return CYCLE_NAMES.flatMap((name) => {
    const ms = p.health.cycles.get(name)?.lastDurationMs;
    return ms === undefined ? [] : [[name, ms]];
  });
}

/** The read-only view of a target for the status page and tests; jobs in plan order (results are kept in finishing order). */
function stateOf(p: PollerParts, planOrder: readonly string[]): TargetState {
  const rank = new Map(planOrder.map((key, i) => [key, i]));
  const byPlan = [...p.results].sort(([a], [b]) => (rank.get(a) ?? rank.size) - (rank.get(b) ?? rank.size));
  const jobs = byPlan.map(([key, r]): JobStatus => ({
    key,
    endpoint: r.endpoint,
    labels: r.labels,
    refreshedAt: r.refreshedAt,
    error: r.error,
    values: r.samples.map((s) => ({ name: s.metric.name, labels: s.labels, value: s.value })),
  }));
  const analytics = p.health.cycles.get('analytics');
  const live = p.health.cycles.get('live');
  return {
    name: p.target.name,
    kind: p.target.kind,
    up: upOf(p),
    cycles: analytics?.runs ?? 0,
    lastCycleEnd: analytics?.lastEnd,
    lastSuccess: p.health.lastSuccess,
    lastDurationMs: analytics?.lastDurationMs,
    live: live && { cycles: live.runs, lastCycleEnd: live.lastEnd, lastDurationMs: live.lastDurationMs, up: live.ok },
    lastError: p.failures.lastError(),
    authBlocked: p.failures.targetBlocked(),
    jobs,
    budget: p.counters.endpoints().map((e) => p.budget.usage(e)),
    recentExchanges: [...p.exchanges],
    notices: p.source.notices?.(p.clock.now()) ?? [],
  };
}

/**
 * Creates the poller of one target. Each cycle asks the source for its jobs,
 * refreshes the stalest first within the request budget (the rest are carried
 * over), keeps a failed job's last good values up to `max_staleness`, and then
 * replaces the target's snapshot in the store in one step.
 */
export function createTargetPoller(d: TargetPollerDeps & { readonly store: SnapshotSink }): TargetPoller {
  const p = createPollerParts(d);
  const running = new Set<CycleName>();
  let planOrder: readonly string[] = [];
  const stopped = () => p.controller.signal.aborted;
  return {
    name: d.target.name,
    runTask: (task) => runTask(p, task),
    async runCycle(name = 'analytics') {
      if (stopped()) return;
      if (running.has(name)) {
        p.counters.overlap();
        p.log.warn(
          `${name === 'live' ? 'live ' : ''}poll cycle skipped: the previous one is still running (lower the schedule frequency or the windows/departments)`,
        );
        return publish(p, d.store, planOrder);
      }
      running.add(name);
      const started = performance.now();
      try {
        await cycle(p, name, (keys) => (planOrder = keys));
      } finally {
        cycleRecord(p, name).lastDurationMs = performance.now() - started;
        running.delete(name);
        if (!stopped()) publish(p, d.store, planOrder);
      }
    },
    state: () => stateOf(p, planOrder),
    unblock: () => p.failures.unblock(),
    stop: () => p.controller.abort(),
  };
}
