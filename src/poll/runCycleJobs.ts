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
 * good values, which the snapshot drops once they pass max_staleness.
 */
async function runJob(p: PollerParts, job: Job, tally: Tally): Promise<void> {
  if (tally.exhausted.has(job.endpoint)) return p.counters.deferred(job.endpoint);
  if (p.failures.isBlocked(job.endpoint)) return;
  const { endpoint, labels } = job;
  const started = performance.now();
  try {
    const problem = (message: string) => p.failures.badValue(endpoint, labels, message);
    const samples = await job.run({ http: p.http, signal: p.controller.signal, problem });
    p.results.set(job.key, { endpoint, labels, samples, refreshedAt: p.clock.now(), error: undefined });
    tally.ok++;
  } catch (err) {
    if (err instanceof BudgetExhausted) {
      tally.exhausted.add(endpoint);
      return p.counters.deferred(endpoint);
    }
    if (p.controller.signal.aborted) return;
    const e = err instanceof UpstreamError ? err : new UpstreamError('parse', `unexpected: ${(err as Error).message}`);
    const error = p.failures.failed(endpoint, e, labels, performance.now() - started);
    const prev = p.results.get(job.key);
    p.results.set(job.key, { endpoint, labels, samples: prev?.samples ?? [], refreshedAt: prev?.refreshedAt, error });
    tally.failed++;
  }
}

/** Runs the given jobs stalest-first, at most `concurrency` at once, and counts how they went. */
export async function runCycleJobs(p: PollerParts, jobs: readonly Job[]): Promise<Tally> {
  const tally: Tally = { ok: 0, failed: 0, exhausted: new Set() };
  await runPool(stalestFirst(jobs, p.results), p.target.concurrency, (job) => runJob(p, job, tally));
  return tally;
}
