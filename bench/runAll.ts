#!/usr/bin/env node
/**
 * The benchmark suite (issue 12's goals): cached scrapes against nginx serving the same bytes and
 * Pushgateway, scrapes during full poll bursts and memory, the poll cycle against its floor,
 * startup and config loading, and render costs. Prints a goals table and detail tables as Markdown
 * for docs/performance.md. Loopback only; every loop is bounded.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchOptions, BenchUsageError, type BenchOptions, type Scenario } from './benchOptions';
import type { BenchReport, ScenarioRun } from './benchReport';
import { burstBench } from './burstBench';
import { formatReport } from './formatReport';
import { machineInfo } from './machineInfo';
import { pollCycleBench } from './pollCycleBench';
import type { RenderBenchResult } from './renderBench';
import { runInWorker } from './runInWorker';
import { hasWrk } from './runWrk';
import { scrapeBench, type ScrapeBenchResult } from './scrapeBench';
import { findNginx } from './startNginx';
import { findPushgateway } from './startPushgateway';
import { startupBench } from './startupBench';

/** The comparison tools: missing ones are skipped (and said so), or an error when they are required. */
function scrapeTools(o: BenchOptions, skipped: string[]) {
  const wrk = hasWrk();
  const pushgateway = findPushgateway();
  const nginx = findNginx();
  const missing = [!wrk && 'wrk', !nginx && 'nginx', !pushgateway && 'prometheus-pushgateway'].filter(Boolean);
  if (o.requireTools && missing.length)
    throw new Error(`missing ${missing.join(', ')} (Debian: apt-get install wrk nginx prometheus-pushgateway)`);
  if (!wrk) skipped.push('wrk runs (wrk not installed)');
  if (!nginx) skipped.push('nginx comparison (nginx not installed)');
  if (!pushgateway) skipped.push('Pushgateway comparison (prometheus-pushgateway not installed)');
  return { wrk, pushgateway, nginx };
}

/** Runs the scenarios `o` selects; `log` gets progress lines. */
export async function runAll(o: BenchOptions, command: string, log: (line: string) => void): Promise<BenchReport> {
  const machine = machineInfo();
  const t0 = performance.now();
  const skipped: string[] = [];
  const scenarios: ScenarioRun[] = [];
  const timed = async <T>(scenario: Scenario, run: () => Promise<T>): Promise<T | undefined> => {
    if (!o.only.includes(scenario)) return undefined;
    const loadStart = loadavg();
    const s0 = performance.now();
    const result = await run();
    scenarios.push({ scenario, seconds: (performance.now() - s0) / 1000, loadStart, loadEnd: loadavg() });
    return result;
  };
  const scrape: ScrapeBenchResult | undefined = await timed('scrape', () =>
    scrapeBench({ ...o.scrape, ...scrapeTools(o, skipped) }, log),
  );
  const burst = await timed('burst', () => burstBench(o.burst, log));
  const poll = await timed('poll', () => pollCycleBench(o.poll, log));
  const startup = await timed('startup', () => startupBench(o.startup, log));
  const render = await timed('render', () => runInWorker<RenderBenchResult>('render', o.render, log));
  return {
    machine,
    command,
    seconds: (performance.now() - t0) / 1000,
    scenarios,
    ...(scrape && { scrape }),
    ...(burst && { burst }),
    ...(poll && { poll }),
    ...(startup && { startup }),
    ...(render && { render }),
    skipped,
  };
}

if (require.main === module) {
  let o: BenchOptions;
  try {
    o = benchOptions(process.argv.slice(2), process.env.CI !== undefined && process.env.CI !== '');
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  const command = ['node dist/bench/runAll.js', ...process.argv.slice(2)].join(' ');
  runAll(o, command, (l) => process.stderr.write(`${l}\n`)).then(
    (report) => {
      if (o.jsonFile) writeFileSync(o.jsonFile, JSON.stringify(report, null, 2) + '\n');
      process.stdout.write(formatReport(report) + '\n');
    },
    (err) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
