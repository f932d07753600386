import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Config, TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import { createCronHub } from '../poll/createCronHub';
import { createLimiter, type Limiter } from '../poll/createLimiter';
import type { TargetState } from '../poll/TargetState';
import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import type { SourceKind } from '../sources/SourceKind';
import { createBudgetRegistry } from './createBudgetRegistry';
import { logFirstCycles } from './logFirstCycles';
import { UNSHARDED, type Shard, type ShardStatus } from './Shard';
import { shardOf } from './shardOf';
import { fingerprint, runAllCycles, startTarget, type RunningTarget } from './startTarget';

/** What the exporter needs; everything is passed in, nothing is global. */
export interface ExporterDeps {
  readonly kinds: ReadonlyMap<string, SourceKind<any>>;
  readonly store: SnapshotSink;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  /** False in tests that drive cycles by hand. */
  readonly schedule?: boolean;
  readonly retryBaseMs?: number;
  /**
   * Bounds the targets running their first cycle at once, each weighing its
   * `concurrency` (its requests in flight). Default: FIRST_CYCLE_REQUESTS.
   */
  readonly firstCycleLimiter?: Limiter;
  /** The share of every config's targets this process runs; default: all of them. */
  readonly shard?: Shard;
}

/**
 * Requests in flight, summed over the targets in their first cycle, by default
 * (64 targets of concurrency 4). Without a bound, hundreds of targets start in
 * the same second and V8 keeps the heap that burst grew into; later cycles are
 * spread by their schedules' own timing and are not limited.
 */
export const FIRST_CYCLE_REQUESTS = 256;

/** The running set of targets. */
export interface Exporter {
  /**
   * Makes the running targets match the targets of `config` this shard owns: removed ones stop and
   * lose their series, changed ones restart, unchanged ones keep running. Other shards' targets never start.
   */
  apply(config: Config): Promise<void>;
  /** True once every target this shard owns has finished its first poll cycle (so also when it owns none). */
  readonly ready: () => boolean;
  /** Resolves when every target's first cycle (after apply) has finished. */
  firstCycles(): Promise<void>;
  /** One more run of every cycle of every target, targets in parallel (for tests and benchmarks). */
  pollAll(): Promise<void>;
  states(): TargetState[];
  /** Lets targets blocked by auth errors try again (permissions may have been fixed upstream). */
  unblockAll(): void;
  /** Every form of every secret of the running config (targetSecretForms), for redaction. */
  secrets(): string[];
  /** The whole running config, every shard's targets included. */
  config(): Config | undefined;
  /** This process' shard and how many of the running config's targets it owns. */
  shard(): ShardStatus;
  stop(): void;
}

/** Logs what an apply did, and warns when it leaves the process nothing to poll. */
function logApplied(logger: Logger, config: Config, shard: Shard, owned: number, started: number): void {
  const configured = config.targets.length;
  const sharded = shard.total > 1 && { shard: shard.index, total_shards: shard.total, configured };
  if (configured === 0)
    logger.warn("no targets configured: only the exporter's own metrics are served; list targets in the config file", {
      config: config.file,
    });
  else if (owned === 0) logger.warn("this shard owns none of the config's targets", { ...sharded });
  logger.info('targets applied', { targets: owned, started, ...sharded });
}

/** Creates the exporter: one poller per target, on cron schedules shared by targets with the same one. */
export function createExporter(d: ExporterDeps): Exporter {
  const running = new Map<string, RunningTarget>();
  const budgetFor = createBudgetRegistry(d.kinds, d.clock);
  let current: Config | undefined;
  const shard = d.shard ?? UNSHARDED;
  const owns = (t: TargetConfig) => shardOf(t.name, shard.total) === shard.index;
  const firstCycles = d.firstCycleLimiter ?? createLimiter(FIRST_CYCLE_REQUESTS);
  const cron = createCronHub();

  const start = (target: TargetConfig): RunningTarget =>
    startTarget(target, {
      kind: d.kinds.get(target.kind)!,
      budget: budgetFor(target),
      store: d.store,
      dispatcher: d.dispatcher,
      clock: d.clock,
      logger: d.logger,
      firstCycles,
      schedule: d.schedule !== false,
      cron,
      retryBaseMs: d.retryBaseMs,
    });

  function stopOne(name: string): void {
    const r = running.get(name);
    if (!r) return;
    for (const c of r.crons) c.stop();
    r.poller.stop();
    running.delete(name);
    d.store.delete(name);
  }

  return {
    apply(config) {
      const owned = config.targets.filter(owns);
      const wanted = new Map(owned.map((t) => [t.name, t]));
      for (const name of [...running.keys()]) {
        const t = wanted.get(name);
        if (!t || fingerprint(t) !== running.get(name)!.fingerprint) stopOne(name);
      }
      const started: RunningTarget[] = [];
      for (const t of owned) {
        if (running.has(t.name)) continue;
        const r = start(t);
        running.set(t.name, r);
        started.push(r);
      }
      current = config;
      logApplied(d.logger, config, shard, owned.length, started.length);
      logFirstCycles(started, d.logger);
      return Promise.resolve();
    },
    ready: () => [...running.values()].every((r) => r.done),
    async firstCycles() {
      await Promise.all([...running.values()].map((r) => r.firstCycle));
    },
    async pollAll() {
      await Promise.all(
        [...running.values()].map(async (r) => {
          await r.firstCycle;
          if (r.done) await runAllCycles(r);
        }),
      );
    },
    states: () => [...running.values()].map((r) => r.poller.state()),
    unblockAll() {
      for (const r of running.values()) r.poller.unblock();
    },
    secrets: () => [...new Set([...running.values()].flatMap((r) => r.secretForms))],
    config: () => current,
    shard: () => ({ ...shard, owned: running.size, configured: current?.targets.length ?? 0 }),
    stop() {
      for (const name of [...running.keys()]) stopOne(name);
    },
  };
}
