import type { BenchReport } from './benchReport';
import type { ScrapeBenchResult, ServerName } from './scrapeBench';
import { PROMETHEUS_VARIANT } from './scrapeVariants';
import { median } from './stats';

/** One goal of issue 12 and what the run measured for it. */
export interface Goal {
  readonly goal: string;
  /** `≥` the threshold, `≤` it, or `<` it. */
  readonly compare: '≥' | '≤' | '<';
  readonly threshold: number;
  readonly unit: '×' | 'ms' | 'MiB' | 's';
  /** What the threshold is relative to, e.g. "nginx" or "floor"; '' when absolute. */
  readonly of: string;
  /** The median of the passes; undefined when its scenario did not run. */
  readonly value: number | undefined;
  readonly passes: readonly number[];
  /** Context for the figure (e.g. the req/s behind a ratio). */
  readonly note: string;
}

const MIB = 2 ** 20;
const r1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** A goal from its passes (value = their median). */
function goal(g: Omit<Goal, 'value'>): Goal {
  return { ...g, value: g.passes.length ? median(g.passes) : undefined };
}

/** Per pass, the wrk result of `server` for a variant and connection count. */
function runsOf(s: ScrapeBenchResult | undefined, server: ServerName, variant: string, c: number) {
  return (s?.passes ?? []).flatMap((p) =>
    p.runs.filter((r) => r.server === server && r.variant === variant && r.connections === c).map((r) => r.result),
  );
}

/** Goal 1: exporter against nginx for each variant and connection count; goal 2's cached part. */
function scrapeGoals(s: ScrapeBenchResult | undefined, variants: readonly string[], conns: readonly number[]): Goal[] {
  const out: Goal[] = [];
  for (const c of conns)
    for (const v of variants) {
      const e = runsOf(s, 'exporter', v, c);
      const n = runsOf(s, 'nginx', v, c);
      const pg = runsOf(s, 'pushgateway', v, c);
      const ratios = e.length === n.length ? e.map((x, i) => x.rps / n[i]!.rps) : [];
      const med = (xs: typeof e, f: (x: (typeof e)[number]) => number) => (xs.length ? r1(median(xs.map(f))) : '-');
      out.push(
        goal({
          goal: `cached scrapes, ${v === PROMETHEUS_VARIANT.name ? "Prometheus' headers" : 'gzip'}, ${c} connection${c > 1 ? 's' : ''}: req/s`,
          compare: '≥',
          threshold: 0.5,
          unit: '×',
          of: 'nginx',
          passes: ratios,
          note: `exporter ${med(e, (x) => x.rps)} req/s (p99 ${med(e, (x) => x.p99Ms)} ms), nginx ${med(n, (x) => x.rps)} (p99 ${med(n, (x) => x.p99Ms)} ms), Pushgateway ${med(pg, (x) => x.rps)}`,
        }),
      );
    }
  const c = Math.max(...conns);
  out.push(
    goal({
      goal: `/metrics p99 at ${c} scrapers, Prometheus' headers, no poll running`,
      compare: '<',
      threshold: 50,
      unit: 'ms',
      of: '',
      passes: runsOf(s, 'exporter', PROMETHEUS_VARIANT.name, c).map((x) => x.p99Ms),
      note: 'the cached-scrape runs above',
    }),
  );
  return out;
}

