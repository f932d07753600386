import type { Job } from '../sources/Source';
import { BudgetExhausted, UpstreamError } from '../upstream/UpstreamError';
import type { JobResult, PollerParts } from './createPollerParts';
import { runPool } from './runPool';

/** How one cycle's jobs went. */
export interface Tally {
  ok: number;
  failed: number;
  /** Endpoints whose budget ran out this cycle: their remaining jobs are carried over. */
  readonly exhausted: Set<string>;
}

/** One cycle's jobs in progress: what they have done so far and what is still in flight. */
export interface CycleRun {
  /** Aborted at the cycle's deadline or when the poller stops: no job starts after it, and requests in flight end. */
  readonly signal: AbortSignal;
  readonly tally: Tally;
  /** Jobs in flight, with when each started (performance.now()). */
  readonly inFlight: Map<Job, number>;
  /** Called after each failed job (not a deferred one), as soon as it failed. */
  readonly onFailure: () => void;
}

/** Creates the run of one cycle, aborted with `signal`. */
export function createCycleRun(signal: AbortSignal, onFailure: () => void): CycleRun {
  return { signal, tally: { ok: 0, failed: 0, exhausted: new Set() }, inFlight: new Map(), onFailure };
}

/** Stalest first (never refreshed before all else); sort is stable, so plan order breaks ties. */
function stalestFirst(jobs: readonly Job[], results: ReadonlyMap<string, JobResult>): Job[] {
  return jobs
    .map((job, i) => ({ job, i, at: results.get(job.key)?.refreshedAt ?? -Infinity }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.job);
}

/**
 * Runs one job and keeps its outcome. A job whose endpoint ran out of budget is
 * carried over (counted as deferred), not failed; a failed job keeps its last
 * good values, which the snapshot drops once they pass max_staleness. A job
 * still in flight when the cycle is aborted is left in `run.inFlight` for the
 * cycle to count as abandoned; one not started by then is carried over.
 */
async function runJob(p: PollerParts, job: Job, run: CycleRun): Promise<void> {
  const { tally } = run;
  if (run.signal.aborted) return;
  if (tally.exhausted.has(job.endpoint)) return p.counters.deferred(job.endpoint);
  if (p.failures.isBlocked(job.endpoint)) return;
  const { endpoint, labels } = job;
  const started = performance.now();
  run.inFlight.set(job, started);
  try {
    const problem = (message: string) => p.failures.badValue(endpoint, labels, message);
    const samples = await job.run({ http: p.http, signal: run.signal, problem });
    if (run.signal.aborted) return;
    p.results.set(job.key, { endpoint, labels, samples, refreshedAt: p.clock.now(), error: undefined });
    tally.ok++;
  } catch (err) {
    if (run.signal.aborted) return;
    if (err instanceof BudgetExhausted) {
      tally.exhausted.add(endpoint);
      return p.counters.deferred(endpoint);
    }
    const e = err instanceof UpstreamError ? err : new UpstreamError('parse', `unexpected: ${(err as Error).message}`);
    recordFailure(p, job, e, performance.now() - started);
    tally.failed++;
    run.onFailure();
  } finally {
    if (!run.signal.aborted) run.inFlight.delete(job);
  }
}

/** Counts and logs a job's failure, and keeps its last good values with the error. */
export function recordFailure(p: PollerParts, job: Job, e: UpstreamError, durationMs: number): void {
  const error = p.failures.failed(job.endpoint, e, job.labels, durationMs);
  const prev = p.results.get(job.key);
  p.results.set(job.key, {
    endpoint: job.endpoint,
    labels: job.labels,
    samples: prev?.samples ?? [],
    refreshedAt: prev?.refreshedAt,
    error,
  });
}

/**
 * Runs the given jobs stalest-first, at most `concurrency` at once, and counts
 * how they went in `run`. Resolves once every job has settled; after the run's
 * signal aborts, that is soon, since no further job starts.
 */
export async function runCycleJobs(p: PollerParts, jobs: readonly Job[], run: CycleRun): Promise<void> {
  await runPool(stalestFirst(jobs, p.results), p.target.concurrency, (job) => runJob(p, job, run));
}
