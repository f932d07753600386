import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { processMetricNames } from '../metrics/selfMetrics';

/** Process-wide metrics kept in a prom-client registry of their own (never a global one). */
export interface ProcessMetrics {
  readonly registry: Registry;
  reloaded(success: boolean, at: number): void;
}

/** Creates the registry with build info, config-reload status and Node's default process metrics. */
export function createProcessMetrics(opts: { version: string; defaultMetrics?: boolean }): ProcessMetrics {
  const registry = new Registry();
  const build = new Gauge({ name: processMetricNames.buildInfo, help: 'A metric with constant value 1, labelled with the version of livechat-exporter and of Node.js.', labelNames: ['version', 'nodejs'], registers: [registry] });
  build.set({ version: opts.version, nodejs: process.versions.node }, 1);
  const success = new Gauge({ name: processMetricNames.reloadSuccess, help: 'Whether the last configuration reload attempt was successful.', registers: [registry] });
  const ts = new Gauge({ name: processMetricNames.reloadTimestamp, help: 'Unix time of the last successful configuration reload.', registers: [registry] });
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    reloaded(ok, at) {
      success.set(ok ? 1 : 0);
      if (ok) ts.set(at / 1000);
    },
  };
}
