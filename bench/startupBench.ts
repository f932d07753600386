import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchConfig } from './benchConfig';
import { BENCH_SECRET_ENV, SCRAPE_ENDPOINTS } from './benchWorld';
import type { ConfigLoadResult } from './configLoadBench';
import { runInWorker } from './runInWorker';

/** Sizes of the startup benchmark. */
export interface StartupBenchOptions {
  readonly targets: number;
  readonly passes: number;
}

/** One pass, ms. */
export interface StartupPass {
  readonly pass: number;
  /** `livechat-exporter --version`: Node's start and the exporter's modules. */
  readonly versionMs: number;
  /** `livechat-exporter --config.check` of the config: the same plus loading and validating it. */
  readonly checkMs: number;
  /** loadConfig in a fresh process, timed inside it. */
  readonly load: ConfigLoadResult;
}

/** The benchmark's outcome. */
export interface StartupBenchResult {
  readonly targets: number;
  readonly configBytes: number;
  readonly passes: readonly StartupPass[];
}

const MAIN = resolve(__dirname, '..', 'src', 'main.js');

/** Runs the exporter binary with `args` and resolves with its wall time; a non-zero exit is an error. */
function timeRun(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((res, rej) =>
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...BENCH_SECRET_ENV } },
      (err, _o, stderr) =>
        err
          ? rej(new Error(`livechat-exporter ${args.join(' ')} failed: ${stderr || err.message}`))
          : res(performance.now() - t0),
    ),
  );
}

/**
 * Startup benchmark (issue 12, goal 5, config part): a config of `targets` Rocket.Chat targets
 * (the scrape benchmark's, with made-up loopback URLs: nothing is contacted). Per pass, back to
 * back: `--version`, `--config.check` (their difference is loading and validating the config), and
 * loadConfig timed inside a fresh process.
 */
export async function startupBench(o: StartupBenchOptions, log: (line: string) => void): Promise<StartupBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lce-startup-'));
  try {
    const file = join(dir, 'livechat-exporter.yml');
    const urls = Array.from(
      { length: o.targets },
      (_, i) => `http://127.0.${Math.floor(i / 250)}.${(i % 250) + 1}:3000`,
    );
    writeFileSync(file, benchConfig({ urls, targets: o.targets, concurrency: 4, endpoints: SCRAPE_ENDPOINTS }));
    const passes: StartupPass[] = [];
    for (let pass = 1; pass <= o.passes; pass++) {
      const versionMs = await timeRun(['--version']);
      const checkMs = await timeRun(['--config.check', `--config.file=${file}`]);
      const load = await runInWorker<ConfigLoadResult>('config', { file, repeats: 3 }, log);
      passes.push({ pass, versionMs, checkMs, load });
      log(
        `startup pass ${pass}: --version ${versionMs.toFixed(0)} ms, --config.check ${checkMs.toFixed(0)} ms (difference ${(checkMs - versionMs).toFixed(0)} ms), loadConfig ${load.coldMs.toFixed(1)} ms cold, ${load.warmMs.toFixed(1)} ms warm`,
      );
    }
    return { targets: o.targets, configBytes: statSync(file).size, passes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
