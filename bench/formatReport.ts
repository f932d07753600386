import type { MachineInfo } from './machineInfo';
import type { MemoryBenchResult } from './memoryBench';
import type { PollCycleResult } from './pollCycleBench';
import type { RenderBenchResult } from './renderBench';
import type { ScrapeBenchResult } from './scrapeBench';

/** Everything one run of the suite measured. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly scrape?: ScrapeBenchResult;
  readonly render?: RenderBenchResult;
  readonly poll?: PollCycleResult;
  readonly memory?: MemoryBenchResult;
  /** Parts left out and why (e.g. a missing binary in a smoke run). */
  readonly skipped: readonly string[];
}

const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Scrape: response shapes, then throughput against Pushgateway and latency while polling. */
function scrapeSection(out: string[], s: ScrapeBenchResult): void {
  out.push(`### Scrape: ${s.series.toLocaleString('en-US')} series from ${s.targets} targets`, '');
  out.push(
    `Startup to \`/-/ready\`: ${ms(s.startupMs)} ms. Exporter RSS: ${mib(s.memory.ready.rss)} MiB when ready, ${mib(s.memory.afterScrapes.rss)} MiB after the scrape runs (peak ${mib(s.memory.afterScrapes.peakRss)} MiB).${s.pushgatewayVersion ? ` Pushgateway: ${s.pushgatewayVersion}.` : ''}`,
    '',
  );
  out.push('| variant | server | content type | encoding | bytes |', '|---|---|---|---|---:|');
  for (const [name, v] of Object.entries(s.shapes)) {
    for (const [server, sh] of [
      ['exporter', v.exporter],
      ['pushgateway', v.pushgateway],
    ] as const) {
      if (sh)
        out.push(
          `| ${name} | ${server} | \`${sh.contentType}\` | ${sh.contentEncoding || '-'} | ${sh.bytes.toLocaleString('en-US')} |`,
        );
    }
  }
  out.push('');
  scrapeRuns(out, s);
  pollingRuns(out, s);
}

/** Throughput and latency per variant and scraper count, exporter beside Pushgateway. */
function scrapeRuns(out: string[], s: ScrapeBenchResult): void {
  if (s.runs.length) {
    out.push(
      '| variant | scrapers | exporter req/s | p50 ms | p99 ms | Pushgateway req/s | p50 ms | p99 ms | throughput ratio |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const e of s.runs.filter((x) => x.server === 'exporter')) {
      const p = s.runs.find(
        (x) => x.server === 'pushgateway' && x.variant === e.variant && x.connections === e.connections,
      );
      const er = e.result;
      const pr = p?.result;
      const errs = er.errors ? ` (${er.errors} errors)` : '';
      out.push(
        `| ${e.variant} | ${e.connections} | ${er.rps.toFixed(1)}${errs} | ${ms(er.p50Ms)} | ${ms(er.p99Ms)} | ${pr ? pr.rps.toFixed(1) : '-'} | ${pr ? ms(pr.p50Ms) : '-'} | ${pr ? ms(pr.p99Ms) : '-'} | ${pr && pr.rps > 0 ? `${(er.rps / pr.rps).toFixed(1)}×` : '-'} |`,
      );
    }
    out.push('');
  }
}

/** Scrape latency while every target polls. */
function pollingRuns(out: string[], s: ScrapeBenchResult): void {
  if (s.polling) {
    const p = s.polling.result;
    const q = s.polling.paced;
    out.push(
      `While every target polls every 10 s (a second exporter process), ${s.polling.variant}, ${s.polling.connections} scrapers:`,
      '',
    );
    out.push('| scrapers | req/s | p50 ms | p90 ms | p99 ms | max ms |', '|---|---:|---:|---:|---:|---:|');
    out.push(
      `| back to back | ${p.rps.toFixed(1)}${p.errors ? ` (${p.errors} errors)` : ''} | ${ms(p.p50Ms)} | ${ms(p.p90Ms)} | ${ms(p.p99Ms)} | ${ms(p.maxMs)} |`,
    );
    out.push(
      `| paced (${s.polling.pauseMs} ms pause) | ${q.rps.toFixed(1)}${q.errors ? ` (${q.errors} errors)` : ''} | ${ms(q.p50Ms)} | ${ms(q.p90Ms)} | ${ms(q.p99Ms)} | ${ms(q.maxMs)} |`,
    );
    out.push(
      '',
      `Exporter RSS after these runs: ${mib(s.polling.memory.rss)} MiB (peak ${mib(s.polling.memory.peakRss)} MiB).`,
      '',
    );
  }
}

