import { gunzipSync } from 'node:zlib';
import { benchConfig } from './benchConfig';
import { SCRAPE_ENDPOINTS } from './benchWorld';
import { fetchRaw, type RawResponse } from './fetchRaw';
import { readProcessMemory, type ProcessMemory } from './readProcessMemory';
import { runWrk, type WrkResult } from './runWrk';
import { SCRAPE_VARIANTS } from './scrapeVariants';
import { startExporterProcess } from './startExporterProcess';
import { startNginx, type Nginx } from './startNginx';
import { startPushgateway, type Pushgateway } from './startPushgateway';
import { startSimulatorProcess } from './startSimulatorProcess';

/** Sizes and toggles of the scrape benchmark. */
export interface ScrapeBenchOptions {
  readonly targets: number;
  /** Interleaved passes: each spawns a fresh exporter and runs every server back to back. */
  readonly passes: number;
  /** Seconds per wrk run. */
  readonly seconds: number;
  /** Seconds of the unrecorded wrk warm-up per server and variant in each pass; 0 for none. */
  readonly warmupSeconds: number;
  /** Concurrent scrapers (wrk connections). */
  readonly connections: readonly number[];
  /** Run wrk at all (false when it is not installed and not required). */
  readonly wrk: boolean;
  /** Pushgateway binary, or undefined to skip the comparison. */
  readonly pushgateway: string | undefined;
  /** nginx binary, or undefined to skip the comparison. */
  readonly nginx: string | undefined;
  /** Extra node flags for the exporter process (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

/** The servers compared: the exporter, nginx serving the exporter's own bytes as static files, and Pushgateway. */
export type ServerName = 'exporter' | 'nginx' | 'pushgateway';

/** What one response of a server looks like for one variant. */
export interface ResponseShape {
  readonly contentType: string;
  readonly contentEncoding: string;
  readonly bytes: number;
}

/** One wrk run against one server. */
export interface ScrapeRun {
  readonly pass: number;
  readonly server: ServerName;
  readonly variant: string;
  readonly connections: number;
  readonly result: WrkResult;
}

/** One pass: a fresh exporter process, its startup, memory, and every server scraped back to back. */
export interface ScrapePass {
  readonly pass: number;
  readonly series: number;
  /** Bytes of the uncompressed text exposition. */
  readonly textBytes: number;
  /** Spawn to `/-/healthy` and to `/-/ready` (every target's first cycle, no upstream latency). */
  readonly healthyMs: number;
  readonly readyMs: number;
  readonly memory: { readonly ready: ProcessMemory; readonly afterScrapes: ProcessMemory };
  readonly shapes: Readonly<Record<string, Partial<Record<ServerName, ResponseShape>>>>;
  readonly runs: readonly ScrapeRun[];
}

/** Everything the scrape benchmark measured. */
export interface ScrapeBenchResult {
  readonly targets: number;
  readonly seconds: number;
  readonly connections: readonly number[];
  readonly variants: readonly string[];
  readonly pushgatewayVersion?: string;
  readonly nginxVersion?: string;
  readonly passes: readonly ScrapePass[];
}

/** The exposition's own families (what a Pushgateway is given): no process metrics, whose names the Pushgateway has itself. */
export function dataFamilies(text: string): string {
  const keep = text.split('\n').filter((l) => {
    const name = l.startsWith('# ') ? l.split(' ')[2] : l.split(/[{ ]/)[0];
    return name !== undefined && name.startsWith('livechat_exporter_');
  });
  return keep.join('\n') + '\n';
}

/** Sample lines (not comments, not blank) of an exposition. */
export function countSeries(text: string): number {
  let n = 0;
  for (const l of text.split('\n')) if (l !== '' && !l.startsWith('#')) n++;
  return n;
}

const shapeOf = (r: RawResponse): ResponseShape => ({
  contentType: r.contentType,
  contentEncoding: r.contentEncoding,
  bytes: r.body.length,
});

/** GETs every variant from `urlOf(variant)`; a non-200 answer is an error. */
async function bodies(urlOf: (variant: string) => string): Promise<Map<string, RawResponse>> {
  const out = new Map<string, RawResponse>();
  for (const v of SCRAPE_VARIANTS) {
    const r = await fetchRaw(urlOf(v.name), v.headers);
    if (r.status !== 200) throw new Error(`${urlOf(v.name)} (${v.name}): HTTP ${r.status}`);
    out.set(v.name, r);
  }
  return out;
}

/** nginx serving the exporter's bytes per variant; checks that it sends exactly those bytes and that Content-Type. */
async function nginxFor(binary: string, exporter: Map<string, RawResponse>): Promise<Nginx> {
  const nginx = await startNginx(
    binary,
    [...exporter].map(([name, r]) => ({
      name,
      contentType: r.contentType,
      body: r.body,
      gzipped: r.contentEncoding === 'gzip',
    })),
  );
  const served = await bodies(nginx.urlOf).catch(async (err: unknown) => {
    await nginx.close();
    throw err;
  });
  for (const [name, r] of served) {
    const e = exporter.get(name)!;
    if (!r.body.equals(e.body) || r.contentType !== e.contentType || r.contentEncoding !== e.contentEncoding) {
      await nginx.close();
      throw new Error(`nginx does not serve the exporter's bytes for ${name} (${r.contentType}, ${r.contentEncoding})`);
    }
  }
  return nginx;
}

/** The text exposition of a variant's body (decompressed where gzipped). */
const textOf = (r: RawResponse) => (r.contentEncoding === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');

/** Where each server answers a variant, for those in this pass. */
type Servers = readonly { readonly server: ServerName; readonly urlOf: (variant: string) => string }[];

/** wrk against every server, back to back for each variant × connections, after an unrecorded warm-up. */
async function wrkPass(
  o: ScrapeBenchOptions,
  pass: number,
  servers: Servers,
  log: (line: string) => void,
): Promise<ScrapeRun[]> {
  const runs: ScrapeRun[] = [];
  // JIT, the first build of each variant, the startup burst's garbage.
  if (o.warmupSeconds > 0)
    for (const v of SCRAPE_VARIANTS)
      for (const s of servers)
        await runWrk({ url: s.urlOf(v.name), headers: v.headers, connections: 1, seconds: o.warmupSeconds });
  for (const connections of o.connections)
    for (const v of SCRAPE_VARIANTS)
      for (const s of servers) {
        const result = await runWrk({ url: s.urlOf(v.name), headers: v.headers, connections, seconds: o.seconds });
        runs.push({ pass, server: s.server, variant: v.name, connections, result });
        log(
          `scrape pass ${pass}: ${s.server.padEnd(11)} ${v.name.padEnd(10)} c=${connections}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms${result.errors ? `, ${result.errors} errors` : ''}`,
        );
      }
  return runs;
}

/** Context shared by the passes. */
interface ScrapeContext {
  readonly urls: readonly string[];
  readonly pg: Pushgateway | undefined;
  nginxVersion?: string;
}

/** One pass: a fresh exporter, the same bytes in nginx, the same series in Pushgateway, then wrk against all three. */
async function scrapePass(
  o: ScrapeBenchOptions,
  pass: number,
  ctx: ScrapeContext,
  log: (line: string) => void,
): Promise<ScrapePass> {
  const exporter = await startExporterProcess({
    configYaml: benchConfig({ urls: ctx.urls, targets: o.targets, concurrency: 4, endpoints: SCRAPE_ENDPOINTS }),
    ...(o.nodeArgs && { nodeArgs: o.nodeArgs }),
  });
  let nginx: Nginx | undefined;
  try {
    const ready = readProcessMemory(exporter.pid);
    const own = await bodies(() => `${exporter.url}/metrics`);
    const text = textOf(own.get(SCRAPE_VARIANTS[0]!.name)!);
    const series = countSeries(text);
    log(
      `scrape pass ${pass}: exporter healthy after ${exporter.healthyMs.toFixed(0)} ms, ready after ${(exporter.readyMs / 1000).toFixed(2)} s, RSS ${(ready.rss / 2 ** 20).toFixed(0)} MiB; ${series} series, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB of text`,
    );
    const servers: { server: ServerName; urlOf: (variant: string) => string }[] = [
      { server: 'exporter', urlOf: () => `${exporter.url}/metrics` },
    ];
    if (o.nginx) {
      nginx = await nginxFor(o.nginx, own);
      ctx.nginxVersion = nginx.version;
      servers.push({ server: 'nginx', urlOf: nginx.urlOf });
    }
    if (ctx.pg) {
      await ctx.pg.push(dataFamilies(text));
      servers.push({ server: 'pushgateway', urlOf: () => `${ctx.pg!.url}/metrics` });
    }
    const shapes: Record<string, Partial<Record<ServerName, ResponseShape>>> = {};
    for (const s of servers)
      for (const [name, r] of s.server === 'exporter' ? own : await bodies(s.urlOf))
        (shapes[name] ??= {})[s.server] = shapeOf(r);
    const runs = o.wrk ? await wrkPass(o, pass, servers, log) : [];
    const afterScrapes = readProcessMemory(exporter.pid);
    const { healthyMs, readyMs } = exporter;
    return {
      pass,
      series,
      textBytes: Buffer.byteLength(text),
      healthyMs,
      readyMs,
      memory: { ready, afterScrapes },
      shapes,
      runs,
    };
  } finally {
    await nginx?.close();
    await exporter.close();
  }
}

/**
 * The scrape benchmark (issue 12, goal 1): per pass, the real exporter binary polls `targets`
 * Rocket.Chat targets once (the schedule is yearly, so its data then stays put); nginx serves the
 * very bytes the exporter answered for each variant as static files (gzip_static); a Pushgateway
 * holds the same series; and wrk scrapes the three back to back for every variant × connections.
 * Each pass spawns a fresh exporter, so it also yields a startup and a memory-at-ready figure.
 */
export async function scrapeBench(o: ScrapeBenchOptions, log: (line: string) => void): Promise<ScrapeBenchResult> {
  // One simulator per target, each its own origin, as every target is its own Rocket.Chat server in a deployment.
  const sim = await startSimulatorProcess({ latencyMs: 0, origins: o.targets });
  let pg: Pushgateway | undefined;
  try {
    if (o.pushgateway) pg = await startPushgateway(o.pushgateway);
    const ctx: ScrapeContext = { urls: sim.urls, pg };
    const passes: ScrapePass[] = [];
    for (let pass = 1; pass <= o.passes; pass++) passes.push(await scrapePass(o, pass, ctx, log));
    return {
      targets: o.targets,
      seconds: o.seconds,
      connections: o.connections,
      variants: SCRAPE_VARIANTS.map((v) => v.name),
      ...(pg && { pushgatewayVersion: pg.version }),
      ...(ctx.nginxVersion && { nginxVersion: ctx.nginxVersion }),
      passes,
    };
  } finally {
    await pg?.close();
    await sim.close();
  }
}
