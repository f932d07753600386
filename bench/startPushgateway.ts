import { spawn, spawnSync } from 'node:child_process';
import { freePort } from './freePort';

/** A Prometheus Pushgateway on loopback, keeping pushed metrics in memory only. */
export interface Pushgateway {
  readonly url: string;
  readonly pid: number;
  readonly version: string;
  /** Replaces the group `job="livechat_exporter"` with the given text exposition. */
  push(body: string): Promise<void>;
  close(): Promise<void>;
}

/** The Debian binary name first, then upstream's. */
const BINARIES = ['prometheus-pushgateway', 'pushgateway'];

/** The Pushgateway binary on PATH, or undefined. */
export function findPushgateway(): string | undefined {
  return BINARIES.find((b) => spawnSync(b, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Starts the Pushgateway with persistence off (`--persistence.file=`) on a free loopback port. */
export async function startPushgateway(binary = findPushgateway()): Promise<Pushgateway> {
  if (!binary) throw new Error('prometheus-pushgateway not found (Debian: apt-get install prometheus-pushgateway)');
  const version = (
    spawnSync(binary, ['--version'], { encoding: 'utf8' }).stderr +
    spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout
  )
    .split('\n')[0]!
    .trim();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its stderr is not ours: it logs every scrape wrk abandons at the end of a run, and an inherited pipe would outlive us.
  const child = spawn(binary, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=error'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const close = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(t);
  };
  for (let i = 0; ; i++) {
    if (exited || i > 500) {
      await close();
      throw new Error('pushgateway did not start');
    }
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    url,
    pid: child.pid!,
    version,
    async push(body) {
      const res = await fetch(`${url}/metrics/job/livechat_exporter`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'text/plain; version=0.0.4' },
      });
      if (!res.ok)
        throw new Error(`pushgateway refused the push: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    },
    close,
  };
}
