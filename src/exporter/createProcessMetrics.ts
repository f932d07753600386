import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { processMetrics as defs } from '../metrics/selfMetrics';

/** Process-wide metrics kept in a prom-client registry of their own (never a global one). */
export interface ProcessMetrics {
  readonly registry: Registry;
  reloaded(success: boolean, at: number): void;
}

/** Creates the registry with build info, config-reload status and Node's default process metrics. */
export function createProcessMetrics(opts: { version: string; defaultMetrics?: boolean }): ProcessMetrics {
  const registry = new Registry();
  const build = new Gauge({ name: defs.buildInfo.name, help: defs.buildInfo.help, labelNames: defs.buildInfo.labels, registers: [registry] });
  build.set({ version: opts.version, nodejs: process.versions.node }, 1);
  const success = new Gauge({ name: defs.reloadSuccess.name, help: defs.reloadSuccess.help, registers: [registry] });
  const ts = new Gauge({ name: defs.reloadTimestamp.name, help: defs.reloadTimestamp.help, registers: [registry] });
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    reloaded(ok, at) {
      success.set(ok ? 1 : 0);
      if (ok) ts.set(at / 1000);
    },
  };
}
