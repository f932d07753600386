import type { BurstBenchOptions } from './burstBench';
import type { PollCycleOptions } from './pollCycleBench';
import type { RenderBenchOptions } from './renderBench';
import type { ScrapeBenchOptions } from './scrapeBench';
import type { StartupBenchOptions } from './startupBench';

/** The scenarios of the suite, in the order they run. */
export const SCENARIOS = ['scrape', 'burst', 'poll', 'startup', 'render'] as const;
/** One of SCENARIOS. */
export type Scenario = (typeof SCENARIOS)[number];

/** Everything runAll needs; `benchOptions` builds it from the command line. */
export interface BenchOptions {
  readonly smoke: boolean;
  readonly only: readonly Scenario[];
  /** Fail instead of skipping when wrk, nginx or the Pushgateway is missing. */
  readonly requireTools: boolean;
  /** Write the raw results here as JSON. */
  readonly jsonFile: string | undefined;
  readonly scrape: Omit<ScrapeBenchOptions, 'wrk' | 'pushgateway' | 'nginx'>;
  readonly burst: BurstBenchOptions;
  readonly poll: PollCycleOptions;
  readonly startup: StartupBenchOptions;
  readonly render: RenderBenchOptions;
}

/** Thrown for a bad command line. */
export class BenchUsageError extends Error {}

/** Usage text. */
export const BENCH_USAGE = `Usage: node dist/bench/runAll.js [--smoke] [--only=${SCENARIOS.join(',')}] [--passes=N] [--seconds=N] [--targets=N] [--json=FILE]
  --smoke      tiny sizes (5 targets, 1 pass, 1 s runs): proves the suite works, measures nothing useful
  --only       run only these scenarios (default: all)
  --passes     passes of every scenario; figures are their medians (default 3; smoke 1)
  --seconds    seconds per wrk run (default 5; smoke 1)
  --targets    targets of the scrape, burst, startup and render benchmarks (default 500; smoke 5)
  --json       also write the raw results to FILE`;

/** Parses `--name=value` flags; an unknown one is a usage error. */
function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !['smoke', 'only', 'passes', 'seconds', 'targets', 'json'].includes(m[1]!))
      throw new BenchUsageError(`unknown argument ${JSON.stringify(arg)}\n${BENCH_USAGE}`);
    flags.set(m[1]!, m[2] ?? '');
  }
  return flags;
}

/**
 * Full-size defaults: 3 passes; scrape, burst and startup at 500 targets (~110,000 series); poll
 * 65 targets × 154 requests = 10,010 requests at L = 50 ms with C = 130, a cycle every 15 s;
 * bursts every 20 s.
 */
export function benchOptions(argv: readonly string[], ci: boolean): BenchOptions {
  const flags = parseFlags(argv);
  const smoke = flags.has('smoke');
  const int = (name: string, fallback: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new BenchUsageError(`--${name} must be a positive integer`);
    return n;
  };
  const only = flags.has('only') ? flags.get('only')!.split(',') : [...SCENARIOS];
  for (const s of only)
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw new BenchUsageError(`unknown scenario ${JSON.stringify(s)} (known: ${SCENARIOS.join(', ')})`);
  const passes = int('passes', smoke ? 1 : 3);
  const targets = int('targets', smoke ? 5 : 500);
  return {
    smoke,
    only: only as Scenario[],
    requireTools: !smoke || ci,
    jsonFile: flags.get('json') || undefined,
    scrape: {
      targets,
      passes,
      seconds: int('seconds', smoke ? 1 : 5),
      warmupSeconds: smoke ? 0 : 1,
      connections: smoke ? [2] : [1, 4],
    },
    // Smoke periods leave slack for a loaded CI machine: a cycle past its deadline (the period) is cut, and the
    // smoke test checks that every cycle asked everything.
    burst: smoke
      ? { targets, periodSeconds: 5, timeout: '1s', bursts: Math.max(passes, 2), connections: 4 }
      : { targets, periodSeconds: 20, timeout: '8s', bursts: passes, connections: 4 },
    // The exporter spawns just after a tick and must be ready before the next one, or a scheduled cycle joins
    // the first: 2 s was too short for a start (process, polling thread, config) on a loaded 2-core machine.
    poll: smoke
      ? { targets: 2, concurrency: 2, latencyMs: 5, periodSeconds: 5, timeout: '1s', passes }
      : { targets: 65, concurrency: 2, latencyMs: 50, periodSeconds: 15, timeout: '8s', passes },
    startup: { targets, passes },
    render: { targets, repeats: smoke ? 1 : 5 },
  };
}