/** Render and gzip times after a change. */
function renderSection(out: string[], x: RenderBenchResult): void {
  out.push(
    `### Render after a change: ${x.series.toLocaleString('en-US')} series from ${x.targets} targets (in process)`,
    '',
  );
  out.push(
    `Heap in use after a forced GC: ${mib(x.heapUsed)} MiB; external (the stored bytes): ${mib(x.external)} MiB.`,
    '',
  );
  out.push(
    '| format | render ms (one target changed) | gzip ms (thread pool) | cached render ms | bytes | gzip bytes |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const [f, t] of Object.entries(x.formats))
    out.push(
      `| ${f} | ${t.renderMs.toFixed(2)} | ${t.gzipMs.toFixed(1)} | ${t.cachedMs.toFixed(3)} | ${t.bytes.toLocaleString('en-US')} | ${t.gzipBytes.toLocaleString('en-US')} |`,
    );
  out.push('');
}

/** Poll cycles against their floor, and CPU per request. */
function pollSection(out: string[], p: PollCycleResult): void {
  const wall = median(p.cycles.map((c) => c.wallMs));
  const cpu = median(p.cycles.map((c) => c.exporterCpuUs)) / p.requests / 1000;
  const simCpu = median(p.cycles.map((c) => c.simulatorCpuUs)) / p.requests / 1000;
  out.push(
    `### Poll cycle: R = ${p.requests} requests, C = ${p.concurrency} (${p.targets} targets × ${p.concurrency / p.targets}), L = ${p.latencyMs} ms`,
    '',
  );
  out.push(
    '| cycle | wall ms | × floor | exporter CPU ms | exporter CPU ms / request | simulator CPU ms / request |',
    '|---:|---:|---:|---:|---:|---:|',
  );
  p.cycles.forEach((c, i) =>
    out.push(
      `| ${i + 1} | ${ms(c.wallMs)} | ${(c.wallMs / p.floorMs).toFixed(3)} | ${ms(c.exporterCpuUs / 1000)} | ${(c.exporterCpuUs / p.requests / 1000).toFixed(3)} | ${(c.simulatorCpuUs / p.requests / 1000).toFixed(3)} |`,
    ),
  );
  out.push(
    '',
    `Floor ceil(R/C)·L = ${p.floorMs} ms; median cycle ${ms(wall)} ms = ${(wall / p.floorMs).toFixed(3)} × floor; exporter CPU ${cpu.toFixed(3)} ms per upstream request (simulator ${simCpu.toFixed(3)} ms, its own process).`,
    '',
  );
}

/** Memory over many cycles. */
function memorySection(out: string[], mm: MemoryBenchResult): void {
  out.push(
    `### Memory over ${mm.samples[mm.samples.length - 1]!.cycle} poll cycles (${mm.targets} targets, R = ${mm.requests}, L = 0, one gzip scrape per cycle; after forced GC)`,
    '',
  );
  out.push('| cycle | RSS MiB | heap used MiB | external MiB |', '|---:|---:|---:|---:|');
  for (const x of mm.samples) out.push(`| ${x.cycle} | ${mib(x.rss)} | ${mib(x.heapUsed)} | ${mib(x.external)} |`);
  out.push('');
}

/** The report as Markdown tables, as pasted into docs/performance.md. */
export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Run \`${r.command}\` on ${m.date}: ${m.cpuModel}, nproc ${m.nproc}, ${m.memTotalGiB} GiB, Node ${m.node}, Linux ${m.kernel}, load average ${m.loadAtStart.toFixed(2)} at start.`,
    '',
  );
  out.push('```', m.free, '```', '');
  if (r.scrape) scrapeSection(out, r.scrape);
  if (r.render) renderSection(out, r.render);
  if (r.poll) pollSection(out, r.poll);
  if (r.memory) memorySection(out, r.memory);
  if (r.skipped.length) out.push(`Skipped: ${r.skipped.join('; ')}.`, '');
  return out.join('\n');
}