/** Goals 2 (during bursts), 3 and 4. */
function pollAndMemoryGoals(r: BenchReport): Goal[] {
  const b = r.burst;
  const p = r.poll?.passes ?? [];
  const rss = (r.scrape?.passes ?? []).map((x) => x.memory.ready.rss / MIB);
  return [
    goal({
      goal: `/metrics p99 at ${b?.connections ?? 4} scrapers while all ${b?.targets ?? 500} targets poll at once`,
      compare: '<',
      threshold: 50,
      unit: 'ms',
      of: '',
      passes: (b?.bursts ?? []).map((x) => x.scrapes.p99Ms),
      note: b
        ? `per burst; all bursts pooled: ${b.allBursts.count} scrapes, p50 ${r1(b.allBursts.p50Ms)} ms, p99 ${r1(b.allBursts.p99Ms)} ms`
        : '',
    }),
    goal({
      goal: 'poll cycle against its floor ceil(R/C)·L',
      compare: '≤',
      threshold: 1.15,
      unit: '×',
      of: 'floor',
      passes: p.map((x) => x.wallMs / x.floorMs),
      note: p.length ? `${r1(median(p.map((x) => x.wallMs)))} ms against ${p[0]!.floorMs} ms` : '',
    }),
    goal({
      goal: 'exporter CPU per upstream request (whole process)',
      compare: '≤',
      threshold: 0.2,
      unit: 'ms',
      of: '',
      passes: p.map((x) => x.exporterCpuMs / x.requests),
      note: p.length ? `R = ${p[0]!.requests}` : '',
    }),
    goal({
      goal: 'RSS at ready',
      compare: '<',
      threshold: 150,
      unit: 'MiB',
      of: '',
      passes: rss,
      note: 'scrape passes',
    }),
    goal({
      goal: 'RSS in steady state (a second before each tick after a full burst)',
      compare: '<',
      threshold: 150,
      unit: 'MiB',
      of: '',
      passes: (b?.memory.betweenBursts ?? []).map((x) => x / MIB),
      note: '',
    }),
    goal({
      goal: 'peak RSS under repeated full bursts',
      compare: '<',
      threshold: 250,
      unit: 'MiB',
      of: '',
      passes: b ? [b.memory.peakRss / MIB] : [],
      note: b && !b.memory.peakSinceReady ? 'includes the startup (VmHWM could not be reset)' : 'VmHWM since ready',
    }),
  ];
}

/** Goal 5. */
function startupGoals(r: BenchReport): Goal[] {
  const st = r.startup?.passes ?? [];
  const p = r.poll?.passes ?? [];
  return [
    goal({
      goal: `spawn → /-/healthy, ${r.scrape?.targets ?? 500} targets`,
      compare: '<',
      threshold: 0.5,
      unit: 's',
      of: '',
      passes: (r.scrape?.passes ?? []).map((x) => x.healthyMs / 1000),
      note: '',
    }),
    goal({
      goal: `loading and validating ${r.startup?.targets ?? 500} targets: --config.check minus --version`,
      compare: '<',
      threshold: 100,
      unit: 'ms',
      of: '',
      passes: st.map((x) => x.checkMs - x.versionMs),
      note: '',
    }),
    goal({
      goal: 'loading and validating, loadConfig timed in process (first load)',
      compare: '<',
      threshold: 100,
      unit: 'ms',
      of: '',
      passes: st.map((x) => x.load.coldMs),
      note: '',
    }),
    goal({
      goal: "spawn → /-/ready against the first cycle's floor",
      compare: '≤',
      threshold: 1.15,
      unit: '×',
      of: 'floor',
      passes: p.map((x) => x.readyMs / x.startupFloorMs),
      note: p.length ? `${r1(median(p.map((x) => x.readyMs)))} ms against ${p[0]!.startupFloorMs} ms` : '',
    }),
  ];
}

/** Every goal of issue 12 with its measured median (undefined where the scenario did not run). */
export function benchGoals(r: BenchReport): Goal[] {
  const variants = r.scrape?.variants ?? ['gzip', PROMETHEUS_VARIANT.name];
  const conns = r.scrape?.connections ?? [1, 4];
  return [...scrapeGoals(r.scrape, variants, conns), ...pollAndMemoryGoals(r), ...startupGoals(r)];
}

/** Whether a goal is met; undefined when not measured. */
export function isMet(g: Goal): boolean | undefined {
  if (g.value === undefined || Number.isNaN(g.value)) return undefined;
  if (g.compare === '≥') return g.value >= g.threshold;
  if (g.compare === '≤') return g.value <= g.threshold;
  return g.value < g.threshold;
}

/** "met, 20% margin", "missed by 2.05×", or "not measured". */
export function verdict(g: Goal): string {
  const met = isMet(g);
  if (met === undefined) return 'not measured';
  const v = g.value!;
  // How far the figure is from the threshold, as a factor ≥ 1 in the bad direction.
  const factor = g.compare === '≥' ? g.threshold / v : v / g.threshold;
  if (!met) return `**missed** by ${factor >= 10 ? factor.toFixed(0) : factor.toFixed(2)}×`;
  const margin = g.compare === '≥' ? v / g.threshold - 1 : 1 - v / g.threshold;
  return `met, ${Math.round(margin * 100)}% margin`;
}
