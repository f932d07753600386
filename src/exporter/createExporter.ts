import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Config, TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import { createBudget, type Budget } from '../upstream/createBudget';
import { createLimiter, type Limiter } from '../poll/createLimiter';
import type { TargetState } from '../poll/TargetState';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import type { SourceKind } from '../sources/SourceKind';
import { logFirstCycles } from './logFirstCycles';
import { fingerprint, runAllCycles, startTarget, type RunningTarget } from './startTarget';

/** What the exporter needs; everything is passed in, nothing is global. */
export interface ExporterDeps {
  readonly kinds: ReadonlyMap<string, SourceKind<any>>;
  readonly store: SnapshotStore;
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
  /** Makes the running targets match `config`: removed ones stop and lose their series, changed ones restart, unchanged ones keep running. */
  apply(config: Config): Promise<void>;
  /** True once every target has finished its first poll cycle. */
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
  config(): Config | undefined;
  stop(): void;
}

/** Creates the exporter: one poller per target, each on its own cron schedule. */
export function createExporter(d: ExporterDeps): Exporter {
  const running = new Map<string, RunningTarget>();
  // Shared by origin, so targets on one server (and reloads) never exceed its limit together.
  const budgets = new Map<string, Budget>();
  let current: Config | undefined;
  const firstCycles = d.firstCycleLimiter ?? createLimiter(FIRST_CYCLE_REQUESTS);

  const budgetFor = (t: TargetConfig): Budget => {
    const scope = d.kinds.get(t.kind)?.budgetScope?.(t) ?? new URL(t.url).origin;
    const key = `${t.kind}|${scope}|${JSON.stringify(t.budget)}`;
    let b = budgets.get(key);
    if (!b) budgets.set(key, (b = createBudget(t.budget, d.clock)));
    return b;
  };

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
      const wanted = new Map(config.targets.map((t) => [t.name, t]));
      for (const name of [...running.keys()]) {
        const t = wanted.get(name);
        if (!t || fingerprint(t) !== running.get(name)!.fingerprint) stopOne(name);
      }
      const started: RunningTarget[] = [];
      for (const t of config.targets) {
        if (running.has(t.name)) continue;
        const r = start(t);
        running.set(t.name, r);
        started.push(r);
      }
      current = config;
      d.logger.info('targets applied', { targets: config.targets.length, started: started.length });
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
    stop() {
      for (const name of [...running.keys()]) stopOne(name);
    },
  };
}
