#!/usr/bin/env node
/**
 * The benchmark suite: scrape (vs Pushgateway, with wrk), render, poll cycle, memory,
 * and startup (measured by the scrape benchmark's exporter process). Prints
 * Markdown tables for docs/performance.md. Loopback only; every loop is bounded.
 */
import { writeFileSync } from 'node:fs';
import { benchOptions, BenchUsageError, type BenchOptions } from './benchOptions';
import { formatReport, type BenchReport } from './formatReport';
import { machineInfo } from './machineInfo';
import type { MemoryBenchResult } from './memoryBench';
import type { PollCycleResult } from './pollCycleBench';
import type { RenderBenchResult } from './renderBench';
import { runInWorker } from './runInWorker';
import { hasWrk } from './runWrk';
import { scrapeBench } from './scrapeBench';
import { findPushgateway } from './startPushgateway';

/** Runs the scenarios `o` selects; `log` gets progress lines. */
export async function runAll(o: BenchOptions, command: string, log: (line: string) => void): Promise<BenchReport> {
  const machine = machineInfo();
  const skipped: string[] = [];
  let scrape: BenchReport['scrape'];
  let render: RenderBenchResult | undefined;
  let poll: PollCycleResult | undefined;
  let memory: MemoryBenchResult | undefined;
  if (o.only.includes('scrape')) {
    const wrk = hasWrk();
    const pushgateway = findPushgateway();
    if (o.requireTools && (!wrk || !pushgateway))
      throw new Error(
        `missing ${[!wrk && 'wrk', !pushgateway && 'prometheus-pushgateway'].filter(Boolean).join(' and ')} (Debian: apt-get install wrk prometheus-pushgateway)`,
      );
    if (!wrk) skipped.push('wrk runs (wrk not installed)');
    if (!pushgateway) skipped.push('Pushgateway comparison (prometheus-pushgateway not installed)');
    scrape = await scrapeBench({ ...o.scrape, wrk, pushgateway }, log);
  }
  if (o.only.includes('render')) render = await runInWorker<RenderBenchResult>('render', o.render, log);
  if (o.only.includes('poll')) poll = await runInWorker<PollCycleResult>('poll', o.poll, log);
  if (o.only.includes('memory')) memory = await runInWorker<MemoryBenchResult>('memory', o.memory, log);
  return {
    machine,
    command,
    ...(scrape && { scrape }),
    ...(render && { render }),
    ...(poll && { poll }),
    ...(memory && { memory }),
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
