#!/usr/bin/env node
import { resolve } from 'node:path';
import { Agent } from 'undici';
import { DEFAULT_PORT, FlagError, parseFlags, parseListenAddress, usage, type Flags } from './cli/parseFlags';
import { systemClock } from './clock';
import { ConfigError } from './config/ConfigError';
import { loadConfig } from './config/loadConfig';
import type { Config } from './config/types';
import { startDemoSimulators, type DemoSimulators } from './demo/startDemoSimulators';
import { createExporter } from './exporter/createExporter';
import { createProcessMetrics } from './exporter/createProcessMetrics';
import { createReloader } from './exporter/createReloader';
import { createLogger } from './log/createLogger';
import { catalogue } from './sources/catalogue';
import { createApp } from './server/createApp';
import { mountReload } from './server/mountReload';
import { createStatusRouter } from './server/status/createStatusRouter';
import { renderMetrics } from './server/renderMetrics';
import { createSnapshotStore } from './snapshot/createSnapshotStore';
import { SOURCE_KINDS } from './sources/sourceKinds';
import { VERSION } from './version';
import { createWebServer, WebConfigError } from './web';

/** Where the process writes; injected so tests can run main() in-process. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/** Loads the config, or prints its problems (one per line, with YAML paths) and returns undefined. */
async function tryLoad(file: string, io: Io): Promise<Config | undefined> {
  try {
    return await loadConfig(file, { env: io.env, kinds: SOURCE_KINDS });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${file}: invalid configuration\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    return undefined;
  }
}

/** Runs the exporter; resolves with the exit code once it should exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let flags: Flags & { explicit: Set<string> };
  try {
    flags = parseFlags(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    io.stderr(`livechat-exporter: error: ${err.message}, try --help\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout(usage());
    return 0;
  }
  if (flags.version) {
    io.stdout(`livechat-exporter, version ${VERSION} (node ${process.versions.node})\n`);
    return 0;
  }
  const configFile =
    flags.demo && !flags.explicit.has('config.file') ? resolve(PACKAGE_ROOT, 'config/demo.yml') : flags.configFile;
  if (flags.configCheck) {
    const config = await tryLoad(configFile, io);
    if (!config) return 1;
    io.stdout(
      `${configFile}: valid, ${config.targets.length} target(s): ${config.targets.map((t) => `${t.name} (${t.kind})`).join(', ')}\n`,
    );
    return 0;
  }

  let secrets: readonly string[] = [];
  const logger = createLogger({
    level: flags.logLevel,
    format: flags.logFormat,
    write: io.stderr,
    redact: () => secrets,
  });
  let listen: { host: string | undefined; port: number };
  try {
    // The demo stays on loopback unless told otherwise.
    listen = parseListenAddress(
      flags.demo && !flags.explicit.has('web.listen-address') ? `127.0.0.1:${DEFAULT_PORT}` : flags.listenAddress,
    );
  } catch (err) {
    io.stderr(`livechat-exporter: error: ${(err as Error).message}\n`);
    return 2;
  }
  const config = await tryLoad(configFile, io);
  if (!config) return 1;

  let demo: DemoSimulators | undefined;
  if (flags.demo) {
    try {
      demo = await startDemoSimulators(logger);
    } catch (err) {
      logger.error((err as Error).message);
      return 1;
    }
  }

  const store = createSnapshotStore(catalogue);
  // Connections are reused within a cycle; between cycles (1 minute apart by default) each idle one would hold
  // a socket and its buffers per origin, about 30 MiB for 2,000 of them. A server's `Keep-Alive: timeout=N` hint
  // overrides keepAliveTimeout, so keepAliveMaxTimeout caps it (undici's default cap is 10 minutes).
  const dispatcher = new Agent({ keepAliveTimeout: 5_000, keepAliveMaxTimeout: 5_000, connections: 64 });
  const processMetrics = createProcessMetrics({ version: VERSION });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock: systemClock,
    logger,
    schedule: !flags.once,
  });
  secrets = [];
  const refreshSecrets = () => (secrets = exporter.secrets());

  if (flags.once) {
    await exporter.apply(config);
    refreshSecrets();
    await exporter.firstCycles();
    const out = await renderMetrics(store, processMetrics.registry, 'text', false);
    io.stdout(out.body.toString('utf8'));
    const failed = exporter.states().filter((s) => s.up !== true);
    for (const s of failed)
      io.stderr(
        `target ${s.name} failed: ${s.lastError ? `${s.lastError.reason}: ${s.lastError.message}` : 'no successful request'}\n`,
      );
    exporter.stop();
    await dispatcher.close();
    await demo?.close();
    return failed.length > 0 ? 1 : 0;
  }

  const reloader = createReloader({
    load: () => loadConfig(configFile, { env: io.env, kinds: SOURCE_KINDS }),
    exporter,
    metrics: processMetrics,
    logger,
    clock: systemClock,
    onApplied: refreshSecrets,
  });
  const app = createApp({
    store,
    registry: processMetrics.registry,
    ready: exporter.ready,
    extend: (a) => {
      mountReload(a, reloader);
      a.use(
        createStatusRouter({
          states: () => exporter.states(),
          config: () => exporter.config(),
          now: () => Date.now(),
          version: VERSION,
        }),
      );
    },
  });
  let web;
  try {
    web = await createWebServer({
      handler: app,
      webConfigFile: flags.webConfigFile,
      logger: { info: (m) => logger.info(m), error: (m) => logger.error(m) },
    });
  } catch (err) {
    if (!(err instanceof WebConfigError)) throw err;
    io.stderr(`${flags.webConfigFile}: invalid web configuration\n${err.message}\n`);
    await demo?.close();
    return 1;
  }
  // Signals are handled from here on, before anything listens or polls.
  let stopping = false;
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((r) => (resolveExit = r));
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    exporter.stop();
    // Bounded: in-flight requests are aborted, keep-alive connections closed, and we leave regardless after 10 s.
    const hardStop = setTimeout(() => resolveExit(0), 10_000);
    hardStop.unref();
    void Promise.allSettled([web.close(5_000), dispatcher.destroy(), demo?.close()]).then(() => {
      clearTimeout(hardStop);
      resolveExit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    if (!stopping) void reloader.reload();
  });

  let bound: { address: string; port: number };
  try {
    bound = await web.listen(listen.host ?? '0.0.0.0', listen.port);
  } catch (err) {
    logger.error('cannot listen', {
      address: flags.listenAddress,
      err: (err as NodeJS.ErrnoException).code ?? String(err),
    });
    await demo?.close();
    return 1;
  }
  const shownHost =
    listen.host && listen.host !== '0.0.0.0' && listen.host !== '::'
      ? listen.host.includes(':')
        ? `[${listen.host}]`
        : listen.host
      : 'localhost';
  const base = `${web.tls ? 'https' : 'http'}://${shownHost}:${bound.port}`;
  logger.info('listening', { address: `${bound.address}:${bound.port}`, version: VERSION, config: configFile });
  await exporter.apply(config);
  refreshSecrets();
  processMetrics.reloaded(true, Date.now());
  if (flags.demo)
    io.stdout(
      `\nlivechat-exporter demo is running:\n  status page  ${base}/\n  metrics      ${base}/metrics\nPress Ctrl+C to stop.\n\n`,
    );

  return await exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(
        `livechat-exporter: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
