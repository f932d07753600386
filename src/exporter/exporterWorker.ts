import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { systemClock } from '../clock';
import { ConfigError } from '../config/ConfigError';
import { loadConfig } from '../config/loadConfig';
import type { Config } from '../config/types';
import { createLogging } from '../log/createLogging';
import type { TargetState } from '../poll/TargetState';
import type { SnapshotSink } from '../snapshot/createSnapshotStore';
import { encodeSnapshot } from '../snapshot/encodeSnapshot';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import { createPolling, type Polling } from './createPolling';
import { createReloader, type Reloader } from './createReloader';
import type { ConfigView } from '../config/types';
import type { FromWorker, ToWorker, WorkerStart } from './workerProtocol';

/** The running config without the kinds' options (they hold the secrets). */
function viewOf(config: Config): ConfigView {
  return { ...config, targets: config.targets.map(({ options: _options, ...rest }) => rest) };
}

/** A state for the status page: the parsed values are left out (only a target's own page shows them). */
function withoutValues(s: TargetState): TargetState {
  return { ...s, jobs: s.jobs.map((j) => ({ ...j, values: [] })) };
}

/** A sink that hands each snapshot to the serving thread, and tells it when readiness changes. */
function createForwardingSink(post: (m: FromWorker, transfer?: ArrayBuffer[]) => void, ready: () => boolean) {
  let wasReady = false;
  const readiness = () => {
    const now = ready();
    if (now !== wasReady) post({ type: 'ready', ready: (wasReady = now) });
  };
  const sink: SnapshotSink = {
    set(target, snapshot) {
      const encoded = encodeSnapshot(snapshot);
      post({ type: 'snapshot', target, snapshot: encoded }, [encoded.bytes]);
      readiness();
    },
    delete(target) {
      post({ type: 'delete', target });
      readiness();
    },
  };
  return { sink, readiness };
}

/** Answers one call of the serving thread. */
async function answer(m: ToWorker, polling: Polling, reloader: Reloader): Promise<unknown> {
  const { exporter } = polling;
  switch (m.method) {
    case 'states':
      return exporter.states().map(withoutValues);
    case 'state':
      return exporter.states().find((s) => s.name === m.arg);
    case 'reload':
      return reloader.reload();
    case 'stop':
      return polling.close();
  }
}

/**
 * The polling thread: loads the config, runs every poller and sends each
 * finished snapshot to the serving thread as bytes, so a poll burst never
 * delays a scrape. It answers the serving thread's calls (states, reload, stop).
 */
function runWorker(port: MessagePort, start: WorkerStart): void {
  const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);
  const logging = createLogging(start, (line) => post({ type: 'log', line }));
  // Read only once snapshots flow, after the pollers exist.
  const forwarding = createForwardingSink(post, () => polling.exporter.ready());
  const polling = createPolling({ logger: logging.logger, sink: forwarding.sink, shard: start.shard, schedule: true });
  const { exporter } = polling;
  const applied = () => {
    const config = exporter.config();
    const secrets = exporter.secrets();
    logging.redact(secrets);
    if (config) post({ type: 'applied', config: viewOf(config), shard: exporter.shard(), secrets });
    forwarding.readiness();
    // A target is done only after its first cycle's last snapshot: tell readiness once they all are.
    void exporter.firstCycles().then(forwarding.readiness);
  };
  const load = () => loadConfig(start.configFile, { env: start.env, kinds: SOURCE_KINDS });
  // The serving thread keeps the reload metrics and the last outcome: every reload passes through it.
  const metrics = { reloaded: () => undefined };
  const reloader = createReloader({
    load,
    exporter,
    metrics,
    logger: logging.logger,
    clock: systemClock,
    onApplied: applied,
  });
  port.on('message', (m: ToWorker) => {
    answer(m, polling, reloader).then(
      (value) => post({ type: 'reply', id: m.id, value }),
      (err: unknown) => post({ type: 'reply', id: m.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  load()
    .then((config) => exporter.apply(config))
    .then(applied)
    .catch((err: unknown) =>
      post({
        type: 'failed',
        message: err instanceof Error ? err.message : String(err),
        ...(err instanceof ConfigError && { problems: err.problems }),
      }),
    );
}

if (!isMainThread && parentPort) runWorker(parentPort, workerData as WorkerStart);
