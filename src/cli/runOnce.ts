import type { Config } from '../config/types';
import { createPolling } from '../exporter/createPolling';
import { createProcessMetrics } from '../exporter/createProcessMetrics';
import type { Shard } from '../exporter/Shard';
import type { Logging } from '../log/createLogging';
import type { JobStatus, TargetState } from '../poll/TargetState';
import { createMetricsResponder } from '../server/createMetricsResponder';
import { createSnapshotStore } from '../snapshot/createSnapshotStore';
import { catalogue } from '../sources/catalogue';
import { VERSION } from '../version';
import type { Io } from './Io';

function failure(s: TargetState): string {
  return s.lastError ? `${s.lastError.reason}: ${s.lastError.message}` : 'no successful request';
}

/** Why a group has no data, as one phrase, and the count it falls under. */
function whyNoData(job: JobStatus): { text: string; kind: 'deferred' | 'rate limited' | 'failed' | 'other' } {
  switch (job.attempt) {
    case 'failed':
      return { text: `failed: ${job.error ? `${job.error.reason}: ${job.error.message}` : 'unknown'}`, kind: 'failed' };
    case 'deferred':
      return { text: "deferred (the endpoint's request budget was used up)", kind: 'deferred' };
    case 'rate_limited':
      return { text: 'rate limited (upstream asked to wait)', kind: 'rate limited' };
    case 'auth_blocked':
      return { text: 'not asked (upstream refused the credentials)', kind: 'other' };
    case 'not_reached':
      return { text: "not reached before the cycle's deadline", kind: 'other' };
    default:
      return { text: 'not attempted', kind: 'other' };
  }
}

/** Labels as `{department="x", window="1h"}`, or '' without any. */
function labelText(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : ` {${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** Prints each group of the target without data and why, then a count; returns how many there were. */
function reportGroupsWithoutData(s: TargetState, io: Io): number {
  const missing = s.jobs.filter((j) => j.refreshedAt === undefined);
  if (missing.length === 0) return 0;
  const counts = { deferred: 0, 'rate limited': 0, failed: 0, other: 0 };
  for (const job of missing) {
    const why = whyNoData(job);
    counts[why.kind]++;
    io.stderr(`target ${s.name}: no data for ${job.endpoint}${labelText(job.labels)}: ${why.text}\n`);
  }
  const summary = Object.entries(counts)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  io.stderr(`target ${s.name}: ${missing.length} of ${s.jobs.length} groups have no data (${summary})\n`);
  return missing.length;
}

/**
 * `--once`: polls every target once in this thread and prints the metrics. On stderr it names
 * every group (endpoint × department × window) left without data and why
 * (deferred by the budget, rate limited, failed…), and each failed target.
 * Exits 1 when any target failed or any configured group has no data, else 0.
 */
export async function runOnce(logging: Logging, shard: Shard, config: Config, io: Io): Promise<number> {
  const store = createSnapshotStore(catalogue);
  const polling = createPolling({ logger: logging.logger, sink: store, shard, schedule: false });
  const { exporter } = polling;
  await exporter.apply(config);
  logging.redact(exporter.secrets());
  await exporter.firstCycles();
  const processMetrics = createProcessMetrics({ version: VERSION, shard: () => exporter.shard() });
  const metrics = createMetricsResponder({ store, processMetrics });
  const out = await metrics.respond('text', false);
  metrics.close();
  io.stdout(Buffer.concat(out.parts).toString('utf8'));
  const states = exporter.states();
  let withoutData = 0;
  for (const s of states) withoutData += reportGroupsWithoutData(s, io);
  const failed = states.filter((s) => s.up !== true);
  for (const s of failed) io.stderr(`target ${s.name} failed: ${failure(s)}\n`);
  await polling.close();
  return failed.length > 0 || withoutData > 0 ? 1 : 0;
}
