import type { Config } from '../config/types';
import type { TargetState } from '../poll/TargetState';
import { createMetricsResponder } from '../server/createMetricsResponder';
import type { Runtime } from './createRuntime';
import type { Io } from './Io';

function failure(s: TargetState): string {
  return s.lastError ? `${s.lastError.reason}: ${s.lastError.message}` : 'no successful request';
}

/** `--once`: polls every target once, prints the metrics and exits non-zero (1) if any target failed. */
export async function runOnce(rt: Runtime, config: Config, io: Io): Promise<number> {
  await rt.exporter.apply(config);
  rt.refreshSecrets();
  await rt.exporter.firstCycles();
  const metrics = createMetricsResponder({ store: rt.store, processMetrics: rt.processMetrics });
  const out = await metrics.respond('text', false);
  metrics.close();
  io.stdout(Buffer.concat(out.parts).toString('utf8'));
  const failed = rt.exporter.states().filter((s) => s.up !== true);
  for (const s of failed) io.stderr(`target ${s.name} failed: ${failure(s)}\n`);
  rt.exporter.stop();
  await rt.dispatcher.close();
  return failed.length > 0 ? 1 : 0;
}
