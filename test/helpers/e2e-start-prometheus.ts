import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../bench/freePort';

/** A sample of an instant query: labels and value. */
export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

/** A Prometheus server started by a test; `close` must be called in `after`. */
export interface RunningPrometheus {
  readonly url: string;
  /** GET `path` (with query parameters) and return the API's `data`; throws on HTTP or API errors, with Prometheus' message. */
  api<T = unknown>(path: string, params?: Record<string, string>): Promise<T>;
  /** An instant query at the current time: its vector (a scalar becomes one unlabelled sample). */
  query(expr: string): Promise<PromSample[]>;
  /** Everything Prometheus wrote to stderr so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

/** Options of startPrometheus. */
export interface StartPrometheusOptions {
  /** The prometheus binary. */
  readonly binary: string;
  /** A writable temp dir: gets prometheus.yml and the TSDB. */
  readonly dir: string;
  /** Content of prometheus.yml. */
  readonly config: string;
  /** How long to wait for /-/ready (ms). */
  readonly readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Prometheus on a free loopback port with `config`, its TSDB under `dir`,
 * and resolves once /-/ready answers 200 (or rejects with its log if it exits
 * or does not get ready in time).
 */
export async function startPrometheus(o: StartPrometheusOptions): Promise<RunningPrometheus> {
  const configFile = join(o.dir, 'prometheus.yml');
  await writeFile(configFile, o.config);
  await mkdir(join(o.dir, 'data'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  let exited: number | null | undefined;
  const child: ChildProcess = spawn(
    o.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(o.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  child.once('error', (err) => {
    stderr += `\nspawn error: ${err.message}`;
    exited = -1;
  });

  async function close(): Promise<void> {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exit.then(() => true), sleep(5_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exit;
    }
  }

  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`prometheus exited (${exited}) before it was ready:\n${stderr}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`prometheus was not ready within ${o.readyTimeoutMs ?? 30_000} ms:\n${stderr}`);
    }
    await sleep(100);
  }

  async function api<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${url}${path}?${new URLSearchParams(params).toString()}`);
    const body = (await res.json()) as { status: string; data?: T; error?: string; errorType?: string };
    if (!res.ok || body.status !== 'success')
      throw new Error(
        `${path} ${JSON.stringify(params)}: HTTP ${res.status} ${body.errorType ?? ''}: ${body.error ?? ''}`,
      );
    return body.data as T;
  }

  return {
    url,
    api,
    async query(expr) {
      const data = await api<{ resultType: string; result: unknown }>('/api/v1/query', { query: expr });
      if (data.resultType === 'vector') return data.result as PromSample[];
      if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
      throw new Error(`${expr}: unexpected result type ${data.resultType}`);
    },
    log: () => stderr,
    close,
  };
}
