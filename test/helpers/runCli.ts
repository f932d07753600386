import { spawn, type ChildProcess } from 'node:child_process';
import { MAIN_JS } from './paths';

/** What a finished run of the exporter binary printed, and its exit code. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The binary's environment: PATH and `env`, nothing inherited, so no stray variable feeds a secret. */
function cliEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...env };
}

/** Runs the real exporter binary (`node dist/src/main.js ...args`) to completion (bounded by mocha's timeout). */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN_JS, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running exporter binary serving on a loopback port. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Its base URL, `http://127.0.0.1:<port>`, read from the `listening` log line. */
  readonly url: string;
  /** Everything it has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Polls `condition` every 50 ms, at most `tries` times; the caller asserts on what it waited for. */
export async function waitFor(condition: () => boolean | Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !(await condition()); i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Starts the exporter binary with `args` (give it `--web.listen-address=127.0.0.1:0`) and
 * resolves once it logs where it listens. Throws with its output when it never does.
 */
export async function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<RunningCli> {
  const child = spawn(process.execPath, [MAIN_JS, ...args], { env: cliEnv(env) });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let url = '';
  await waitFor(() => {
    const m = /msg=listening address=[^ ]*:(\d+)/.exec(output);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    return url !== '' || child.exitCode !== null;
  });
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`the exporter did not start:\n${output}`);
  }
  return {
    child,
    url,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
