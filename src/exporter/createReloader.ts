import type { Clock } from '../clock';
import { ConfigError } from '../config/ConfigError';
import type { Config } from '../config/types';
import type { Logger } from '../log/Logger';
import type { Exporter } from './createExporter';
import type { ProcessMetrics } from './createProcessMetrics';

/** The outcome of one reload. */
export type ReloadResult =
  { readonly status: 'reloaded' | 'unchanged' } | { readonly status: 'failed'; readonly problems: readonly string[] };

/** The last reload, as the status page shows it. */
export type ReloadOutcome = ReloadResult & {
  /** When it finished (epoch ms). */
  readonly at: number;
};

/** Reloads the config file on demand (SIGHUP, POST /-/reload). */
export interface Reloader {
  reload(): Promise<ReloadResult>;
  /** The outcome of the last reload; undefined until one has finished (the startup load is not a reload). */
  last(): ReloadOutcome | undefined;
}

/**
 * Creates the reloader. A bad config is rejected with its problems and the running
 * config keeps working; a config whose checksum (file text plus resolved secrets)
 * is unchanged is a no-op (except that targets blocked by auth errors try again),
 * and since the checksum covers secrets, reloading after rotating a token file applies.
 * Reloads are serialised: a reload asked for during another waits for it.
 */
export function createReloader(d: {
  load: () => Promise<Config>;
  exporter: Exporter;
  metrics: Pick<ProcessMetrics, 'reloaded'>;
  logger: Logger;
  clock: Clock;
  onApplied?: () => void;
}): Reloader {
  let chain: Promise<unknown> = Promise.resolve();
  let last: ReloadOutcome | undefined;
  async function reloadNow(): Promise<ReloadResult> {
    const result = await loadAndApply();
    last = { ...result, at: d.clock.now() };
    return result;
  }
  async function loadAndApply(): Promise<ReloadResult> {
    let config: Config;
    try {
      config = await d.load();
    } catch (err) {
      const problems = err instanceof ConfigError ? [...err.problems] : [String((err as Error).message ?? err)];
      d.metrics.reloaded(false, d.clock.now());
      d.logger.error('config reload failed; keeping the running config', { problems: problems.length });
      for (const p of problems) d.logger.error('config problem', { problem: p });
      return { status: 'failed', problems };
    }
    if (config.checksum === d.exporter.config()?.checksum) {
      // Credentials or permissions may have been fixed upstream: targets blocked by auth errors ask again.
      d.exporter.unblockAll();
      d.metrics.reloaded(true, d.clock.now());
      d.logger.info('config unchanged; nothing to reload');
      return { status: 'unchanged' };
    }
    await d.exporter.apply(config);
    d.onApplied?.();
    d.metrics.reloaded(true, d.clock.now());
    d.logger.info('config reloaded', { targets: config.targets.length });
    return { status: 'reloaded' };
  }
  return {
    reload() {
      const next = chain.then(reloadNow, reloadNow);
      chain = next.catch(() => undefined);
      return next;
    },
    last: () => last,
  };
}
