import type { HttpHandler } from '../server/createMetricsHandler';
import { createProcessMetrics, type ProcessMetrics } from '../exporter/createProcessMetrics';
import type { Shard } from '../exporter/Shard';
import { PollingStartError, startExporterWorker, type ExporterWorker } from '../exporter/startExporterWorker';
import type { Logging } from '../log/createLogging';
import { createApp } from '../server/createApp';
import { mountReload } from '../server/mountReload';
import { createStatusRouter } from '../server/status/createStatusRouter';
import { createSnapshotStore, type SnapshotStore } from '../snapshot/createSnapshotStore';
import { catalogue } from '../sources/catalogue';
import { VERSION } from '../version';
import { createWebServer, WebConfigError, type WebServer } from '../web';
import { handleSignals } from './handleSignals';
import type { Io } from './Io';
import { baseUrl, type ListenAddress } from './listenAddress';
import type { Flags } from './parseFlags';

/** What the server runs with. */
export interface ServerOptions {
  readonly logging: Logging;
  readonly flags: Pick<Flags, 'logLevel' | 'logFormat'>;
  readonly shard: Shard;
  readonly configFile: string;
  readonly listen: ListenAddress;
  readonly webConfigFile: string | undefined;
  /** Serve POST /-/reload (--web.enable-lifecycle, default on). */
  readonly enableLifecycle: boolean;
  readonly io: Io;
}

/** The HTTP surface: /metrics, health, /-/reload and the status pages. */
function createHandler(
  store: SnapshotStore,
  processMetrics: ProcessMetrics,
  exporter: ExporterWorker,
  enableLifecycle: boolean,
): HttpHandler {
  return createApp({
    store,
    processMetrics,
    ready: exporter.ready,
    extend: (a) => {
      mountReload(a, exporter, { enabled: enableLifecycle });
      a.use(
        createStatusRouter({
          states: () => exporter.states(),
          state: (name) => exporter.state(name),
          config: () => exporter.config(),
          now: () => Date.now(),
          version: VERSION,
          lastReload: () => exporter.last(),
          shard: () => exporter.shard(),
        }),
      );
    },
  });
}

/** Creates the web server, or prints why its web config is invalid and returns undefined. */
async function createWebServerOrReport(handler: HttpHandler, o: ServerOptions): Promise<WebServer | undefined> {
  const { logger } = o.logging;
  try {
    return await createWebServer({
      handler,
      webConfigFile: o.webConfigFile,
      logger: { info: (m) => logger.info(m), error: (m) => logger.error(m) },
    });
  } catch (err) {
    if (!(err instanceof WebConfigError)) throw err;
    o.io.stderr(`${o.webConfigFile}: invalid web configuration\n${err.message}\n`);
    return undefined;
  }
}

/** Starts the pollers in their own thread, feeding `store`; a thread that dies ends the process (exit 1). */
function startPolling(o: ServerOptions, store: SnapshotStore, processMetrics: ProcessMetrics, failed: () => void) {
  const { logger } = o.logging;
  return startExporterWorker({
    configFile: o.configFile,
    env: o.io.env,
    shard: o.shard,
    logLevel: o.flags.logLevel,
    logFormat: o.flags.logFormat,
    store,
    catalogue,
    log: (line) => o.io.stderr(`${line}\n`),
    onReload: (outcome) => processMetrics.reloaded(outcome.status !== 'failed', outcome.at),
    onFailure: (message) => {
      logger.error('the polling thread stopped; exiting', { err: message });
      failed();
    },
  });
}

/**
 * Serves the exporter until SIGTERM or SIGINT, reloading on SIGHUP and POST /-/reload.
 * The pollers run in a worker thread, so a poll burst never delays a scrape.
 * Signals are handled before anything listens or polls. Resolves with the exit code:
 * 1 when the web config is invalid, the address cannot be bound or the polling thread
 * fails; 0 after a shutdown.
 */
export async function runServer(o: ServerOptions): Promise<number> {
  const { logger } = o.logging;
  const store = createSnapshotStore(catalogue);
  // The shard gauges are read at collection time, once the polling thread runs.
  const processMetrics = createProcessMetrics({ version: VERSION, shard: () => running.shard() });
  let failedExit!: (code: number) => void;
  const failedCode = new Promise<number>((resolve) => (failedExit = resolve));
  const running = startPolling(o, store, processMetrics, () => failedExit(1));
  const web = await createWebServerOrReport(createHandler(store, processMetrics, running, o.enableLifecycle), o);
  if (!web) return stopped(running, 1);
  const exitCode = handleSignals({
    logger,
    stopPolling: () => void running.stop(),
    release: () => Promise.allSettled([web.close(5_000), running.stop()]),
    reload: () => void running.reload(),
  });
  let bound: { address: string; port: number };
  try {
    bound = await web.listen(o.listen.host ?? '0.0.0.0', o.listen.port);
  } catch (err) {
    logger.error('cannot listen', { address: o.listen.text, err: (err as NodeJS.ErrnoException).code ?? String(err) });
    return stopped(running, 1);
  }
  const { index, total } = o.shard;
  const address = `${bound.address}:${bound.port}`;
  logger.info('listening', {
    address,
    version: VERSION,
    config: o.configFile,
    ...(total > 1 && { shard: index, total_shards: total }),
  });
  try {
    await running.started;
  } catch (err) {
    const problems = err instanceof PollingStartError ? err.problems : undefined;
    // The same report as --config.check gives: the file, then one problem per line with its YAML path.
    if (problems) o.io.stderr(`${o.configFile}: invalid configuration\n${problems.map((p) => `  ${p}\n`).join('')}`);
    else logger.error('cannot start polling', { err: (err as Error).message });
    await web.close(1_000);
    return stopped(running, 1);
  }
  o.logging.redact(running.secrets());
  processMetrics.reloaded(true, Date.now());
  o.io.onListening?.(baseUrl(o.listen, bound.port, web.tls));
  return await Promise.race([exitCode, failedCode]);
}

/** Stops the polling thread and passes `code` on. */
async function stopped(exporter: ExporterWorker, code: number): Promise<number> {
  await exporter.stop();
  return code;
}
