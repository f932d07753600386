import { Agent } from 'undici';
import { systemClock } from '../src/clock';
import { parseConfig } from '../src/config/loadConfig';
import { createExporter, type Exporter } from '../src/exporter/createExporter';
import { createProcessMetrics, type ProcessMetrics } from '../src/exporter/createProcessMetrics';
import { createNullLogger } from '../src/log/createLogger';
import { catalogue } from '../src/sources/catalogue';
import { createSnapshotStore, type SnapshotStore } from '../src/snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../src/sources/sourceKinds';
import { BENCH_SECRET_ENV } from './benchWorld';

/** The exporter's pipeline in this process, wired as src/exporter/createPolling.ts wires it but driven by hand. */
export interface InProcessExporter {
  readonly exporter: Exporter;
  readonly store: SnapshotStore;
  readonly metrics: ProcessMetrics;
  close(): Promise<void>;
}

/**
 * Wires store, exporter (schedule: false) and process metrics as src/exporter/createPolling.ts does,
 * with an undici Agent whose per-origin connection limit is `connections`
 * (the exporter: 64; the benchmarks give every target its own origin, so it never
 * caps a target's concurrency). `wrapStore` lets a benchmark watch what the
 * pollers publish.
 */
export async function startInProcessExporter(
  configYaml: string,
  connections: number,
  wrapStore: (s: SnapshotStore) => SnapshotStore = (s) => s,
): Promise<InProcessExporter> {
  const store = wrapStore(createSnapshotStore(catalogue));
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections });
  const metrics = createProcessMetrics({ version: 'bench' });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock: systemClock,
    logger: createNullLogger(),
    schedule: false,
  });
  await exporter.apply(
    parseConfig(configYaml, { env: BENCH_SECRET_ENV, kinds: SOURCE_KINDS, file: '/bench/livechat-exporter.yml' }),
  );
  return {
    exporter,
    store,
    metrics,
    async close() {
      exporter.stop();
      await dispatcher.destroy();
    },
  };
}
