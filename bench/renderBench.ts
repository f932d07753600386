import type { ExpositionFormat } from '../src/metrics/renderExposition';
import type { SnapshotStore, TargetSnapshot } from '../src/snapshot/createSnapshotStore';
import { benchConfig } from './benchConfig';
import { SCRAPE_ENDPOINTS } from './benchWorld';
import { startInProcessExporter } from './startInProcessExporter';
import { startSimulatorProcess } from './startSimulatorProcess';

/** Sizes of the render benchmark. */
export interface RenderBenchOptions {
  readonly targets: number;
  readonly repeats: number;
}

/** Median times of one format, milliseconds. */
export interface RenderTimes {
  /** store.render() right after one target published a new snapshot. */
  readonly renderMs: number;
  /** Compressing that render (on the thread pool; the event loop is free meanwhile). */
  readonly gzipMs: number;
  /** store.render() again with nothing changed (the cached exposition). */
  readonly cachedMs: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The benchmark's outcome. */
export interface RenderBenchResult {
  readonly targets: number;
  readonly series: number;
  /** Heap in use after a forced GC with every target's snapshot held. */
  readonly heapUsed: number;
  readonly external: number;
  readonly formats: Readonly<Record<ExpositionFormat, RenderTimes>>;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What a scrape pays after a snapshot change: the real pipeline fills the store
 * (simulator in its own process, zero latency), then one target's snapshot is
 * published again and the next render and its gzip are timed, per format.
 */
export async function renderBench(o: RenderBenchOptions): Promise<RenderBenchResult> {
  const sim = await startSimulatorProcess({ latencyMs: 0, origins: o.targets });
  // Remembers what each target published, so the benchmark can publish it again.
  const last = new Map<string, TargetSnapshot>();
  const spy = (store: SnapshotStore): SnapshotStore => ({ ...store, set: (t, s) => (last.set(t, s), store.set(t, s)) });
  const x = await startInProcessExporter(
    benchConfig({ urls: sim.urls, targets: o.targets, concurrency: 4, endpoints: SCRAPE_ENDPOINTS }),
    64,
    spy,
  );
  try {
    await x.exporter.firstCycles();
    await sim.close();
    const gc = (globalThis as { gc?: () => void }).gc!;
    gc();
    const mem = process.memoryUsage();
    const [name, snapshot] = [...last][0]!;
    const formats = {} as Record<ExpositionFormat, RenderTimes>;
    let series = 0;
    for (const format of ['text', 'openmetrics'] as const) {
      const render: number[] = [];
      const gzip: number[] = [];
      const cached: number[] = [];
      let bytes = 0;
      let gzipBytes = 0;
      for (let i = 0; i < o.repeats; i++) {
        x.store.set(name, snapshot);
        const t0 = performance.now();
        const e = x.store.render(format);
        const t1 = performance.now();
        gzipBytes = (await e.gzipAsync()).length;
        const t2 = performance.now();
        x.store.render(format);
        const t3 = performance.now();
        render.push(t1 - t0);
        gzip.push(t2 - t1);
        cached.push(t3 - t2);
        bytes = e.length;
        if (format === 'text')
          series = e.body
            .toString('utf8')
            .split('\n')
            .filter((l) => l !== '' && !l.startsWith('#')).length;
      }
      formats[format] = { renderMs: median(render), gzipMs: median(gzip), cachedMs: median(cached), bytes, gzipBytes };
    }
    return { targets: o.targets, series, heapUsed: mem.heapUsed, external: mem.external, formats };
  } finally {
    await x.close();
    await sim.close();
  }
}
