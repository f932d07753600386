import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import type { MetricDef } from '../metrics/MetricDef';
import type { Sample } from '../metrics/Sample';
import { formatExpositionLabels, formatValue, sampleLine } from '../metrics/renderExposition';
import { self } from '../metrics/selfMetrics';
import type { SnapshotStore, TargetSnapshot } from '../snapshot/createSnapshotStore';
import type { BackgroundTask, Job, Source } from '../sources/Source';
import type { Budget } from './createBudget';
import { createRepeatLimiter } from '../log/createRepeatLimiter';
import { createUpstreamClient, type Exchange } from './createUpstreamClient';
import { runPool } from './runPool';
import type { JobStatus, LastError, TargetState } from './TargetState';
import { BudgetExhausted, UpstreamError } from './UpstreamError';

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

interface JobResult {
  endpoint: string;
  labels: Readonly<Record<string, string>>;
  samples: Sample[];
  refreshedAt: number | undefined;
  error: LastError | undefined;
}

/** True when `labels` has a key `other` has too (the merge would then keep the first position, the last value). */
function repeatsKey(labels: Readonly<Record<string, string>>, other: Readonly<Record<string, string>>): boolean {
  for (const k in labels) if (Object.prototype.hasOwnProperty.call(other, k)) return true;
  return false;
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
  const results = new Map<string, JobResult>();
  const requests = new Map<string, number>(); // "endpoint\0code"
  const errors = new Map<string, number>(); // "endpoint\0reason"
  const deferred = new Map<string, number>();
  const exchanges: Exchange[] = [];
  const blockedEndpoints = new Map<string, string>();
  let overlaps = 0;
  let running = false;
  let stopped = false;
  let up: boolean | undefined;
  let cycles = 0;
  let lastCycleEnd: number | undefined;
  let lastSuccess: number | undefined;
  let lastDurationMs: number | undefined;
  let lastError: LastError | undefined;
  let authBlocked: string | undefined;
  let planOrder: string[] = [];

  const bump = (m: Map<string, number>, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);
  const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const repeats = createRepeatLimiter(clock, d.logRepeatIntervalMs ?? 5 * 60_000);

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
      bump(requests, `${e.endpoint}\0${e.status ?? 'none'}`);
      exchanges.push(e);
      if (exchanges.length > (d.exchangeHistory ?? 50)) exchanges.shift();
    },
  });

  function recordError(
    endpoint: string,
    err: UpstreamError,
    labels: Readonly<Record<string, string>> | undefined,
    durationMs: number,
  ): LastError {
    bump(errors, `${endpoint}\0${err.reason}`);
    const e: LastError = { at: clock.now(), endpoint, reason: err.reason, message: err.message, labels };
    lastError = e;
    // One line per failure, but an upstream that stays down logs once per interval with a count.
    const suppressed = repeats.admit(
      `${endpoint}\0${labels?.department ?? ''}\0${labels?.window ?? ''}\0${err.reason}`,
    );
    if (suppressed !== undefined) {
      log.warn('upstream request failed', {
        endpoint,
        window: labels?.window,
        department: labels?.department,
        reason: err.reason,
        status: err.status,
        duration_ms: Math.round(durationMs),
        error: err.message,
        suppressed_repeats: suppressed || undefined,
      });
    }
    if (err.reason === 'auth') {
      // Credentials are refused: asking again only burns the upstream's rate limit until the next reload.
      if (err.details.endpointOnly) blockedEndpoints.set(endpoint, err.message);
      else authBlocked = err.message;
    }
    return e;
  }

  function buildSnapshot(now: number): TargetSnapshot {
    // Lines collected per family and joined once: appending to one string per line builds deep rope strings.
    const lines = new Map<MetricDef, string[]>();
    const push = (def: MetricDef, line: string) => {
      const list = lines.get(def);
      if (list) list.push(line);
      else lines.set(def, [line]);
    };
    const t = { target: target.name };
    const add = (def: MetricDef, labels: Record<string, string>, value: number) => {
      if (!Number.isFinite(value)) return;
      push(def, sampleLine(def, { ...labels, ...target.labels }, value) + '\n');
    };
    const staticLabels = formatExpositionLabels(target.labels).slice(1, -1);
    // Plan order, so the exposition is stable whatever order the requests finished in.
    for (const key of planOrder) {
      const r = results.get(key);
      if (!r || r.refreshedAt === undefined) continue;
      const fresh = now - r.refreshedAt <= target.maxStalenessMs;
      if (fresh) {
        // The job's labels are the same on each of its samples: format them once. Merging the objects
        // first gives the same pairs in the same order as long as no key repeats, which the config
        // and the label lists guarantee; a repeat (first position, last value) takes the general path.
        const jobLabels: Record<string, string> = { ...t, ...r.labels };
        const head = formatExpositionLabels(jobLabels).slice(1, -1);
        for (const s of r.samples) {
          if (!Number.isFinite(s.value)) continue;
          if (
            repeatsKey(s.labels, jobLabels) ||
            repeatsKey(target.labels, jobLabels) ||
            repeatsKey(target.labels, s.labels)
          ) {
            add(s.metric, { ...t, ...r.labels, ...s.labels }, s.value);
            continue;
          }
          const own = formatExpositionLabels(s.labels).slice(1, -1);
          push(
            s.metric,
            `${s.metric.name}{${head}${own && `,${own}`}${staticLabels && `,${staticLabels}`}} ${formatValue(s.value)}\n`,
          );
        }
      }
      add(
        self.dataRefresh,
        {
          ...t,
          endpoint: r.endpoint,
          department: r.labels.department ?? '',
          department_name: r.labels.department_name ?? '',
          window: r.labels.window ?? '',
        },
        r.refreshedAt / 1000,
      );
    }
    for (const s of source.targetSamples?.() ?? []) add(s.metric, { ...t, ...s.labels }, s.value);
    if (up !== undefined) add(self.up, t, up ? 1 : 0);
    if (lastSuccess !== undefined) add(self.lastSuccess, t, lastSuccess / 1000);
    if (lastDurationMs !== undefined) add(self.pollDuration, t, lastDurationMs / 1000);
    add(self.overlaps, t, overlaps);
    add(self.maxStaleness, t, target.maxStalenessMs / 1000);
    if (authBlocked !== undefined) add(self.authBlocked, { ...t, endpoint: '*' }, 1);
    for (const endpoint of [...blockedEndpoints.keys()].sort()) add(self.authBlocked, { ...t, endpoint }, 1);
    // Sorted: the maps fill in the order requests finish, which varies with concurrency.
    for (const [k, n] of [...requests].sort(byKey)) {
      const [endpoint, code] = k.split('\0') as [string, string];
      add(self.requests, { ...t, endpoint, code }, n);
    }
    for (const [k, n] of [...errors].sort(byKey)) {
      const [endpoint, reason] = k.split('\0') as [string, string];
      add(self.errors, { ...t, endpoint, reason }, n);
    }
    for (const endpoint of touchedEndpoints()) {
      const u = d.budget.usage(endpoint);
      add(self.budgetUsed, { ...t, endpoint }, u.used);
      if (u.limit !== undefined) add(self.budgetLimit, { ...t, endpoint }, u.limit);
      if (u.periodMs !== undefined) add(self.budgetPeriod, { ...t, endpoint }, u.periodMs / 1000);
      add(self.budgetDeferred, { ...t, endpoint }, deferred.get(endpoint) ?? 0);
    }
    const families = new Map<MetricDef, string>();
    for (const [def, list] of lines) families.set(def, list.join(''));
    return { families };
  }

  /** Endpoints this target has used (a budget shared with other targets on the same server knows more). */
  function touchedEndpoints(): string[] {
    const set = new Set<string>(deferred.keys());
    for (const k of requests.keys()) set.add(k.split('\0')[0]!);
    return [...set].sort();
  }

  const publish = () => d.store.set(target.name, buildSnapshot(clock.now()));

  async function runJob(job: Job, exhausted: Set<string>, tally: { ok: number; failed: number }): Promise<void> {
    if (exhausted.has(job.endpoint)) {
      bump(deferred, job.endpoint);
      return;
    }
    if (authBlocked !== undefined || blockedEndpoints.has(job.endpoint)) return;
    const prev = results.get(job.key);
    const started = performance.now();
    try {
      const samples = await job.run({
        http,
        signal: controller.signal,
        problem: (message) => valueProblem(job, message),
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
        exhausted.add(job.endpoint);
        bump(deferred, job.endpoint);
        return;
      }
      if (stopped) return;
      const e =
        err instanceof UpstreamError ? err : new UpstreamError('parse', `unexpected: ${(err as Error).message}`);
      const last = recordError(job.endpoint, e, job.labels, performance.now() - started);
      results.set(job.key, {
        endpoint: job.endpoint,
        labels: job.labels,
        samples: prev?.samples ?? [],
        refreshedAt: prev?.refreshedAt,
        error: last,
      });
      tally.failed++;
    }
  }

  // A malformed value costs that one value, not the whole response: count it and go on.
  function valueProblem(job: Job, message: string): void {
    bump(errors, `${job.endpoint}\0parse`);
    log.warn('unparsable upstream value', {
      endpoint: job.endpoint,
      window: job.labels.window,
      department: job.labels.department,
      reason: 'parse',
      msg_detail: message,
    });
  }

  async function runTask(task: BackgroundTask): Promise<void> {
    if (stopped || authBlocked !== undefined) return;
    const started = performance.now();
    try {
      await task.run({
        http,
        signal: controller.signal,
        problem: (message) => log.warn('unparsable upstream value', { endpoint: task.endpoint, msg_detail: message }),
      });
    } catch (err) {
      if (err instanceof BudgetExhausted || stopped) return;
      recordError(
        task.endpoint,
        err instanceof UpstreamError ? err : new UpstreamError('parse', (err as Error).message),
        undefined,
        performance.now() - started,
      );
    }
  }

  return {
    name: target.name,
    runTask,
    async runCycle() {
      if (stopped) return;
      if (running) {
        overlaps++;
        log.warn(
          'poll cycle skipped: the previous one is still running (lower the schedule frequency or the windows/departments)',
        );
        publish();
        return;
      }
      running = true;
      const started = performance.now();
      try {
        const now = clock.now();
        const jobs = source.plan(now);
        planOrder = jobs.map((j) => j.key);
        const planned = new Set(planOrder);
        // Departments or windows that left the plan take their series with them.
        for (const key of results.keys()) if (!planned.has(key)) results.delete(key);
        // Stalest first (never refreshed before all else); sort is stable, so plan order breaks ties.
        const order = jobs
          .map((job, i) => ({ job, i, at: results.get(job.key)?.refreshedAt ?? -Infinity }))
          .sort((a, b) => a.at - b.at || a.i - b.i)
          .map((x) => x.job);
        const tally = { ok: 0, failed: 0 };
        const exhausted = new Set<string>();
        await runPool(order, target.concurrency, (job) => runJob(job, exhausted, tally));
        if (authBlocked !== undefined) up = false;
        else if (tally.ok + tally.failed > 0) up = tally.failed === 0;
        if (up && tally.failed === 0 && tally.ok > 0) lastSuccess = clock.now();
        cycles++;
        lastCycleEnd = clock.now();
      } finally {
        lastDurationMs = performance.now() - started;
        running = false;
        if (!stopped) publish();
      }
    },
    state(): TargetState {
      const jobs: JobStatus[] = [...results.entries()].map(([key, r]) => ({
        key,
        endpoint: r.endpoint,
        labels: r.labels,
        refreshedAt: r.refreshedAt,
        error: r.error,
        values: r.samples.map((s) => ({ name: s.metric.name, labels: s.labels, value: s.value })),
      }));
      const budget = touchedEndpoints().map((e) => d.budget.usage(e));
      return {
        name: target.name,
        kind: target.kind,
        up,
        cycles,
        lastCycleEnd,
        lastSuccess,
        lastDurationMs,
        lastError,
        authBlocked,
        jobs,
        budget,
        recentExchanges: [...exchanges],
      };
    },
    unblock() {
      authBlocked = undefined;
      blockedEndpoints.clear();
    },
    stop() {
      stopped = true;
      controller.abort();
    },
  };
}
