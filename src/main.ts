#!/usr/bin/env node
import { resolve } from 'node:path';
import { createLogging, createRuntime } from './cli/createRuntime';
import type { Io } from './cli/Io';
import { parseListenAddress } from './cli/listenAddress';
import { loadConfigOrReport } from './cli/loadConfigOrReport';
import { DEFAULT_PORT, FlagError, parseFlags, usage, type Flags } from './cli/parseFlags';
import { runCheck } from './cli/runCheck';
import { runOnce } from './cli/runOnce';
import { runServer } from './cli/runServer';
import { startDemoSimulators, type DemoSimulators } from './demo/startDemoSimulators';
import { VERSION } from './version';

/** Part of main()'s signature, for whatever calls main() (tests, a wrapper entry point). */
export type { Io } from './cli/Io';

const PACKAGE_ROOT = resolve(__dirname, '..', '..');

// --demo: config/demo.yml against the built-in simulators, on loopback unless told otherwise.
const DEMO_CONFIG = resolve(PACKAGE_ROOT, 'config/demo.yml');
const DEMO_LISTEN = `127.0.0.1:${DEFAULT_PORT}`;
const demoBanner = (base: string): string =>
  `\nlivechat-exporter demo is running:\n  status page  ${base}/\n  metrics      ${base}/metrics\nPress Ctrl+C to stop.\n\n`;

/** Parses a command-line value, or prints the usage error and returns undefined (the caller exits 2). */
function orUsageError<T>(parse: () => T, io: Io, hint = ''): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    io.stderr(`livechat-exporter: error: ${err.message}${hint}\n`);
    return undefined;
  }
}

/** The value of a flag, or `demoValue` under --demo when the flag was not given. */
function withDemoDefault(flags: Flags, name: string, value: string, demoValue: string): string {
  return flags.demo && !flags.explicit.has(name) ? demoValue : value;
}

/** Runs the exporter; resolves with the exit code once it should exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const flags = orUsageError(() => parseFlags(argv), io, ', try --help');
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(usage());
    return 0;
  }
  if (flags.version) {
    io.stdout(`livechat-exporter, version ${VERSION} (node ${process.versions.node})\n`);
    return 0;
  }
  const configFile = withDemoDefault(flags, 'config.file', flags.configFile, DEMO_CONFIG);
  if (flags.configCheck) return runCheck(configFile, io);
  const logging = createLogging(flags, io.stderr);
  const listenText = withDemoDefault(flags, 'web.listen-address', flags.listenAddress, DEMO_LISTEN);
  const listen = orUsageError(() => parseListenAddress(listenText), io);
  if (!listen) return 2;
  const config = await loadConfigOrReport(configFile, io);
  if (!config) return 1;

  let demo: DemoSimulators | undefined;
  if (flags.demo) {
    try {
      demo = await startDemoSimulators(logging.logger);
    } catch (err) {
      logging.logger.error((err as Error).message);
      return 1;
    }
  }

  const runtime = createRuntime(logging, !flags.once);
  try {
    if (flags.once) return await runOnce(runtime, config, io);
    return await runServer({
      runtime,
      config,
      configFile,
      listen,
      webConfigFile: flags.webConfigFile,
      io: demo ? { ...io, onListening: (base) => io.stdout(demoBanner(base)) } : io,
    });
  } finally {
    await demo?.close();
  }
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
