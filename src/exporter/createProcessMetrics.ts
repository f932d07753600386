import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { processMetrics as defs } from '../metrics/selfMetrics';
import { UNSHARDED, type ShardStatus } from './Shard';

/** Process-wide metrics kept in a prom-client registry of their own (never a global one). */
export interface ProcessMetrics {
  readonly registry: Registry;
  reloaded(success: boolean, at: number): void;
  /** Calls `listener` after each change the exporter makes (a reload's outcome), so caches can refresh. */
  onChange(listener: () => void): void;
}

/** Default metrics that are gauges with a counter's `_total` suffix. */
const GAUGES_NAMED_TOTAL = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** What the process metrics show. */
export interface ProcessMetricsOptions {
  readonly version: string;
  /** Node's default process metrics (CPU, memory, event loop); default true. */
  readonly defaultMetrics?: boolean;
  /** The exporter's shard, read when scraped; default: unsharded, owning nothing. */
  readonly shard?: () => ShardStatus;
}

/** Creates the registry with build info, config-reload status, the shard and Node's default process metrics. */
export function createProcessMetrics(opts: ProcessMetricsOptions): ProcessMetrics {
  const registry = new Registry();
  const build = new Gauge({
    name: defs.buildInfo.name,
    help: defs.buildInfo.help,
    labelNames: defs.buildInfo.labels,
    registers: [registry],
  });
  build.set({ version: opts.version, nodejs: process.versions.node }, 1);
  const success = new Gauge({ name: defs.reloadSuccess.name, help: defs.reloadSuccess.help, registers: [registry] });
  const ts = new Gauge({ name: defs.reloadTimestamp.name, help: defs.reloadTimestamp.help, registers: [registry] });
  const shard = opts.shard ?? (() => ({ ...UNSHARDED, owned: 0, configured: 0 }));
  // Read at scrape time from the exporter's counts: nothing to keep in step on apply and reload.
  const shardGauge = (def: typeof defs.shardOrdinal, value: (s: ShardStatus) => number) =>
    new Gauge({
      name: def.name,
      help: def.help,
      registers: [registry],
      collect() {
        this.set(value(shard()));
      },
    });
  shardGauge(defs.shardOrdinal, (s) => s.index);
  shardGauge(defs.totalShards, (s) => s.total);
  shardGauge(defs.shardTargets, (s) => s.owned);
  if (opts.defaultMetrics !== false) {
    collectDefaultMetrics({ register: registry });
    // prom-client names these gauges `_total`, which promtool rejects for non-counters; each is
    // only the sum of its per-type gauge (nodejs_active_handles{type} etc.), which stays.
    for (const name of GAUGES_NAMED_TOTAL) registry.removeSingleMetric(name);
  }
  const listeners: (() => void)[] = [];
  return {
    registry,
    reloaded(ok, at) {
      success.set(ok ? 1 : 0);
      if (ok) ts.set(at / 1000);
      for (const l of listeners) l();
    },
    onChange: (listener) => void listeners.push(listener),
  };
}
