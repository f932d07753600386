import { gunzipSync } from 'node:zlib';
import { benchConfig } from './benchConfig';
import { SCRAPE_ENDPOINTS } from './benchWorld';
import { readProcessMemory, type ProcessMemory } from './readProcessMemory';
import { runWrk, type WrkResult } from './runWrk';
import { SCRAPE_VARIANTS } from './scrapeVariants';
import { startExporterProcess } from './startExporterProcess';
import { startPushgateway } from './startPushgateway';
import { startSimulatorProcess } from './startSimulatorProcess';

/** Sizes and toggles of the scrape benchmark. */
export interface ScrapeBenchOptions {
  readonly targets: number;
  /** Seconds per wrk run. */
  readonly seconds: number;
  /** Concurrent scrapers (wrk connections). */
  readonly connections: readonly number[];
  /** Run wrk at all (false when it is not installed and not required). */
  readonly wrk: boolean;
  /** Pushgateway binary, or undefined to skip the comparison. */
  readonly pushgateway: string | undefined;
  /** Extra node flags for the exporter process (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

/** What one response of a server looks like for one variant. */
export interface ResponseShape {
  readonly contentType: string;
  readonly contentEncoding: string;
  readonly bytes: number;
}

/** One wrk run against one server. */
export interface ScrapeRun {
  readonly server: 'exporter' | 'pushgateway';
  readonly variant: string;
  readonly connections: number;
  readonly result: WrkResult;
}

/** Everything the scrape benchmark measured. */
export interface ScrapeBenchResult {
  readonly targets: number;
  readonly series: number;
  readonly startupMs: number;
  readonly shapes: Readonly<Record<string, { exporter: ResponseShape; pushgateway?: ResponseShape }>>;
  readonly memory: { readonly ready: ProcessMemory; readonly afterScrapes: ProcessMemory };
  readonly pushgatewayVersion?: string;
  readonly runs: readonly ScrapeRun[];
  /** The exporter scraped while all its targets poll every 10 s: back to back, and paced (a pause after each answer). */
  readonly polling?: {
    readonly variant: string;
    readonly connections: number;
    readonly result: WrkResult;
    readonly paced: WrkResult;
    readonly pauseMs: number;
    readonly memory: ProcessMemory;
  };
}

/** node-cron with seconds: a cycle of every target every 10 s. */
const POLL_EVERY_10S = '*/10 * * * * *';

/** Pause of a paced scraper between an answer and its next request. */
const PACED_PAUSE_MS = 200;

async function shape(
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ shape: ResponseShape; text: string }> {
  // fetch() would decompress; node:http keeps the bytes as sent.
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const enc = String(res.headers['content-encoding'] ?? '');
        if ((res.statusCode ?? 0) !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        resolve({
          shape: { contentType: String(res.headers['content-type'] ?? ''), contentEncoding: enc, bytes: raw.length },
          text: (enc === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
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

/** wrk against the exporter and Pushgateway, for every variant and scraper count, after a warm-up. */
async function wrkRuns(
  o: ScrapeBenchOptions,
  metricsUrl: string,
  pgUrl: string | undefined,
  log: (line: string) => void,
): Promise<ScrapeRun[]> {
  const runs: ScrapeRun[] = [];
  // Unrecorded warm-up of each server: JIT, the first render of each format, the startup burst's GC.
  for (const url of [metricsUrl, pgUrl]) {
    for (const v of SCRAPE_VARIANTS) if (url) await runWrk({ url, headers: v.headers, connections: 1, seconds: 1 });
  }
  for (const connections of o.connections) {
    for (const v of SCRAPE_VARIANTS) {
      for (const [server, url] of [
        ['exporter', metricsUrl],
        ['pushgateway', pgUrl],
      ] as const) {
        if (!url) continue;
        const result = await runWrk({ url, headers: v.headers, connections, seconds: o.seconds });
        runs.push({ server, variant: v.name, connections, result });
        log(
          `scrape: ${server.padEnd(11)} ${v.name.padEnd(20)} c=${connections}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms${result.errors ? `, ${result.errors} errors` : ''}`,
        );
      }
    }
  }
  return runs;
}

/**
 * Scrapes while every target polls every 10 s: each cycle replaces every snapshot, so scrapes
 * pay re-renders and compete with the poll for the event loop, as in a real deployment.
 */
async function pollingRun(
  o: ScrapeBenchOptions,
  urls: readonly string[],
  closers: (() => Promise<void>)[],
  log: (line: string) => void,
): Promise<NonNullable<ScrapeBenchResult['polling']>> {
  const busy = await startExporterProcess({
    configYaml: benchConfig({
      urls,
      targets: o.targets,
      concurrency: 4,
      endpoints: SCRAPE_ENDPOINTS,
      schedule: POLL_EVERY_10S,
    }),
    ...(o.nodeArgs && { nodeArgs: o.nodeArgs }),
  });
  closers.unshift(() => busy.close());
  const v = SCRAPE_VARIANTS[SCRAPE_VARIANTS.length - 1]!;
  const seconds = Math.max(o.seconds * 2, 1);
  const result = await runWrk({ url: `${busy.url}/metrics`, headers: v.headers, connections: 4, seconds });
  log(
    `scrape: exporter polling every 10 s, ${v.name} c=4: ${result.rps.toFixed(1)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
  );
  // Back to back, nearly every scrape meets a new snapshot and pays its own compression; a real
  // scraper waits between scrapes. Paced, each of the 4 asks again 200 ms after an answer.
  const paced = await runWrk({
    url: `${busy.url}/metrics`,
    headers: v.headers,
    connections: 4,
    seconds,
    delayMs: PACED_PAUSE_MS,
  });
  log(
    `scrape: exporter polling every 10 s, ${v.name} c=4 paced: ${paced.rps.toFixed(1)} req/s, p50 ${paced.p50Ms.toFixed(1)} ms, p99 ${paced.p99Ms.toFixed(1)} ms`,
  );
  return {
    variant: v.name,
    connections: 4,
    result,
    paced,
    pauseMs: PACED_PAUSE_MS,
    memory: readProcessMemory(busy.pid),
  };
}

/**
 * The scrape benchmark: the real exporter binary polls `targets` Rocket.Chat
 * targets of the simulator once (the schedule is yearly, so the data then stays
 * put), and wrk scrapes its /metrics and, in the same run, a Pushgateway holding
 * the same series, for every request variant and concurrency. Then a second
 * exporter process polls every 10 s while wrk scrapes it.
 */
export async function scrapeBench(o: ScrapeBenchOptions, log: (line: string) => void): Promise<ScrapeBenchResult> {
  // One simulator per target, each its own origin, as every target is its own Rocket.Chat server in a deployment.
  const sim = await startSimulatorProcess({ latencyMs: 0, origins: o.targets });
  const closers: (() => Promise<void>)[] = [() => sim.close()];
  try {
    const exporter = await startExporterProcess({
      configYaml: benchConfig({ urls: sim.urls, targets: o.targets, concurrency: 4, endpoints: SCRAPE_ENDPOINTS }),
      ...(o.nodeArgs && { nodeArgs: o.nodeArgs }),
    });
    closers.unshift(() => exporter.close());
    // The simulator stays up for the polling run at the end; meanwhile nobody asks it anything.
    const ready = readProcessMemory(exporter.pid);
    log(
      `scrape: exporter ready after ${(exporter.readyMs / 1000).toFixed(2)} s, RSS ${(ready.rss / 2 ** 20).toFixed(0)} MiB`,
    );
    const metricsUrl = `${exporter.url}/metrics`;
    const shapes: Record<string, { exporter: ResponseShape; pushgateway?: ResponseShape }> = {};
    let text = '';
    for (const v of SCRAPE_VARIANTS) {
      const r = await shape(metricsUrl, v.headers);
      shapes[v.name] = { exporter: r.shape };
      if (v.name === 'text') text = r.text;
    }
    const series = countSeries(text);
    log(`scrape: ${series} series, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB of text`);

    let pgUrl: string | undefined;
    let pushgatewayVersion: string | undefined;
    if (o.pushgateway) {
      const pg = await startPushgateway(o.pushgateway);
      closers.unshift(() => pg.close());
      pushgatewayVersion = pg.version;
      await pg.push(dataFamilies(text));
      pgUrl = `${pg.url}/metrics`;
      for (const v of SCRAPE_VARIANTS) shapes[v.name]!.pushgateway = (await shape(pgUrl, v.headers)).shape;
    }

    const runs = o.wrk ? await wrkRuns(o, metricsUrl, pgUrl, log) : [];
    const afterScrapes = readProcessMemory(exporter.pid);
    // Stopped twice at worst (here and in finally); close() is idempotent.
    await exporter.close();

    const polling = o.wrk ? await pollingRun(o, sim.urls, closers, log) : undefined;
    return {
      targets: o.targets,
      series,
      startupMs: exporter.readyMs,
      shapes,
      memory: { ready, afterScrapes },
      ...(pushgatewayVersion && { pushgatewayVersion }),
      runs,
      ...(polling && { polling }),
    };
  } finally {
    for (const c of closers) await c();
  }
}
