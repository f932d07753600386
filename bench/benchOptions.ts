import type { MemoryBenchOptions } from './memoryBench';
import type { PollCycleOptions } from './pollCycleBench';
import type { RenderBenchOptions } from './renderBench';

/** The scenarios of the suite. */
export const SCENARIOS = ['scrape', 'render', 'poll', 'memory'] as const;
/** One of SCENARIOS. */
export type Scenario = (typeof SCENARIOS)[number];

/** Everything runAll needs; `benchOptions` builds it from the command line. */
export interface BenchOptions {
  readonly smoke: boolean;
  readonly only: readonly Scenario[];
  /** Fail instead of skipping when wrk or the Pushgateway is missing. */
  readonly requireTools: boolean;
  /** Write the raw results here as JSON. */
  readonly jsonFile: string | undefined;
  readonly scrape: { readonly targets: number; readonly seconds: number; readonly connections: readonly number[] };
  readonly render: RenderBenchOptions;
  readonly poll: PollCycleOptions;
  readonly memory: MemoryBenchOptions;
}

/** Thrown for a bad command line. */
export class BenchUsageError extends Error {}

/** Usage text. */
export const BENCH_USAGE = `Usage: node dist/bench/runAll.js [--smoke] [--only=scrape,render,poll,memory] [--seconds=N] [--targets=N] [--json=FILE]
  --smoke      tiny sizes (5 targets, 1 s runs): proves the suite works, measures nothing useful
  --only       run only these scenarios (default: all)
  --seconds    seconds per wrk run (default 10; smoke 1)
  --targets    targets of the scrape and render benchmarks (default 500; smoke 5)
  --json       also write the raw results to FILE`;

/**
 * Full-size defaults: scrape 500 targets (~110,000 series), poll 65 targets ×
 * 154 requests = 10,010 requests at L = 50 ms with C = 130, memory 1,000 cycles.
 */
export function benchOptions(argv: readonly string[], ci: boolean): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !['smoke', 'only', 'seconds', 'targets', 'json'].includes(m[1]!))
      throw new BenchUsageError(`unknown argument ${JSON.stringify(arg)}\n${BENCH_USAGE}`);
    flags.set(m[1]!, m[2] ?? '');
  }
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
  return {
    smoke,
    only: only as Scenario[],
    requireTools: !smoke || ci,
    jsonFile: flags.get('json') || undefined,
    scrape: {
      targets: int('targets', smoke ? 5 : 500),
      seconds: int('seconds', smoke ? 1 : 10),
      connections: smoke ? [2] : [4, 1],
    },
    render: { targets: int('targets', smoke ? 5 : 500), repeats: smoke ? 1 : 5 },
    poll: smoke
      ? { targets: 2, concurrency: 2, latencyMs: 5, cycles: 1 }
      : { targets: 65, concurrency: 2, latencyMs: 50, cycles: 3 },
    memory: smoke ? { targets: 1, cycles: 10, every: 5 } : { targets: 2, cycles: 1000, every: 100 },
  };
}
