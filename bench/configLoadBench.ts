import { loadConfig } from '../src/config/loadConfig';
import { SOURCE_KINDS } from '../src/sources/sourceKinds';
import { BENCH_SECRET_ENV } from './benchWorld';
import { median } from './stats';

/** What configLoadBench times. */
export interface ConfigLoadOptions {
  readonly file: string;
  /** Loads after the first one. */
  readonly repeats: number;
}

/** Loading and validating a config file in this process, ms. */
export interface ConfigLoadResult {
  /** The first load in a fresh process: what startup and `--config.check` pay. */
  readonly coldMs: number;
  /** The median of the later loads (JIT warm; what a reload pays). */
  readonly warmMs: number;
}

/** Times loadConfig (read, parse, validate, resolve secrets) of `file`, run in a fresh worker process. */
export async function configLoadBench(o: ConfigLoadOptions): Promise<ConfigLoadResult> {
  const load = async () => {
    const t0 = performance.now();
    await loadConfig(o.file, { env: BENCH_SECRET_ENV, kinds: SOURCE_KINDS });
    return performance.now() - t0;
  };
  const coldMs = await load();
  const warm: number[] = [];
  for (let i = 0; i < o.repeats; i++) warm.push(await load());
  return { coldMs, warmMs: median(warm) };
}
