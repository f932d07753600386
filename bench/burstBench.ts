import { benchConfig, everySeconds } from './benchConfig';
import { SCRAPE_ENDPOINTS } from './benchWorld';
import { familySum } from './exporterSelfMetrics';
import { readProcessMemory, resetPeakRss, type ProcessMemory } from './readProcessMemory';
import { PROMETHEUS_VARIANT } from './scrapeVariants';
import { startExporterProcess, type ExporterProcess } from './startExporterProcess';
import { createScrapers, type TimedScrape } from './createScrapers';
import { startSimulatorProcess, type ActivityWindow, type SimulatorProcess } from './startSimulatorProcess';
import { epochMs, sleep, summarize, type LatencySummary } from './stats';
import { nextTick, waitForBurst } from './ticks';

/** Sizes of the burst benchmark. */
export interface BurstBenchOptions {
  readonly targets: number;
  /** Seconds between bursts (every target's schedule); a divisor of 60 longer than a burst. */
  readonly periodSeconds: number;
  /** Upstream timeout, shorter than the period. */
  readonly timeout: string;
  /** Bursts measured (each is a pass). */
  readonly bursts: number;
  /** Concurrent scrapers, each asking again as soon as it has an answer. */
  readonly connections: number;
}

/** One full burst: every target's cycle at once. */
export interface BurstSample {
  readonly burst: number;
  /** First upstream request in to last response out, as the simulators saw it. */
  readonly durationMs: number;
  readonly requests: number;
  /** Scrapes that overlapped the burst. */
  readonly scrapes: LatencySummary;
}

/** The benchmark's outcome. */
export interface BurstBenchResult {
  readonly targets: number;
  readonly periodSeconds: number;
  readonly connections: number;
  readonly variant: string;
  readonly readyMs: number;
  readonly bursts: readonly BurstSample[];
  /** Every scrape that overlapped a burst, pooled. */
  readonly allBursts: LatencySummary;
  /** Scrapes in the second before each tick, before its burst began (cached answers), for comparison. */
  readonly between: LatencySummary;
  readonly memory: {
    /** At ready: RSS, and the startup's peak. */
    readonly ready: ProcessMemory;
    /** RSS a second before each tick that follows a measured burst (the steady state between bursts). */
    readonly betweenBursts: readonly number[];
    /** Peak RSS since ready (VmHWM reset at ready), or since spawn when the reset was not allowed. */
    readonly peakRss: number;
    readonly peakSinceReady: boolean;
  };
  /** Cycles skipped because the previous one of the same target still ran: the period is too short. */
  readonly overlapsSkipped: number;
}

/** Latency of the scrapes that overlap [from, to]. */
function within(scrapes: readonly TimedScrape[], from: number, to: number): LatencySummary {
  const hit = scrapes.filter((s) => s.end >= from && s.start <= to);
  return summarize(
    hit.filter((s) => s.ok).map((s) => s.end - s.start),
    hit.filter((s) => !s.ok).length,
  );
}

/** Waits until `lead` ms before the next tick (at least `lead` ms away) and returns that tick. */
async function beforeNextTick(period: number, lead: number): Promise<number> {
  const tick = nextTick(epochMs() + lead, period);
  await sleep(tick - lead - epochMs());
  return tick;
}

/**
 * Scrapes during each of `o.bursts` bursts, and memory between them: the scrapers run from a
 * second before each tick until its burst is over (a deployment's scrapes between bursts are few
 * and cheap, and scraping back to back all the time would only load the shared machine), and
 * the RSS is read just before every tick after the first burst.
 */
