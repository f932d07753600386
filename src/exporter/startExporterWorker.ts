import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MetricDef } from '../metrics/MetricDef';
import type { TargetState } from '../poll/TargetState';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import { decodeSnapshot } from '../snapshot/encodeSnapshot';
import type { ReloadOutcome, Reloader, ReloadResult } from './createReloader';
import type { ShardStatus } from './Shard';
import type { ConfigView } from '../config/types';
import type { FromWorker, ToWorker, WorkerMethods, WorkerStart } from './workerProtocol';

/** Why the polling thread could not start; `problems` when its config is invalid (one line each). */
export class PollingStartError extends Error {
  constructor(
    message: string,
    readonly problems?: readonly string[],
  ) {
    super(message);
    this.name = 'PollingStartError';
  }
}

/** The exporter running in its polling thread, as the serving thread sees it. */
export interface ExporterWorker extends Reloader {
  /** True once every target (of this shard) has finished its first cycle. */
  readonly ready: () => boolean;
  /** Every target's state without parsed values (the status page). */
  states(): Promise<TargetState[]>;
  /** One target's state, values included (its debug page). */
  state(name: string): Promise<TargetState | undefined>;
  /** The running config without the kinds' options; undefined until one is applied. */
  config(): ConfigView | undefined;
  shard(): ShardStatus;
  /** The running config's secrets, for redacting this thread's log lines. */
  secrets(): readonly string[];
  /** Settles once the first config is applied; rejects with the reason when the thread cannot start. */
  readonly started: Promise<void>;
  /** Stops polling and closes upstream connections, then ends the thread. */
  stop(): Promise<void>;
}

/** What starting the polling thread needs. */
export interface ExporterWorkerOptions extends WorkerStart {
  /** Receives every snapshot the thread publishes. */
  readonly store: SnapshotStore;
  /** Metric definitions by name, to decode snapshots. */
  readonly catalogue: readonly MetricDef[];
  /** Writes one log line of the thread (already formatted and redacted there). */
  readonly log: (line: string) => void;
  /** Called after each reload with its outcome (the reload metrics live in this thread). */
  readonly onReload: (outcome: ReloadOutcome) => void;
  /** Called if the thread dies after it started: the process can no longer poll. */
  readonly onFailure: (message: string) => void;
}

/** Calls into the thread: each gets an id, and its reply settles it. */
function createCalls(worker: Worker) {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  // Once the thread is gone no reply can come: later calls fail at once instead of hanging.
  let gone: Error | undefined;
  return {
    call<M extends keyof WorkerMethods>(method: M, arg: WorkerMethods[M]['arg']) {
      return new Promise<WorkerMethods[M]['result']>((resolve, reject) => {
        if (gone) return reject(gone);
        const id = nextId++;
        pending.set(id, { resolve: (v) => resolve(v as WorkerMethods[M]['result']), reject });
        const message = { type: 'call', id, method, arg } as ToWorker;
        worker.postMessage(message);
      });
    },
    settle(id: number, value: unknown, error: string | undefined) {
      const c = pending.get(id);
      pending.delete(id);
      if (error === undefined) c?.resolve(value);
      else c?.reject(new Error(error));
    },
    rejectAll(err: Error) {
      gone = err;
      for (const c of pending.values()) c.reject(err);
      pending.clear();
    },
  };
}

/** The thread's script: built next to this file. */
const WORKER_SCRIPT = join(__dirname, 'exporterWorker.js');

/**
 * The polling thread's heap limits. V8 grows an isolate's heap after each full GC by a factor
 * between 1.1 and 4 that it picks from GC and mutator speed, capped by how large the heap may
 * get: with Node's default limit (a quarter of the memory V8 sees, up to 4 GiB: 2 GiB or more on any
 * host of 8 GiB) the cap is 4,
 * and a burst of 500 targets (about 100 MiB live at its height) left a 450 MiB heap behind, mostly
 * garbage. A 1 GiB old generation caps the factor at about 1.6, and is still ten times the live
 * heap at 500 targets; past it the thread dies and the process exits (ERR_WORKER_OUT_OF_MEMORY),
 * so a shard that large should be split. The young generation (default 3 × 16 MiB semi-spaces)
 * is cut to 16 MiB: measured, it cost no visible CPU per poll burst.
 */
const POLLING_HEAP = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 };

/**
 * Starts the pollers in a worker thread. Snapshots arrive as transferred byte
 * blocks and go straight into `store`; states, reloads and stop are calls
 * answered by the thread.
 */
export function startExporterWorker(o: ExporterWorkerOptions): ExporterWorker {
  const { store, catalogue, log, onReload, onFailure, ...start } = o;
  const defs = new Map(catalogue.map((d) => [d.name, d]));
  const worker = new Worker(WORKER_SCRIPT, { workerData: start satisfies WorkerStart, resourceLimits: POLLING_HEAP });
  const calls = createCalls(worker);
  const state = { ready: false, config: undefined as ConfigView | undefined, secrets: [] as readonly string[] };
  let shard: ShardStatus = { ...start.shard, owned: 0, configured: 0 };
  let last: ReloadOutcome | undefined;
  let stopping: Promise<void> | undefined;
  let onStarted!: { resolve(): void; reject(e: Error): void };
  const started = new Promise<void>((resolve, reject) => (onStarted = { resolve, reject }));
  // Whoever starts the thread awaits `started`; a failure after a stop must not count as unhandled.
  started.catch(() => undefined);

  const fail = (message: string, problems?: readonly string[]) => {
    calls.rejectAll(new Error(message));
    onStarted.reject(new PollingStartError(message, problems));
    if (!stopping) onFailure(message);
  };

  worker.on('message', (m: FromWorker) => {
    switch (m.type) {
      case 'snapshot':
        return store.setBytes(m.target, decodeSnapshot(m.snapshot, defs));
      case 'delete':
        return store.delete(m.target);
      case 'ready':
        return void (state.ready = m.ready);
      case 'applied':
        state.config = m.config;
        state.secrets = m.secrets;
        shard = m.shard;
        return onStarted.resolve();
      case 'log':
        return log(m.line);
      case 'failed':
        return fail(m.message, m.problems);
      case 'reply':
        return calls.settle(m.id, m.value, m.error);
    }
  });
  worker.on('error', (err) => fail(`polling thread failed: ${err.message}`));
  worker.on('exit', (code) => fail(`polling thread exited (code ${code})`));

  return {
    ready: () => state.ready,
    states: () => calls.call('states', undefined),
    state: (name) => calls.call('state', name),
    config: () => state.config,
    shard: () => shard,
    secrets: () => state.secrets,
    started,
    async reload(): Promise<ReloadResult> {
      const result = await calls.call('reload', undefined);
      last = { ...result, at: Date.now() };
      onReload(last);
      return result;
    },
    last: () => last,
    stop() {
      stopping ??= calls
        .call('stop', undefined)
        .catch(() => undefined)
        .then(() => worker.terminate())
        .then(() => undefined);
      return stopping;
    },
  };
}
