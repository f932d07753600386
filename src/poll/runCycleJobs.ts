import type { Job } from '../sources/Source';
import { BudgetExhausted, UpstreamError, type DeferReason } from '../upstream/UpstreamError';
import type { JobResult, PollerParts } from './createPollerParts';
import { runPool } from './runPool';
import type { JobAttempt, LastError } from './TargetState';

/** How one cycle's jobs went. */
export interface Tally {
  ok: number;
  failed: number;
  /** Jobs carried over: their endpoint's budget was used up, or upstream asked to wait. */
  deferred: number;
  /** Values skipped as unparsable (their jobs still succeeded). */
  problems: number;
  /** Failed jobs by reason, and the endpoints they failed on. */
  readonly reasons: Map<string, number>;
  readonly failedEndpoints: Set<string>;
  /** Endpoints whose budget ran out this cycle, and why: their remaining jobs are carried over. */
  readonly exhausted: Map<string, DeferReason>;
}

/** One cycle's jobs in progress: what they have done so far and what is still in flight. */
export interface CycleRun {
  /** Aborted at the cycle's deadline or when the poller stops: no job starts after it, and requests in flight end. */
  readonly signal: AbortSignal;
  readonly tally: Tally;
  /** Jobs in flight, with when each started (performance.now()). */
  readonly inFlight: Map<Job, number>;
  /** Jobs this cycle has reached (started, carried over or skipped). */
  readonly reached: Set<Job>;
  /** Called after each failed job (not a deferred one), as soon as it failed. */
  readonly onFailure: () => void;
}

/** Creates the run of one cycle, aborted with `signal`. */
export function createCycleRun(signal: AbortSignal, onFailure: () => void): CycleRun {
  return {
    signal,
    tally: {
      ok: 0,
      failed: 0,
      deferred: 0,
      problems: 0,
      reasons: new Map(),
      failedEndpoints: new Set(),
      exhausted: new Map(),
    },
    inFlight: new Map(),
    reached: new Set(),
    onFailure,
  };
}

/** Stalest first (never refreshed before all else); sort is stable, so plan order breaks ties. */
function stalestFirst(jobs: readonly Job[], results: ReadonlyMap<string, JobResult>): Job[] {
  return jobs
    .map((job, i) => ({ job, i, at: results.get(job.key)?.refreshedAt ?? -Infinity }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.job);
}

/** Keeps a job's last values with what this cycle did with it, and `error` (else its last error) to show. */
function keepLastValues(p: PollerParts, job: Job, attempt: JobAttempt, error?: LastError): void {
  const prev = p.results.get(job.key);
  p.results.set(job.key, {
    endpoint: job.endpoint,
    labels: job.labels,
    samples: prev?.samples ?? [],
    refreshedAt: prev?.refreshedAt,
    error: error ?? prev?.error,
    attempt,
  });
}

/** Records what this cycle did with a job that it did not refresh, keeping its last values and error. */
export function noteAttempt(p: PollerParts, job: Job, attempt: JobAttempt): void {
  keepLastValues(p, job, attempt);
}

/** Carries a job over to a later cycle: counted as deferred, its values kept. */
function defer(p: PollerParts, job: Job, run: CycleRun, why: DeferReason): void {
  p.counters.deferred(job.endpoint);
  run.tally.deferred++;
  noteAttempt(p, job, why === 'budget' ? 'deferred' : 'rate_limited');
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
  run.reached.add(job);
  const exhausted = tally.exhausted.get(job.endpoint);
  if (exhausted !== undefined) return defer(p, job, run, exhausted);
  if (p.failures.isBlocked(job.endpoint)) return noteAttempt(p, job, 'auth_blocked');
  const { endpoint, labels } = job;
  const started = performance.now();
  run.inFlight.set(job, started);
  try {
    const problem = (message: string) => {
      tally.problems++;
      p.failures.badValue(endpoint, labels, message);
    };
    const samples = p.sanitize.samples(await job.run({ http: p.http, signal: run.signal, problem }), problem);
    if (run.signal.aborted) return;
    const refreshed = { endpoint, labels, samples, refreshedAt: p.clock.now(), error: undefined };
    p.results.set(job.key, { ...refreshed, attempt: 'refreshed' });
    tally.ok++;
  } catch (err) {
    if (run.signal.aborted) return;
    if (err instanceof BudgetExhausted) {
      tally.exhausted.set(endpoint, err.why);
      return defer(p, job, run, err.why);
    }
    const e = err instanceof UpstreamError ? err : new UpstreamError('parse', `unexpected: ${(err as Error).message}`);
    countFailure(tally, job, recordFailure(p, job, e, performance.now() - started));
    run.onFailure();
  } finally {
    if (!run.signal.aborted) run.inFlight.delete(job);
  }
}

/** Counts a failed job in the cycle's tally, by reason and endpoint. */
export function countFailure(tally: Tally, job: Job, e: { readonly reason: string }): void {
  tally.failed++;
  tally.reasons.set(e.reason, (tally.reasons.get(e.reason) ?? 0) + 1);
  tally.failedEndpoints.add(job.endpoint);
}

/** Counts and logs a job's failure, and keeps its last good values with the error; returns the error as kept. */
export function recordFailure(p: PollerParts, job: Job, e: UpstreamError, durationMs: number): LastError {
  const error = p.failures.failed(job.endpoint, e, job.labels, durationMs);
  keepLastValues(p, job, 'failed', error);
  return error;
}

/**
 * Runs the given jobs stalest-first, at most `concurrency` at once, and counts
 * how they went in `run`. Resolves once every job has settled; after the run's
 * signal aborts, that is soon, since no further job starts.
 */
export async function runCycleJobs(p: PollerParts, jobs: readonly Job[], run: CycleRun): Promise<void> {
  await runPool(stalestFirst(jobs, p.results), p.target.concurrency, (job) => runJob(p, job, run));
}
