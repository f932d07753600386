import { benchConfig } from './benchConfig';
import { DEFAULT_ENDPOINTS } from './benchWorld';
import { startInProcessExporter } from './startInProcessExporter';
import { startSimulatorProcess } from './startSimulatorProcess';

/** Sizes of the poll-cycle benchmark. */
export interface PollCycleOptions {
  readonly targets: number;
  /** Per-target concurrency; the total C is targets × this. */
  readonly concurrency: number;
  /** Added latency L of every upstream request. */
  readonly latencyMs: number;
  /** Measured cycles after one warm-up cycle. */
  readonly cycles: number;
}

/** One measured cycle. */
export interface CycleSample {
  readonly wallMs: number;
  /** Exporter CPU (user + system) during the cycle, µs. */
  readonly exporterCpuUs: number;
  readonly simulatorCpuUs: number;
}

/** The benchmark's outcome; `requests` is R per cycle. */
export interface PollCycleResult {
  readonly targets: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly requests: number;
  /** ceil(R/C)·L: the cycle time if every request took exactly L and C were always in flight. */
  readonly floorMs: number;
  readonly cycles: readonly CycleSample[];
}

/**
 * Poll-cycle benchmark, run in a worker process of its own: the simulator (in
 * another process, so its CPU is not ours) adds `latencyMs` to every request;
 * every target polls all default endpoints for 5 departments + all × 4 windows
 * (154 requests), unlimited budget. Wall time per cycle is compared with the
 * floor, and the exporter's CPU per upstream request is process.cpuUsage() over
 * the cycle divided by R.
 */
/** The exporter's undici Agent limit per origin (src/cli/createRuntime.ts). */
const MAIN_CONNECTIONS = 64;

export async function pollCycleBench(o: PollCycleOptions): Promise<PollCycleResult> {
  // One origin per target (its own server); the exporter's 64 connections per origin then never cap a target's concurrency.
  const sim = await startSimulatorProcess({ latencyMs: o.latencyMs, origins: o.targets });
  const C = o.targets * o.concurrency;
  const x = await startInProcessExporter(
    benchConfig({ urls: sim.urls, targets: o.targets, concurrency: o.concurrency, endpoints: DEFAULT_ENDPOINTS }),
    MAIN_CONNECTIONS,
  );
  try {
    await x.exporter.firstCycles(); // warm-up: connections, JIT
    const requests = x.exporter.states().reduce((n, s) => n + s.jobs.length, 0);
    const cycles: CycleSample[] = [];
    for (let i = 0; i < o.cycles; i++) {
      const sim0 = await sim.cpuUsage();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await x.exporter.pollAll();
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const sim1 = await sim.cpuUsage();
      const bad = x.exporter.states().filter((s) => s.up !== true);
      if (bad.length) throw new Error(`poll cycle failed for ${bad.length} targets: ${bad[0]!.lastError?.message}`);
      cycles.push({
        wallMs,
        exporterCpuUs: cpu.user + cpu.system,
        simulatorCpuUs: sim1.user + sim1.system - sim0.user - sim0.system,
      });
    }
    return {
      targets: o.targets,
      concurrency: C,
      latencyMs: o.latencyMs,
      requests,
      floorMs: Math.ceil(requests / C) * o.latencyMs,
      cycles,
    };
  } finally {
    await x.close();
    await sim.close();
  }
}
