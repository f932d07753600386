import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import { renderTargetSnapshot, type JobOutcome } from '../snapshot/renderTargetSnapshot';
import type { BackgroundTask, Job, Source } from '../sources/Source';
import type { Budget } from '../upstream/createBudget';
import { createUpstreamClient, type Exchange } from '../upstream/createUpstreamClient';
import { BudgetExhausted, UpstreamError } from '../upstream/UpstreamError';
import { createFailureRecorder } from './createFailureRecorder';
import { createPollCounters } from './createPollCounters';
import { runPool } from './runPool';
import type { JobStatus, LastError, TargetState } from './TargetState';

/** What a target's poller needs. */
export interface TargetPollerDeps {
  readonly target: TargetConfig;
  readonly source: Source;
  readonly budget: Budget;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: SnapshotStore;
  /** Secrets of the target, scrubbed from every error message. */
  readonly secrets: () => readonly string[];
  readonly retryBaseMs?: number;
  /** At most one log line per failing (endpoint, department, window, reason) per interval; default 5 minutes. */
  readonly logRepeatIntervalMs?: number;
  /** How many recent exchanges the debug view keeps. */
  readonly exchangeHistory?: number;
}

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

/** A job's last outcome, kept across cycles. */
interface JobResult extends JobOutcome {
  readonly error: LastError | undefined;
}

/** How one cycle's jobs went. */
interface Tally {
  ok: number;
  failed: number;
  /** Endpoints whose budget ran out this cycle: their remaining jobs are carried over. */
  readonly exhausted: Set<string>;
}

