import { setMaxListeners } from 'node:events';
import type { CycleName, Job } from '../sources/Source';
import { linkAbortSignals } from '../upstream/linkAbortSignals';
import type { CycleSummary } from './CycleSummary';
import { UpstreamError } from '../upstream/UpstreamError';
import type { CycleRecord, PollerParts } from './createPollerParts';
import { countFailure, createCycleRun, noteAttempt, recordFailure, runCycleJobs, type CycleRun } from './runCycleJobs';

/**
 * Whether the target is up: no auth block, and for each cycle kind, the last
 * one that asked anything succeeded and the one running now has not failed
 * yet; undefined until a cycle asked anything.
 */
export function upOf(p: PollerParts): boolean | undefined {
  if (p.failures.targetBlocked() !== undefined) return false;
  const outcomes = [...p.health.cycles.values()].map(cycleUp).filter((ok) => ok !== undefined);
  return outcomes.length === 0 ? undefined : outcomes.every(Boolean);
}

/** One cycle kind's part of `up`. */
export function cycleUp(r: CycleRecord): boolean | undefined {
  return r.failing ? false : r.ok;
}

/** The record of one cycle, created on first use. */
export function cycleRecord(p: PollerParts, name: CycleName): CycleRecord {
  let r = p.health.cycles.get(name);
  if (!r)
    p.health.cycles.set(
      name,
      (r = { runs: 0, lastEnd: undefined, lastDurationMs: undefined, ok: undefined, failing: false }),
    );
  return r;
}

/**
 * Asks the source for its jobs (their labels sanitized), forgets the ones that
 * left the plan (their series go with them) and gives each new one a result,
 * so every configured group has a freshness series from the start.
 */
function plan(p: PollerParts): Job[] {
  // Labels from upstream (department ids and names) are masked and capped once, here.
  const jobs = p.source.plan(p.clock.now()).map((job) => {
    const labels = p.sanitize.labels(job.labels);
    return labels === job.labels ? job : { ...job, labels };
  });
  const planned = new Set(jobs.map((j) => j.key));
  for (const key of p.results.keys()) if (!planned.has(key)) p.results.delete(key);
  for (const { key, endpoint, labels } of jobs)
    if (!p.results.has(key))
      p.results.set(key, {
        endpoint,
        labels,
        samples: [],
        refreshedAt: undefined,
        error: undefined,
        attempt: undefined,
      });
  return jobs;
}

/** Resolves when `signal` aborts. */
function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * At the deadline: every job still in flight is abandoned (its request was
 * aborted) and counted as failed; the ones not reached are carried over.
 */
function abandon(p: PollerParts, name: CycleName, jobs: readonly Job[], run: CycleRun, deadlineMs: number): number {
  p.counters.deadlineExceeded(name);
  let notReached = 0;
  for (const job of jobs) {
    if (run.reached.has(job)) continue;
    notReached++;
    noteAttempt(p, job, 'not_reached');
  }
  const now = performance.now();
  const seconds = Math.round(deadlineMs / 100) / 10;
  for (const [job, started] of run.inFlight) {
    const e = new UpstreamError(
      'deadline',
      `still in flight at the ${name} cycle's deadline (${seconds} s); abandoned`,
    );
    countFailure(run.tally, job, recordFailure(p, job, e, now - started));
  }
  run.inFlight.clear();
  return notReached;
}

/** What a cycle tells its poller while it runs. */
export interface CycleHooks {
  /** The plan's job keys, in order, once planned. */
  planned(keys: readonly string[]): void;
  /** Publishes the target's snapshot now (the cycle's first failure turned `up` to 0). */
  publish(): void;
}

/**
 * One cycle: plan, run this cycle's jobs until they are done or the cycle's
 * deadline passes, then record how they went. At the deadline the requests
 * still in flight are aborted and counted (reason `deadline`), jobs not yet
 * started are carried over, and the cycle ends at once, so the next one starts
 * clean. The first failure turns `up` to 0 straight away, not at the end.
 */
export async function runCycle(p: PollerParts, name: CycleName, hooks: CycleHooks): Promise<CycleSummary> {
  const jobs = plan(p);
  hooks.planned(jobs.map((j) => j.key));
  const record = cycleRecord(p, name);
  const deadlineMs = p.deadlines.get(name)!;
  const link = linkAbortSignals([p.controller.signal], { ms: deadlineMs, clock: p.clock });
  // Each request in flight and each backoff sleep listens on it: up to two per concurrent job.
  setMaxListeners(Math.max(10, 2 * p.target.concurrency + 2), link.signal);
  const fail = () => {
    if (record.failing) return;
    const wasUp = upOf(p);
    record.failing = true;
    if (wasUp) hooks.publish();
  };
  const run = createCycleRun(link.signal, fail);
  const mine = jobs.filter((j) => (j.cycle ?? 'analytics') === name);
  let notReached = 0;
  try {
    await Promise.race([runCycleJobs(p, mine, run), whenAborted(link.signal)]);
    if (link.timedOut) {
      fail();
      notReached = abandon(p, name, mine, run, deadlineMs);
    }
  } finally {
    link.dispose();
  }
  const { tally } = run;
  if (p.failures.targetBlocked() !== undefined || link.timedOut) record.ok = false;
  else if (tally.ok + tally.failed > 0) record.ok = tally.failed === 0;
  record.failing = false;
  if (upOf(p) && tally.failed === 0 && tally.ok > 0) p.health.lastSuccess = p.clock.now();
  record.runs++;
  record.lastEnd = p.clock.now();
  return {
    cycle: name,
    jobs: mine.length,
    refreshed: tally.ok,
    deferred: tally.deferred,
    failed: tally.failed,
    problems: tally.problems,
    notReached,
    deadlineExceeded: link.timedOut,
    reasons: tally.reasons,
    failedEndpoints: [...tally.failedEndpoints].sort(),
    lastError: tally.failed > 0 ? p.failures.lastError()?.message : undefined,
  };
}
