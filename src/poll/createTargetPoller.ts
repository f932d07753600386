import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import { renderTargetSnapshot } from '../snapshot/renderTargetSnapshot';
import { CYCLE_NAMES, type BackgroundTask, type CycleName } from '../sources/Source';
import { BudgetExhausted, UpstreamError } from '../upstream/UpstreamError';
import { createPollerParts, type PollerParts, type TargetPollerDeps } from './createPollerParts';
import type { CycleSummary } from './CycleSummary';
import { cycleRecord, cycleUp, runCycle, upOf } from './runCycle';
import type { JobStatus, TargetState } from './TargetState';

export type { TargetPollerDeps } from './createPollerParts';

/** Polls one target: runs cycles and background tasks, and publishes a snapshot after each. */
export interface TargetPoller {
  readonly name: string;
  /**
   * One cycle (default `analytics`); a call while the same cycle runs is skipped
   * and counted as an overlap (resolving undefined). `quiet`: its failures are
   * not logged at warn, since the caller summarises them (first cycles).
   */
  runCycle(cycle?: CycleName, opts?: { readonly quiet?: boolean }): Promise<CycleSummary | undefined>;
  /** Runs a background task now (e.g. department discovery). */
  runTask(task: BackgroundTask): Promise<void>;
  state(): TargetState;
  /** Forgets auth refusals, so the next cycle asks again (a reload does this). */
  unblock(): void;
  /** Aborts in-flight requests; later cycles do nothing. */
  stop(): void;
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
    startedAt: p.startedAt,
    jobs: planOrder.flatMap((key) => p.results.get(key) ?? []),
    targetSamples: p.sanitize.samples(p.source.targetSamples?.() ?? [], (m) => p.log.warn(m)),
    up: upOf(p),
    lastSuccess: p.health.lastSuccess,
    lastDurationMs: cycleDurations(p),
    overlaps: counters.overlaps(),
    secretsMasked: p.redactor.masked(),
    labelValuesTruncated: p.sanitize.truncated(),
    deadlinesExceeded: [...p.health.cycles.keys()].map((c) => [c, counters.deadlinesExceeded(c)] as const),
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
    // The key holds upstream ids as they are; their labels were masked on the way in.
    key: p.redactor.hide(key),
    endpoint: r.endpoint,
    labels: r.labels,
    refreshedAt: r.refreshedAt,
    error: r.error,
    attempt: r.attempt,
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
    live: live && {
      cycles: live.runs,
      lastCycleEnd: live.lastEnd,
      lastDurationMs: live.lastDurationMs,
      up: cycleUp(live),
    },
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
    async runCycle(name = 'analytics', opts = {}) {
      if (stopped()) return undefined;
      if (running.has(name)) {
        p.counters.overlap();
        p.log.warn(
          `${name === 'live' ? 'live ' : ''}poll cycle skipped: the previous one is still running (lower the schedule frequency or the windows/departments)`,
        );
        publish(p, d.store, planOrder);
        return undefined;
      }
      running.add(name);
      const started = performance.now();
      let summary: CycleSummary | undefined;
      try {
        summary = await runCycle(p, name, {
          planned: (keys) => (planOrder = keys),
          publish: () => publish(p, d.store, planOrder),
        });
      } finally {
        const durationMs = performance.now() - started;
        cycleRecord(p, name).lastDurationMs = durationMs;
        running.delete(name);
        if (!stopped()) publish(p, d.store, planOrder);
        if (summary && !stopped()) p.cycleLog.cycle(summary, durationMs, opts.quiet === true);
      }
      return summary;
    },
    state: () => stateOf(p, planOrder),
    unblock: () => p.failures.unblock(),
    stop: () => p.controller.abort(),
  };
}