/** Stalest first (never refreshed before all else); sort is stable, so plan order breaks ties. */
function stalestFirst(jobs: readonly Job[], results: ReadonlyMap<string, JobResult>): Job[] {
  return jobs
    .map((job, i) => ({ job, i, at: results.get(job.key)?.refreshedAt ?? -Infinity }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.job);
}

/**
 * Creates the poller of one target. Each cycle asks the source for its jobs,
 * refreshes the stalest first within the request budget (the rest are carried
 * over), keeps a failed job's last good values up to `max_staleness`, and then
 * replaces the target's snapshot in the store in one step.
 */
export function createTargetPoller(d: TargetPollerDeps): TargetPoller {
  const { target, source, clock } = d;
  const log = d.logger.child({ target: target.name });
  const controller = new AbortController();
  // Each in-flight request and each backoff sleep listens on this signal: up to two per concurrent job.
  setMaxListeners(Math.max(10, 2 * target.concurrency + 2), controller.signal);
  const counters = createPollCounters();
  const failures = createFailureRecorder({
    counters,
    clock,
    log,
    logRepeatIntervalMs: d.logRepeatIntervalMs ?? 5 * 60_000,
  });
  const results = new Map<string, JobResult>();
  const exchanges: Exchange[] = [];
  const health = {
    up: undefined as boolean | undefined,
    cycles: 0,
    lastCycleEnd: undefined as number | undefined,
    lastSuccess: undefined as number | undefined,
    lastDurationMs: undefined as number | undefined,
  };
  let running = false;
  let stopped = false;
  let planOrder: string[] = [];

  const http = createUpstreamClient({
    baseUrl: target.url,
    source,
    budget: d.budget,
    clock,
    dispatcher: d.dispatcher,
    timeoutMs: target.timeoutMs,
    retries: target.retries,
    retryBaseMs: d.retryBaseMs,
    secrets: d.secrets,
    onExchange: (e) => {
      counters.request(e.endpoint, String(e.status ?? 'none'));
      exchanges.push(e);
      if (exchanges.length > (d.exchangeHistory ?? 50)) exchanges.shift();
    },
  });

  const publish = () =>
    d.store.set(
      target.name,
      renderTargetSnapshot({
        target: target.name,
        staticLabels: target.labels,
        maxStalenessMs: target.maxStalenessMs,
        now: clock.now(),
        jobs: planOrder.flatMap((key) => results.get(key) ?? []),
        targetSamples: source.targetSamples?.() ?? [],
        ...health,
        overlaps: counters.overlaps(),
        authBlocked: failures.targetBlocked() !== undefined,
        blockedEndpoints: [...failures.blockedEndpoints().keys()].sort(),
        requests: counters.requests(),
        errors: counters.errors(),
        budgets: counters.endpoints().map((endpoint) => ({
          ...d.budget.usage(endpoint),
          deferred: counters.deferredOf(endpoint),
        })),
      }),
    );

  async function runJob(job: Job, tally: Tally): Promise<void> {
    if (tally.exhausted.has(job.endpoint)) return counters.deferred(job.endpoint);
    if (failures.isBlocked(job.endpoint)) return;
    const prev = results.get(job.key);
    const started = performance.now();
    try {
      const samples = await job.run({
        http,
        signal: controller.signal,
        problem: (message) => failures.badValue(job.endpoint, job.labels, message),
      });
      results.set(job.key, {
        endpoint: job.endpoint,
        labels: job.labels,
        samples,
        refreshedAt: clock.now(),
        error: undefined,
      });
      tally.ok++;
    } catch (err) {
      if (err instanceof BudgetExhausted) {
        tally.exhausted.add(job.endpoint);
        return counters.deferred(job.endpoint);
      }
      if (stopped) return;
      const e =
        err instanceof UpstreamError ? err : new UpstreamError('parse', `unexpected: ${(err as Error).message}`);
      const error = failures.failed(job.endpoint, e, job.labels, performance.now() - started);
      // A failed job keeps its last good values; the snapshot drops them once they pass max_staleness.
      const samples = prev?.samples ?? [];
      results.set(job.key, {
        endpoint: job.endpoint,
        labels: job.labels,
        samples,
        refreshedAt: prev?.refreshedAt,
        error,
      });
      tally.failed++;
    }
  }

  /** Plans the cycle's jobs and forgets the ones that left the plan (their series go with them). */
  function plan(): Job[] {
    const jobs = source.plan(clock.now());
    planOrder = jobs.map((j) => j.key);
    const planned = new Set(planOrder);
    for (const key of results.keys()) if (!planned.has(key)) results.delete(key);
    return stalestFirst(jobs, results);
  }

  async function cycle(): Promise<void> {
    const tally: Tally = { ok: 0, failed: 0, exhausted: new Set() };
    await runPool(plan(), target.concurrency, (job) => runJob(job, tally));
    if (failures.targetBlocked() !== undefined) health.up = false;
    else if (tally.ok + tally.failed > 0) health.up = tally.failed === 0;
    if (health.up && tally.failed === 0 && tally.ok > 0) health.lastSuccess = clock.now();
    health.cycles++;
    health.lastCycleEnd = clock.now();
  }

  async function runTask(task: BackgroundTask): Promise<void> {
    if (stopped || failures.targetBlocked() !== undefined) return;
    const started = performance.now();
    const problem = (message: string) =>
      log.warn('unparsable upstream value', { endpoint: task.endpoint, msg_detail: message });
    try {
      await task.run({ http, signal: controller.signal, problem });
    } catch (err) {
      if (err instanceof BudgetExhausted || stopped) return;
      const e = err instanceof UpstreamError ? err : new UpstreamError('parse', (err as Error).message);
      failures.failed(task.endpoint, e, undefined, performance.now() - started);
    }
  }

  return {
    name: target.name,
    runTask,
    async runCycle() {
      if (stopped) return;
      if (running) {
        counters.overlap();
        log.warn(
          'poll cycle skipped: the previous one is still running (lower the schedule frequency or the windows/departments)',
        );
        return publish();
      }
      running = true;
      const started = performance.now();
      try {
        await cycle();
      } finally {
        health.lastDurationMs = performance.now() - started;
        running = false;
        if (!stopped) publish();
      }
    },
    state: (): TargetState => ({
      name: target.name,
      kind: target.kind,
      ...health,
      lastError: failures.lastError(),
      authBlocked: failures.targetBlocked(),
      jobs: [...results].map(([key, r]): JobStatus => ({
        key,
        endpoint: r.endpoint,
        labels: r.labels,
        refreshedAt: r.refreshedAt,
        error: r.error,
        values: r.samples.map((s) => ({ name: s.metric.name, labels: s.labels, value: s.value })),
      })),
      budget: counters.endpoints().map((e) => d.budget.usage(e)),
      recentExchanges: [...exchanges],
    }),
    unblock: () => failures.unblock(),
    stop() {
      stopped = true;
      controller.abort();
    },
  };
}
