import { createMetricsResponder } from '../src/server/createMetricsResponder';
import { benchConfig } from './benchConfig';
import { DEFAULT_ENDPOINTS } from './benchWorld';
import { startInProcessExporter } from './startInProcessExporter';
import { startSimulatorProcess } from './startSimulatorProcess';

/** Sizes of the memory benchmark. */
export interface MemoryBenchOptions {
  readonly targets: number;
  readonly cycles: number;
  /** Take a sample every this many cycles. */
  readonly every: number;
}

/** Memory after a forced GC, bytes. */
export interface MemorySample {
  readonly cycle: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** The benchmark's outcome; `requests` is R per cycle. */
export interface MemoryBenchResult {
  readonly targets: number;
  readonly requests: number;
  readonly samples: readonly MemorySample[];
}

function sample(cycle: number): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { cycle, rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

/**
 * Runs many consecutive poll cycles at zero added latency against the simulator
 * (in another process), with one gzip scrape after each, and samples memory
 * after a forced GC every `every` cycles, to show whether anything accumulates.
 * Targets poll one department (+ all) over two windows: 28 requests each.
 */
export async function memoryBench(o: MemoryBenchOptions, log: (line: string) => void): Promise<MemoryBenchResult> {
  const sim = await startSimulatorProcess({ latencyMs: 0, origins: o.targets });
  const x = await startInProcessExporter(
    benchConfig({
      urls: sim.urls,
      targets: o.targets,
      concurrency: 4,
      endpoints: DEFAULT_ENDPOINTS,
      departments: 1,
      windows: 2,
    }),
    64,
  );
  const metrics = createMetricsResponder({ store: x.store, processMetrics: x.metrics });
  try {
    await x.exporter.firstCycles();
    const requests = x.exporter.states().reduce((n, s) => n + s.jobs.length, 0);
    const samples: MemorySample[] = [sample(0)];
    for (let i = 1; i <= o.cycles; i++) {
      await x.exporter.pollAll();
      await metrics.respond(i % 2 ? 'text' : 'openmetrics', true);
      if (i % o.every === 0) {
        samples.push(sample(i));
        const s = samples[samples.length - 1]!;
        log(
          `memory: cycle ${i}: RSS ${(s.rss / 2 ** 20).toFixed(1)} MiB, heap ${(s.heapUsed / 2 ** 20).toFixed(1)} MiB`,
        );
      }
    }
    return { targets: o.targets, requests, samples };
  } finally {
    metrics.close();
    await x.close();
    await sim.close();
  }
}
