#!/usr/bin/env node
import type { Io } from './cli/Io';
import { parseListenAddress } from './cli/listenAddress';
import { FlagError, parseFlags, usage } from './cli/parseFlags';
import { resolveShard } from './cli/resolveShard';
import { createLogging } from './log/createLogging';
import { VERSION } from './version';

/** Part of main()'s signature, for whatever calls main() (tests, a wrapper entry point). */
export type { Io } from './cli/Io';

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

/**
 * Runs the exporter; resolves with the exit code once it should exit. Each command imports what it
 * needs when it runs: `--version` and `--help` load no HTTP server, client, metrics or sources, and
 * `--config.check` only the config and the kinds' schemas.
 */
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
  const { configFile } = flags;
  if (flags.configCheck) {
    const { runCheck } = await import('./cli/runCheck.js');
    return runCheck({ configFile, webConfigFile: flags.webConfigFile, skipSecrets: flags.skipSecrets }, io);
  }
  const logging = createLogging(flags, io.stderr);
  const listen = orUsageError(() => parseListenAddress(flags.listenAddress), io);
  if (!listen) return 2;
  const shard = orUsageError(() => resolveShard(flags), io);
  if (!shard) return 2;
  if (flags.once) {
    const { loadConfigOrReport } = await import('./cli/loadConfigOrReport.js');
    const config = await loadConfigOrReport(configFile, io);
    if (!config) return 1;
    return (await import('./cli/runOnce.js')).runOnce(logging, shard, config, io);
  }
  // The server loads its config in the polling thread only: /-/healthy answers while it does, and an invalid
  // config is reported there as --config.check reports it (exit 1).
  const { runServer } = await import('./cli/runServer.js');
  return runServer({
    logging,
    flags,
    shard,
    configFile,
    listen,
    webConfigFile: flags.webConfigFile,
    enableLifecycle: flags.webEnableLifecycle,
    io,
  });
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
