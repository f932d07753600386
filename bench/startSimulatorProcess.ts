import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Rocket.Chat simulators running in a child process. */
export interface SimulatorProcess {
  /** The first simulator's base URL. */
  readonly url: string;
  /** One base URL per origin (each on its own loopback address). */
  readonly urls: readonly string[];
  readonly pid: number;
  /** The simulator process's own CPU time so far (µs). */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

/** Starts `simulatorProcess.js` with a fixed added latency and no rate limit; resolves once it listens. */
export function startSimulatorProcess(opts: {
  latencyMs: number;
  cacheTtlMs?: number;
  origins?: number;
}): Promise<SimulatorProcess> {
  const child: ChildProcess = fork(join(__dirname, 'simulatorProcess.js'), [JSON.stringify(opts)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`simulator process exited early (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: { type: string; urls: string[] }) => {
      child.off('exit', onExit);
      resolve({
        url: m.urls[0]!,
        urls: m.urls,
        pid: child.pid!,
        cpuUsage: () =>
          new Promise((res) => {
            const h = (x: { type: string; usage?: NodeJS.CpuUsage }) => {
              if (x.type !== 'cpu') return;
              child.off('message', h);
              res(x.usage!);
            };
            child.on('message', h);
            child.send({ type: 'cpu' });
          }),
        close: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.send({ type: 'close' });
            setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
          }),
      });
    });
  });
}
