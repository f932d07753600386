#!/usr/bin/env node
import { resolve } from 'node:path';
import { DEFAULT_PORT, parseFlags } from '../../src/cli/parseFlags';
import { createLogger } from '../../src/log/createLogger';
import { main, type Io } from '../../src/main';
import { startDemoSimulators } from './startDemoSimulators';

/** config/demo.yml of the repository (this file runs from dist/simulator/demo/). */
const DEMO_CONFIG = resolve(__dirname, '..', '..', '..', 'config', 'demo.yml');
/** The exporter's default port, but on loopback: the demo is not meant for the network unless asked. */
const DEMO_LISTEN_ADDRESS = `127.0.0.1:${DEFAULT_PORT}`;

/** The flags `argv` sets; none when it does not parse (main() then reports it). */
function givenFlags(argv: readonly string[]): ReadonlySet<string> {
  try {
    return parseFlags(argv).explicit;
  } catch {
    return new Set();
  }
}

/** The exporter's command line for the demo: config/demo.yml and a loopback address unless the user gives others. */
export function demoArgs(argv: readonly string[]): string[] {
  const given = givenFlags(argv);
  return [
    ...(given.has('config.file') ? [] : [`--config.file=${DEMO_CONFIG}`]),
    ...(given.has('web.listen-address') ? [] : [`--web.listen-address=${DEMO_LISTEN_ADDRESS}`]),
    ...argv,
  ];
}

const banner = (base: string): string =>
  `\nlivechat-exporter demo is running:\n  status page  ${base}/\n  metrics      ${base}/metrics\nPress Ctrl+C to stop.\n\n`;

/**
 * `npm run demo`: starts the simulators config/demo.yml polls, then the exporter's own main() with the user's
 * extra flags; resolves with the exporter's exit code once both have stopped.
 */
export async function runDemo(argv: readonly string[], io: Io): Promise<number> {
  const logger = createLogger({ level: 'info', format: 'logfmt', write: io.stderr });
  let simulators;
  try {
    simulators = await startDemoSimulators(logger);
  } catch (err) {
    logger.error((err as Error).message);
    return 1;
  }
  try {
    return await main(demoArgs(argv), { ...io, onListening: (base) => io.stdout(banner(base)) });
  } finally {
    await simulators.close();
  }
}

if (require.main === module) {
  runDemo(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(
        `livechat-exporter demo: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
