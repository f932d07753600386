/**
 * Child-process entry: Rocket.Chat simulators, so their CPU time is not counted
 * as the exporter's. Options come as JSON in argv[2]. With `origins` > 1 there
 * is one simulator per loopback address 127.0.0.1, 127.0.0.2, … sharing one
 * world, so targets can be separate servers as in a real deployment. The URLs
 * go to the parent over IPC, and a `cpu` message is answered with
 * process.cpuUsage().
 */
import { systemClock } from '../src/clock';
import { createRocketChatSimulator, type RocketChatSimulator } from '../simulator/rocketchat/createRocketChatSimulator';
import { createWorld } from '../simulator/world/createWorld';
import { BENCH_DEPARTMENTS, BENCH_USER } from './benchWorld';

interface Options {
  latencyMs: number;
  cacheTtlMs?: number;
  origins?: number;
}

async function run(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as Options;
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
    if (m.type === 'close') void Promise.all(sims.map((s) => s.close())).then(() => process.exit(0));
  });
  // The parent's death ends the simulators too, so no benchmark leaves them behind.
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', urls });
}

void run();
