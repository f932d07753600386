import type { Config } from '../config/types';
import { createPolling } from '../exporter/createPolling';
import { createProcessMetrics } from '../exporter/createProcessMetrics';
import type { Shard } from '../exporter/Shard';
import type { Logging } from '../log/createLogging';
import type { TargetState } from '../poll/TargetState';
import { createMetricsResponder } from '../server/createMetricsResponder';
import { createSnapshotStore } from '../snapshot/createSnapshotStore';
import { catalogue } from '../sources/catalogue';
import { VERSION } from '../version';
import type { Io } from './Io';

function failure(s: TargetState): string {
  return s.lastError ? `${s.lastError.reason}: ${s.lastError.message}` : 'no successful request';
}

/**
 * `--once`: polls every target once in this thread, prints the metrics and
 * exits non-zero (1) if any target failed.
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
  const failed = exporter.states().filter((s) => s.up !== true);
  for (const s of failed) io.stderr(`target ${s.name} failed: ${failure(s)}\n`);
  await polling.close();
  return failed.length > 0 ? 1 : 0;
}