async function measureBursts(o: BurstBenchOptions, sim: SimulatorProcess, x: ExporterProcess) {
  const period = o.periodSeconds * 1000;
  const scrapers = createScrapers({
    url: `${x.url}/metrics`,
    headers: PROMETHEUS_VARIANT.headers,
    connections: o.connections,
  });
  const windows: ActivityWindow[] = [];
  const betweenBursts: number[] = [];
  try {
    for (let i = 0; i <= o.bursts; i++) {
      const tick = await beforeNextTick(period, 1000);
      if (i > 0) betweenBursts.push(readProcessMemory(x.pid).rss);
      if (i === o.bursts) break;
      scrapers.resume();
      windows.push(await waitForBurst(sim, tick - 1000, tick + 2 * period + 5000));
      scrapers.pause();
    }
  } catch (err) {
    await scrapers.stop();
    throw err;
  }
  const scrapes = await scrapers.stop();
  const inAny = (s: TimedScrape) => windows.some((w) => s.end >= w.start && s.start <= w.end);
  const rest = scrapes.filter((s) => !inAny(s));
  return {
    bursts: windows.map((w, i) => ({
      burst: i + 1,
      durationMs: w.end - w.start,
      requests: w.requests,
      scrapes: within(scrapes, w.start, w.end),
    })),
    allBursts: summarize(
      scrapes.filter((s) => s.ok && inAny(s)).map((s) => s.end - s.start),
      scrapes.filter((s) => !s.ok && inAny(s)).length,
    ),
    between: summarize(
      rest.filter((s) => s.ok).map((s) => s.end - s.start),
      rest.filter((s) => !s.ok).length,
    ),
    betweenBursts,
  };
}

/**
 * Burst benchmark (issue 12, goals 2 and 4): the real exporter binary with `targets` targets
 * (about 110,000 series at 500) whose cycles all fire at the same second every `periodSeconds`
 * against zero-latency simulators, so each cycle is a full burst. `connections` scrapers with
 * Prometheus' headers scrape back to back, each scrape timed; only those overlapping a burst (as
 * the simulators saw it) count for the burst's latency. Memory: RSS at ready, just before each
 * later tick (steady state), and the peak since ready (VmHWM).
 */
export async function burstBench(o: BurstBenchOptions, log: (line: string) => void): Promise<BurstBenchResult> {
  // A second of quiet ends a burst: a long GC pause of the exporter must not split one in two.
  const sim = await startSimulatorProcess({ latencyMs: 0, origins: o.targets, gapMs: 1000 });
  try {
    const x = await startExporterProcess({
      configYaml: benchConfig({
        urls: sim.urls,
        targets: o.targets,
        concurrency: 4,
        endpoints: SCRAPE_ENDPOINTS,
        schedule: everySeconds(o.periodSeconds),
        timeout: o.timeout,
      }),
    });
    try {
      const ready = readProcessMemory(x.pid);
      const peakSinceReady = resetPeakRss(x.pid);
      log(
        `burst: exporter ready after ${(x.readyMs / 1000).toFixed(2)} s, RSS ${(ready.rss / 2 ** 20).toFixed(0)} MiB`,
      );
      const m = await measureBursts(o, sim, x);
      for (const b of m.bursts)
        log(
          `burst ${b.burst}: ${b.requests} requests in ${b.durationMs.toFixed(0)} ms; ${b.scrapes.count} scrapes, p50 ${b.scrapes.p50Ms.toFixed(1)} ms, p99 ${b.scrapes.p99Ms.toFixed(1)} ms`,
        );
      const peakRss = readProcessMemory(x.pid).peakRss;
      const text = await fetch(`${x.url}/metrics`).then((r) => r.text());
      return {
        targets: o.targets,
        periodSeconds: o.periodSeconds,
        connections: o.connections,
        variant: PROMETHEUS_VARIANT.name,
        readyMs: x.readyMs,
        bursts: m.bursts,
        allBursts: m.allBursts,
        between: m.between,
        memory: { ready, betweenBursts: m.betweenBursts, peakRss, peakSinceReady },
        overlapsSkipped: familySum(text, 'livechat_exporter_poll_overlaps_skipped_total'),
      };
    } finally {
      await x.close();
    }
  } finally {
    await sim.close();
  }
}
