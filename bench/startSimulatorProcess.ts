import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** One burst of upstream requests the simulators served; epoch ms. */
export interface ActivityWindow {
  start: number;
  /** When the last response of the window finished (= start while none has). */
  end: number;
  /** Responses finished. */
  requests: number;
}

/** What the simulators have served so far, grouped into bursts separated by `gapMs` of quiet. */
export interface Activity {
  /** The simulator process' clock when it answered (epoch ms). */
  readonly now: number;
  readonly inFlight: number;
  /** When the last request began or ended (epoch ms; 0 before any). */
  readonly lastActivity: number;
  readonly gapMs: number;
  /** Oldest first; the last one is still open while requests are in flight or the gap has not passed. */
  readonly windows: readonly ActivityWindow[];
}

/** Rocket.Chat simulators running in a child process. */
export interface SimulatorProcess {
  /** The first simulator's base URL. */
  readonly url: string;
  /** One base URL per origin (each on its own loopback address). */
  readonly urls: readonly string[];
  readonly pid: number;
  /** The simulator process's own CPU time so far (µs). */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** The bursts of requests served so far. */
  activity(): Promise<Activity>;
  close(): Promise<void>;
}

/** Sends `{type}` to the child and resolves with the `key` of its first answer of that type. */
function ask<T>(child: ChildProcess, type: string, key: string): Promise<T> {
  return new Promise((res) => {
    const h = (x: Record<string, unknown>) => {
      if (x.type !== type) return;
      child.off('message', h);
      res(x[key] as T);
    };
    child.on('message', h);
    child.send({ type });
  });
}

/**
 * Starts `simulatorProcess.js` with a fixed added latency and no rate limit; resolves once it listens.
 * `gapMs` is the quiet time that separates two bursts in activity() (default 500 ms).
 */
export function startSimulatorProcess(opts: {
  latencyMs: number;
  cacheTtlMs?: number;
  origins?: number;
  gapMs?: number;
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
        cpuUsage: () => ask<NodeJS.CpuUsage>(child, 'cpu', 'usage'),
        activity: () => ask<Activity>(child, 'activity', 'activity'),
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
