/**
 * Child-process entry: Rocket.Chat simulators, so their CPU time is not counted
 * as the exporter's. Options come as JSON in argv[2]. With `origins` > 1 there
 * is one simulator per loopback address 127.0.0.1, 127.0.0.2, … sharing one
 * world, so targets can be separate servers as in a real deployment. The URLs
 * go to the parent over IPC, a `cpu` message is answered with
 * process.cpuUsage() and an `activity` message with the bursts of requests
 * seen so far (trackActivity).
 */
import { subscribe } from 'node:diagnostics_channel';
import { systemClock } from '../src/clock';
import { createRocketChatSimulator, type RocketChatSimulator } from '../simulator/rocketchat/createRocketChatSimulator';
import { createWorld } from '../simulator/world/createWorld';
import { BENCH_DEPARTMENTS, BENCH_USER } from './benchWorld';
import type { Activity, ActivityWindow } from './startSimulatorProcess';

interface Options {
  latencyMs: number;
  cacheTtlMs?: number;
  origins?: number;
  /** Quiet time that ends a burst (window) of requests; default 500 ms. */
  gapMs?: number;
}

/** Bursts kept (the oldest are dropped). */
const MAX_WINDOWS = 200;

/**
 * Groups every request the simulators serve into windows of activity: a window starts with a
 * request that comes `gapMs` or more after the last request began or ended, and ends with the
 * last response finished. Times are epoch ms, comparable with the bench's own clock. Node's
 * HTTP diagnostics channels see every request of every server in this process.
 */
function trackActivity(gapMs: number): () => Activity {
  const now = () => performance.timeOrigin + performance.now();
  const windows: ActivityWindow[] = [];
  let last = 0;
  let inFlight = 0;
  subscribe('http.server.request.start', () => {
    const t = now();
    if (t - last >= gapMs) {
      windows.push({ start: t, end: t, requests: 0 });
      if (windows.length > MAX_WINDOWS) windows.shift();
    }
    last = t;
    inFlight++;
  });
  subscribe('http.server.response.finish', () => {
    const t = now();
    last = t;
    inFlight--;
    const w = windows[windows.length - 1];
    if (w) {
      w.end = t;
      w.requests++;
    }
  });
  return () => ({ now: now(), inFlight, lastActivity: last, gapMs, windows });
}

async function run(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as Options;
  const activity = trackActivity(o.gapMs ?? 500);
  const world = createWorld({
    clock: systemClock,
    seed: 1,
    timezone: 'UTC',
    departments: BENCH_DEPARTMENTS,
    agentsPerDepartment: 3,
    arrivalsPerHour: 10,
  });
  const sims: RocketChatSimulator[] = [];
  const urls: string[] = [];
  for (let i = 0; i < (o.origins ?? 1); i++) {
    const sim = createRocketChatSimulator({
      world,
      rateLimit: false,
      latencyMs: o.latencyMs,
      ...(o.cacheTtlMs !== undefined && { cacheTtlMs: o.cacheTtlMs }),
      maxRequestLog: 0,
      users: [BENCH_USER],
    });
    sims.push(sim);
    // 127.0.0.0/8 is all loopback on Linux: each address is another origin for the exporter's HTTP pools.
    urls.push(await sim.listen(0, `127.0.${Math.floor(i / 250)}.${(i % 250) + 1}`));
  }
  process.on('message', (m: { type: string }) => {
    if (m.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage() });
    if (m.type === 'activity') process.send!({ type: 'activity', activity: activity() });
    if (m.type === 'close') void Promise.all(sims.map((s) => s.close())).then(() => process.exit(0));
  });
  // The parent's death ends the simulators too, so no benchmark leaves them behind.
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', urls });
}

void run();
