import type { Express } from 'express';
import { systemClock } from '../clock';
import { loadConfig } from '../config/loadConfig';
import type { Config } from '../config/types';
import { createReloader, type Reloader } from '../exporter/createReloader';
import { createApp } from '../server/createApp';
import { mountReload } from '../server/mountReload';
import { createStatusRouter } from '../server/status/createStatusRouter';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import { VERSION } from '../version';
import { createWebServer, WebConfigError, type WebServer } from '../web';
import type { Runtime } from './createRuntime';
import { handleSignals } from './handleSignals';
import type { Io } from './Io';
import { baseUrl, type ListenAddress } from './listenAddress';

/** What the server runs with. */
export interface ServerOptions {
  readonly runtime: Runtime;
  readonly config: Config;
  readonly configFile: string;
  readonly listen: ListenAddress;
  readonly webConfigFile: string | undefined;
  /** Serve POST /-/reload (--web.enable-lifecycle, default on). */
  readonly enableLifecycle: boolean;
  readonly io: Io;
}

/** The HTTP surface: /metrics, health, /-/reload and the status pages. */
function createHandler(rt: Runtime, reloader: Reloader, enableLifecycle: boolean): Express {
  return createApp({
    store: rt.store,
    processMetrics: rt.processMetrics,
    ready: () => rt.exporter.ready(),
    extend: (a) => {
      mountReload(a, reloader, { enabled: enableLifecycle });
      a.use(
        createStatusRouter({
          states: () => rt.exporter.states(),
          config: () => rt.exporter.config(),
          now: () => Date.now(),
          version: VERSION,
          lastReload: () => reloader.last(),
          shard: () => rt.exporter.shard(),
        }),
      );
    },
  });
}

/** Creates the web server, or prints why its web config is invalid and returns undefined. */
async function createWebServerOrReport(handler: Express, o: ServerOptions): Promise<WebServer | undefined> {
  const { logger } = o.runtime;
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

/**
 * Serves the exporter until SIGTERM or SIGINT, reloading on SIGHUP and POST /-/reload.
 * Signals are handled before anything listens or polls. Resolves with the exit code:
 * 1 when the web config is invalid or the address cannot be bound, 0 after a shutdown.
 */
export async function runServer(o: ServerOptions): Promise<number> {
  const { runtime: rt, io } = o;
  const { logger, exporter } = rt;
  const reloader = createReloader({
    load: () => loadConfig(o.configFile, { env: io.env, kinds: SOURCE_KINDS }),
    exporter,
    metrics: rt.processMetrics,
    logger,
    clock: systemClock,
    onApplied: rt.refreshSecrets,
  });
  const web = await createWebServerOrReport(createHandler(rt, reloader, o.enableLifecycle), o);
  if (!web) return 1;
  const exitCode = handleSignals({
    logger,
    stopPolling: () => exporter.stop(),
    // Bounded: in-flight requests are aborted and keep-alive connections closed.
    release: () => Promise.allSettled([web.close(5_000), rt.dispatcher.destroy()]),
    reload: () => void reloader.reload(),
  });
  let bound: { address: string; port: number };
  try {
    bound = await web.listen(o.listen.host ?? '0.0.0.0', o.listen.port);
  } catch (err) {
    logger.error('cannot listen', { address: o.listen.text, err: (err as NodeJS.ErrnoException).code ?? String(err) });
    return 1;
  }
  const { index, total } = exporter.shard();
  logger.info('listening', {
    address: `${bound.address}:${bound.port}`,
    version: VERSION,
    config: o.configFile,
    ...(total > 1 && { shard: index, total_shards: total }),
  });
  await exporter.apply(o.config);
  rt.refreshSecrets();
  rt.processMetrics.reloaded(true, Date.now());
  io.onListening?.(baseUrl(o.listen, bound.port, web.tls));
  return await exitCode;
}
