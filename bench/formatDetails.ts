import type { BurstBenchResult } from './burstBench';
import type { PollCycleResult } from './pollCycleBench';
import type { RenderBenchResult } from './renderBench';
import type { ScrapeBenchResult, ServerName } from './scrapeBench';
import type { StartupBenchResult } from './startupBench';
import { median, type LatencySummary } from './stats';

const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const ms = (x: number) => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rps = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const times = (x: number) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const n = (x: number) => x.toLocaleString('en-US');
const SERVERS: readonly ServerName[] = ['exporter', 'nginx', 'pushgateway'];

/** Medians over passes of each server's req/s and latency, per variant and connection count, with the ratios. */
function scrapeMedians(out: string[], s: ScrapeBenchResult): void {
  out.push(
    '| variant | conns | exporter req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | Pushgateway req/s | p50 ms | p99 ms | exporter / nginx | exporter / Pushgateway |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const runs = s.passes.flatMap((p) => p.runs);
  for (const c of s.connections)
    for (const v of s.variants) {
      const of = (server: ServerName) =>
        runs.filter((r) => r.server === server && r.variant === v && r.connections === c);
      const cells = SERVERS.flatMap((server) => {
        const rs = of(server).map((r) => r.result);
        if (!rs.length) return ['-', '-', '-'];
        return [
          rps(median(rs.map((r) => r.rps))),
          ms(median(rs.map((r) => r.p50Ms))),
          ms(median(rs.map((r) => r.p99Ms))),
        ];
      });
      const ratio = (other: ServerName) => {
        const e = of('exporter');
        const o = of(other);
        if (!e.length || e.length !== o.length) return '-';
        return times(median(e.map((r, i) => r.result.rps / o[i]!.result.rps)));
      };
      out.push(`| ${v} | ${c} | ${cells.join(' | ')} | ${ratio('nginx')} | ${ratio('pushgateway')} |`);
    }
  out.push('');
}

/** Every wrk run, in the order it ran. */
function scrapeRuns(out: string[], s: ScrapeBenchResult): void {
  out.push('Each run, in order:', '');
  out.push('| pass | variant | conns | server | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |');
  out.push('|---:|---|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const p of s.passes)
    for (const r of p.runs) {
      const x = r.result;
      out.push(
        `| ${r.pass} | ${r.variant} | ${r.connections} | ${r.server} | ${rps(x.rps)} | ${ms(x.p50Ms)} | ${ms(x.p90Ms)} | ${ms(x.p99Ms)} | ${ms(x.maxMs)} | ${x.errors} |`,
      );
    }
  out.push('');
}

/** Cached scrapes: response shapes, medians, each pass' startup and memory, every run. */
export function scrapeSection(out: string[], s: ScrapeBenchResult): void {
  const first = s.passes[0];
  out.push(`### Cached scrapes: ${first ? n(first.series) : '?'} series from ${s.targets} targets`, '');
  out.push(
    `${s.passes.length} passes; in each, a fresh exporter, then wrk for ${s.seconds} s per server, variant and connection count, the servers back to back. nginx ${s.nginxVersion ?? '(not run)'} serves the exporter's own bytes of that pass; Pushgateway ${s.pushgatewayVersion ?? '(not run)'} holds the same series.`,
    '',
  );
  scrapeMedians(out, s);
  if (first) {
    out.push('| variant | server | content type | encoding | bytes |', '|---|---|---|---|---:|');
    for (const [v, shapes] of Object.entries(first.shapes))
      for (const server of SERVERS) {
        const sh = shapes[server];
        if (sh)
          out.push(`| ${v} | ${server} | \`${sh.contentType}\` | ${sh.contentEncoding || '-'} | ${n(sh.bytes)} |`);
      }
    out.push('');
  }
  out.push(
    '| pass | series | text bytes | spawn → healthy ms | spawn → ready s | RSS at ready MiB | startup peak MiB | RSS after the runs MiB |',
  );
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const p of s.passes)
    out.push(
      `| ${p.pass} | ${n(p.series)} | ${n(p.textBytes)} | ${p.healthyMs.toFixed(0)} | ${(p.readyMs / 1000).toFixed(2)} | ${mib(p.memory.ready.rss)} | ${mib(p.memory.ready.peakRss)} | ${mib(p.memory.afterScrapes.rss)} |`,
    );
  out.push('');
  if (s.passes.some((p) => p.runs.length)) scrapeRuns(out, s);
}

const latencyCells = (l: LatencySummary) =>
  `${l.count} | ${l.errors} | ${ms(l.p50Ms)} | ${ms(l.p90Ms)} | ${ms(l.p99Ms)} | ${ms(l.maxMs)}`;

/** Scrape latency during each full burst and between, and memory. */
export function burstSection(out: string[], b: BurstBenchResult): void {
  out.push(
    `### Scrapes during full poll bursts: ${b.targets} targets every ${b.periodSeconds} s, no upstream latency, ${b.connections} scrapers (${b.variant} headers, back to back from a second before each tick until the burst is over)`,
    '',
  );
  out.push(
    '| burst | upstream requests | burst ms | scrapes | errors | p50 ms | p90 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of b.bursts)
    out.push(`| ${x.burst} | ${n(x.requests)} | ${x.durationMs.toFixed(0)} | ${latencyCells(x.scrapes)} |`);
  out.push(`| all bursts, pooled | | | ${latencyCells(b.allBursts)} |`);
  out.push(`| the second before each burst | | | ${latencyCells(b.between)} |`, '');
  const m = b.memory;
  out.push(
    `Exporter ready after ${(b.readyMs / 1000).toFixed(2)} s. RSS at ready ${mib(m.ready.rss)} MiB (startup peak ${mib(m.ready.peakRss)} MiB); a second before each later tick ${m.betweenBursts.map(mib).join(', ')} MiB; peak ${m.peakSinceReady ? 'since ready' : 'since spawn'} ${mib(m.peakRss)} MiB. Cycles skipped as overlaps: ${b.overlapsSkipped}.`,
    '',
  );
}

/** Each poll pass: startup against its floor, the cycle against its floor, CPU per request. */
export function pollSection(out: string[], p: PollCycleResult): void {
  const first = p.passes[0];
  out.push(
    `### Poll cycle: R = ${first ? n(first.requests) : '?'} requests, C = ${p.concurrency} (${p.targets} targets × ${p.concurrency / p.targets}), L = ${p.latencyMs} ms, a cycle every ${p.periodSeconds} s`,
    '',
  );
  out.push(
    '| pass | spawn → ready ms | first cycle floor ms | × | cycle ms (exporter) | (simulators) | floor ms | × | exporter CPU ms | ms / request | simulator CPU ms / request |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of p.passes)
    out.push(
      `| ${x.pass} | ${x.readyMs.toFixed(0)} | ${x.startupFloorMs} | ${(x.readyMs / x.startupFloorMs).toFixed(3)} | ${x.wallMs.toFixed(0)} | ${x.simulatorWallMs.toFixed(0)} | ${x.floorMs} | ${(x.wallMs / x.floorMs).toFixed(3)} | ${x.exporterCpuMs.toFixed(0)} | ${(x.exporterCpuMs / x.requests).toFixed(3)} | ${(x.simulatorCpuMs / x.requests).toFixed(3)} |`,
    );
  out.push('');
}

/** Each startup pass: --version, --config.check, loadConfig in process. */
export function startupSection(out: string[], s: StartupBenchResult): void {
  out.push(`### Loading the config: ${s.targets} targets, ${n(s.configBytes)} bytes of YAML`, '');
  out.push(
    '| pass | --version ms | --config.check ms | difference ms | loadConfig, first ms | loadConfig, again ms |',
    '|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of s.passes)
    out.push(
      `| ${x.pass} | ${x.versionMs.toFixed(0)} | ${x.checkMs.toFixed(0)} | ${(x.checkMs - x.versionMs).toFixed(0)} | ${x.load.coldMs.toFixed(1)} | ${x.load.warmMs.toFixed(1)} |`,
    );
  out.push('');
}

/** Render and gzip times after a change. */
export function renderSection(out: string[], x: RenderBenchResult): void {
  out.push(`### Render after a change: ${n(x.series)} series from ${x.targets} targets (in process)`, '');
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
      `| ${f} | ${t.renderMs.toFixed(2)} | ${t.gzipMs.toFixed(1)} | ${t.cachedMs.toFixed(3)} | ${n(t.bytes)} | ${n(t.gzipBytes)} |`,
    );
  out.push('');
}
