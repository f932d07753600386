import { benchConfig, everySeconds } from './benchConfig';
import { DEFAULT_ENDPOINTS } from './benchWorld';
import { cycleSpan } from './exporterSelfMetrics';
import { readProcessCpuMs } from './readProcessCpu';
import { startExporterProcess } from './startExporterProcess';
import { startSimulatorProcess, type SimulatorProcess } from './startSimulatorProcess';
import { epochMs, sleep } from './stats';
import { nextTick, waitForBurst } from './ticks';

/** Sizes of the poll-cycle benchmark. */
export interface PollCycleOptions {
  readonly targets: number;
  /** Per-target concurrency; the total C is targets × this. */
  readonly concurrency: number;
  /** Added latency L of every upstream request. */
  readonly latencyMs: number;
  /** Seconds between cycles (the schedule); a divisor of 60 longer than a cycle. */
  readonly periodSeconds: number;
  /** Upstream timeout, shorter than the period. */
  readonly timeout: string;
  /** Passes: each spawns the exporter (a startup figure) and measures the scheduled cycle after it. */
  readonly passes: number;
}

/** One pass: a startup and one scheduled cycle of a fresh exporter process. */
export interface PollPass {
  readonly pass: number;
  readonly healthyMs: number;
  /** Spawn to `/-/ready`: every target's first cycle. */
  readonly readyMs: number;
  /** Upstream requests until ready (the first cycle; the bench config lists its departments, so no discovery). */
  readonly startupRequests: number;
  /** ceil(startupRequests / C)·L. */
  readonly startupFloorMs: number;
  /** R: upstream requests of the measured cycle, as the simulators counted them. */
  readonly requests: number;
  /** ceil(R/C)·L: the cycle time if every request took exactly L and C were always in flight. */
  readonly floorMs: number;
  /** The exporter's own account: the earliest target's cycle start to the latest's end. */
  readonly wallMs: number;
  /** The simulators' account: first request in to last response out. */
  readonly simulatorWallMs: number;
  /** CPU of the whole exporter process (every thread) from just before the tick until the cycle was over. */
  readonly exporterCpuMs: number;
  readonly simulatorCpuMs: number;
}

/** The benchmark's outcome. */
export interface PollCycleResult {
  readonly targets: number;
  /** C: requests in flight at most, summed over targets. */
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly periodSeconds: number;
  readonly passes: readonly PollPass[];
}

/** Waits for the scheduled cycle at the first tick a second after `readyAt` and measures it. */
async function measureCycle(o: PollCycleOptions, sim: SimulatorProcess, pid: number, readyAt: number) {
  const period = o.periodSeconds * 1000;
  const tick = nextTick(readyAt + 1000, period);
  await sleep(tick - 300 - epochMs());
  const cpu0 = readProcessCpuMs(pid);
  const sim0 = await sim.cpuUsage();
  const w = await waitForBurst(sim, tick - 300, tick + 2 * period);
  const cpu1 = readProcessCpuMs(pid);
  const sim1 = await sim.cpuUsage();
  return {
    tick,
    window: w,
    exporterCpuMs: cpu1 - cpu0,
    simulatorCpuMs: (sim1.user + sim1.system - sim0.user - sim0.system) / 1000,
  };
}

/** One pass: spawn right after a tick (so the first cycle has a whole period), then the next scheduled cycle. */
async function pollPass(o: PollCycleOptions, pass: number, sim: SimulatorProcess): Promise<PollPass> {
  const period = o.periodSeconds * 1000;
  await sleep(nextTick(epochMs(), period) + 100 - epochMs());
  const C = o.targets * o.concurrency;
  const spawnAt = epochMs();
  const x = await startExporterProcess({
    configYaml: benchConfig({
      urls: sim.urls,
      targets: o.targets,
      concurrency: o.concurrency,
      endpoints: DEFAULT_ENDPOINTS,
      schedule: everySeconds(o.periodSeconds),
      timeout: o.timeout,
    }),
  });
  try {
    const readyAt = spawnAt + x.readyMs;
    const m = await measureCycle(o, sim, x.pid, readyAt);
    // Only the first cycle's window: a short period may fire a scheduled cycle between ready and the measured tick.
    const startup = (await sim.activity()).windows.filter((w) => w.start >= spawnAt && w.start <= readyAt);
    const startupRequests = startup.reduce((n, w) => n + w.requests, 0);
    const span = cycleSpan(await fetch(`${x.url}/metrics`).then((r) => r.text()), m.tick - 1000);
    if (span.succeeded !== o.targets)
      throw new Error(
        `poll cycle: ${o.targets - span.succeeded} of ${o.targets} targets did not finish it successfully`,
      );
    const R = m.window.requests;
    return {
      pass,
      healthyMs: x.healthyMs,
      readyMs: x.readyMs,
      startupRequests,
      startupFloorMs: Math.ceil(startupRequests / C) * o.latencyMs,
      requests: R,
      floorMs: Math.ceil(R / C) * o.latencyMs,
      wallMs: span.wallMs,
      simulatorWallMs: m.window.end - m.window.start,
      exporterCpuMs: m.exporterCpuMs,
      simulatorCpuMs: m.simulatorCpuMs,
    };
  } finally {
    await x.close();
  }
}

/**
 * Poll-cycle benchmark (issue 12, goals 3 and 5): the real exporter binary polls `targets`
 * targets of simulators (another process, one origin per target) that add `latencyMs` to every
 * request; every target polls all default dashboard endpoints for 5 departments + all × 4
 * windows (154 requests), unlimited budget, on a schedule every `periodSeconds`. Per pass: spawn
 * → `/-/ready` against the first cycle's floor, then the next scheduled cycle's wall time against
 * its floor and the exporter's CPU per upstream request (/proc/<pid>/stat: every thread).
 */
export async function pollCycleBench(o: PollCycleOptions, log: (line: string) => void): Promise<PollCycleResult> {
  const sim = await startSimulatorProcess({ latencyMs: o.latencyMs, origins: o.targets, gapMs: 500 });
  const passes: PollPass[] = [];
  try {
    for (let pass = 1; pass <= o.passes; pass++) {
      const p = await pollPass(o, pass, sim);
      passes.push(p);
      log(
        `poll pass ${pass}: ready ${(p.readyMs / 1000).toFixed(2)} s (${(p.readyMs / p.startupFloorMs).toFixed(3)}× its floor); cycle of ${p.requests} requests ${p.wallMs.toFixed(0)} ms = ${(p.wallMs / p.floorMs).toFixed(3)}× floor ${p.floorMs} ms, exporter CPU ${(p.exporterCpuMs / p.requests).toFixed(3)} ms/request`,
      );
    }
  } finally {
    await sim.close();
  }
  return {
    targets: o.targets,
    concurrency: o.targets * o.concurrency,
    latencyMs: o.latencyMs,
    periodSeconds: o.periodSeconds,
    passes,
  };
}
