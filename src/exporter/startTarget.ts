import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { TargetConfig } from '../config/types';
import { collectSecrets } from '../config/validateConfig';
import { createRedactor } from '../log/createRedactor';
import type { Logger } from '../log/Logger';
import type { Limiter } from '../poll/createLimiter';
import { createTargetPoller, type TargetPoller } from '../poll/createTargetPoller';
import type { CronHandle, CronHub } from '../poll/createCronHub';
import type { CycleSummary } from '../poll/CycleSummary';
import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import type { CycleName, Source } from '../sources/Source';
import type { SourceKind } from '../sources/SourceKind';
import type { Budget } from '../upstream/createBudget';
import { targetSecretForms } from './targetSecretForms';

/** A started target: its poller, its schedules and how far its first cycle got. */
export interface RunningTarget {
  /** Its whole config including secret values, hashed: a reload restarts it when this changes. */
  readonly fingerprint: string;
  readonly target: TargetConfig;
  /** Every form of its secrets (targetSecretForms), for the process logger's redaction. */
  readonly secretForms: readonly string[];
  readonly poller: TargetPoller;
  /** The cycles its jobs use: analytics always, live when the kind has live jobs for these options. */
  readonly cycles: readonly CycleName[];
  readonly crons: CronHandle[];
  /** Settles when the first cycle (after the background tasks' first run) has finished. */
  firstCycle: Promise<void>;
  /** How the first cycles went (not logged one by one: the exporter summarises every target's). */
  readonly firstSummaries: CycleSummary[];
  done: boolean;
  /** A scheduled cycle is waiting for the first one to finish. */
  catchUp: boolean;
}

/** What starting a target needs. */
export interface StartTargetDeps {
  readonly kind: SourceKind<any>;
  readonly budget: Budget;
  readonly store: SnapshotSink;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Shared by every target's first cycle, weighted by its concurrency. */
  readonly firstCycles: Limiter;
  /** False in tests that drive cycles by hand. */
  readonly schedule: boolean;
  /** Shared by every target, so targets on the same schedule share one timer. */
  readonly cron: CronHub;
  readonly retryBaseMs?: number;
}

/** A target's identity for reloads: its whole config including secret values (hashed). */
export function fingerprint(t: TargetConfig): string {
  // Sets (e.g. the enabled endpoints) stringify as {}: list them, or toggling one would not restart the target.
  const h = createHash('sha256').update(
    JSON.stringify(t, (_key, v: unknown) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v] : v)),
  );
  for (const s of collectSecrets(t.options)) h.update('\0').update(s.reveal());
  return h.digest('hex');
}

/** Runs every cycle the target uses, one after the other; `quiet` for the first ones (see TargetPoller.runCycle). */
export async function runAllCycles(r: RunningTarget, quiet = false): Promise<(CycleSummary | undefined)[]> {
  const out: (CycleSummary | undefined)[] = [];
  for (const name of r.cycles) out.push(await r.poller.runCycle(name, { quiet }));
  return out;
}

/** Puts the target's cycles and its background tasks on their cron schedules. */
function schedule(r: RunningTarget, source: Source, cron: CronHub, logger: Logger): void {
  const { target, poller } = r;
  const onTick = (name: CycleName) => async () => {
    if (!r.done) {
      // Queued behind other first cycles for longer than the schedule: one cycle after it is enough,
      // rather than a stack of fires that would all count as overlaps.
      if (r.catchUp) return;
      r.catchUp = true;
      try {
        await r.firstCycle;
      } finally {
        r.catchUp = false;
      }
    }
    await poller.runCycle(name);
  };
  for (const name of r.cycles) {
    const expression = name === 'live' ? target.liveSchedule : target.schedule;
    const label = name === 'live' ? `${target.name}/live` : `${target.name}/poll`;
    r.crons.push(cron.schedule(expression, target.timezone, label, onTick(name), logger));
  }
  for (const task of source.tasks ?? []) {
    const name = `${target.name}/${task.name}`;
    r.crons.push(cron.schedule(task.schedule, target.timezone, name, () => poller.runTask(task), logger));
  }
}

/**
 * Starts one target: builds its source and poller, queues its first cycle
 * behind the other targets' first cycles, and schedules the rest.
 */
export function startTarget(target: TargetConfig, d: StartTargetDeps): RunningTarget {
  const logger = d.logger.child({ target: target.name });
  const source = d.kind.createSource(target, { clock: d.clock, logger });
  const forms = targetSecretForms(target, source);
  const poller = createTargetPoller({
    target,
    source,
    budget: d.budget,
    dispatcher: d.dispatcher,
    clock: d.clock,
    logger: d.logger,
    store: d.store,
    redactor: createRedactor(forms),
    retryBaseMs: d.retryBaseMs,
  });
  const r: RunningTarget = {
    fingerprint: fingerprint(target),
    target,
    secretForms: forms,
    poller,
    cycles: d.kind.usesLiveCycle?.(target.options) ? ['analytics', 'live'] : ['analytics'],
    crons: [],
    firstCycle: Promise.resolve(),
    firstSummaries: [],
    done: false,
    catchUp: false,
  };
  // Background tasks (department discovery) run once before the first cycle, so it already knows the departments.
  // Queued behind other targets' first cycles; a target stopped while it waits does nothing once its turn comes.
  r.firstCycle = d.firstCycles.run(target.concurrency, async () => {
    for (const task of source.tasks ?? []) await poller.runTask(task);
    for (const s of await runAllCycles(r, true)) if (s) r.firstSummaries.push(s);
    r.done = true;
  });
  if (d.schedule) schedule(r, source, d.cron, logger);
  return r;
}
