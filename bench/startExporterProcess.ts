import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_SECRET_ENV } from './benchWorld';
import { freePort } from './freePort';

/** The real exporter binary (`dist/src/main.js`) running with a generated config. */
export interface ExporterProcess {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn until `/-/healthy` first answered 200 (polled every 5 ms). */
  readonly healthyMs: number;
  /** Milliseconds from spawn until `/-/ready` answered 200 (every target finished its first cycle). */
  readonly readyMs: number;
  close(): Promise<void>;
}

/** Options of startExporterProcess. */
export interface ExporterProcessOptions {
  readonly configYaml: string;
  /** Extra flags for node itself, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** Give up waiting for readiness after this long. */
  readonly readyTimeoutMs?: number;
  /** Environment for the config's secrets; default BENCH_SECRET_ENV. */
  readonly env?: Readonly<Record<string, string>>;
  /** The exporter's entry point; default this build's `dist/src/main.js` (another build to compare with). */
  readonly mainJs?: string;
  /** `--log.level`; default `error`. */
  readonly logLevel?: string;
}

const MAIN = resolve(__dirname, '..', 'src', 'main.js');

/** Answers 200 at `url`? */
const answers200 = (url: string) =>
  fetch(url).then(
    (r) => (void r.body?.cancel(), r.status === 200),
    () => false,
  );

/**
 * Spawns `node dist/src/main.js` on a free loopback port and waits for
 * `/-/healthy` (polled every 5 ms), then `/-/ready` (every 10 ms); the config
 * lives in a temp dir that close() removes.
 */
export async function startExporterProcess(o: ExporterProcessOptions): Promise<ExporterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'lce-bench-'));
  const file = join(dir, 'livechat-exporter.yml');
  writeFileSync(file, o.configYaml);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(o.nodeArgs ?? []),
      o.mainJs ?? MAIN,
      `--config.file=${file}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--log.level=${o.logLevel ?? 'error'}`,
    ],
    {
      env: { PATH: process.env.PATH ?? '', ...(o.env ?? BENCH_SECRET_ENV) },
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  let removed = false;
  const close = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(t);
    }
    if (!removed) rmSync(dir, { recursive: true, force: true });
    removed = true;
  };
  const deadline = started + (o.readyTimeoutMs ?? 300_000);
  let healthyMs: number | undefined;
  for (;;) {
    if (exited) {
      await close();
      throw new Error('exporter process exited before it was ready');
    }
    if (performance.now() > deadline) {
      await close();
      throw new Error('exporter process not ready in time');
    }
    if (healthyMs === undefined) {
      if (await answers200(`${url}/-/healthy`)) healthyMs = performance.now() - started;
      else await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    if (await answers200(`${url}/-/ready`)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { url, pid: child.pid!, healthyMs, readyMs: performance.now() - started, close };
}
