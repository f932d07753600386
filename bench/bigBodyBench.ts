#!/usr/bin/env node
/**
 * Big bodies and memory: the real exporter binary polls a Rocket.Chat simulator
 * every 2 s (discovered departments, the four default windows: about 180
 * requests a cycle, 4 at a time). After a healthy baseline, each round the
 * simulator answers every request for 10 s with a body of 20–50 MB (with
 * Content-Length, or chunked without it), then is healthy again for 50 s.
 * RSS is read from /proc every 2 s. Prints, per round, the peak and the RSS
 * at the end of the healthy phase against the baseline band.
 *
 *   [MALLOC_...=...] node dist/bench/bigBodyBench.js [--rounds=6] [--exporter=path/to/main.js]
 */
import { loadavg } from 'node:os';
import type { FaultSpec } from '../simulator/http/createFaultInjector';
import type { RocketChatFaultMode } from '../simulator/rocketchat/rocketChatFaultModes';
import { machineInfo } from './machineInfo';
import { readProcessMemory } from './readProcessMemory';
import { startExporterProcess } from './startExporterProcess';
import { startFaultySimulators, type FaultySimulators } from './startFaultySimulators';

const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The faults of the rounds, in turn: chunked bodies are read up to the 16 MiB cap, announced ones are not. */
const FAULTS: readonly FaultSpec<RocketChatFaultMode>[] = [
  { mode: 'huge_body', bytes: 48 * MiB, chunked: true },
  { mode: 'huge_body', bytes: 20 * MiB, chunked: true },
  { mode: 'huge_body', bytes: 50 * MiB },
];

function config(s: FaultySimulators): string {
  return [
    'targets:',
    '  - name: rc',
    '    kind: rocketchat',
    `    url: ${s.rcUrl}`,
    '    auth: {user_id: {env: BENCH_RC_USER_ID}, token: {env: BENCH_RC_TOKEN}}',
    '    departments: {discover: true}',
    '    schedule: "*/2 * * * * *"',
    '    timeout: 1500ms',
    '    budget: unlimited',
    '',
  ].join('\n');
}

/** RSS samples every 2 s for `ms`, in MiB. */
async function watch(pid: number, ms: number): Promise<number[]> {
  const out: number[] = [];
  for (const end = performance.now() + ms; performance.now() < end;) {
    out.push(readProcessMemory(pid).rss / MiB);
    await sleep(2_000);
  }
  return out;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const label = (f: FaultSpec) => `${f.bytes! / MiB} MiB ${f.chunked ? 'chunked' : 'with Content-Length'}`;

/** glibc's allocator settings (MALLOC_*) of this process, passed on to compare how they hold or return memory. */
const malloc = Object.fromEntries(
  Object.entries(process.env).flatMap(([k, v]) => (k.startsWith('MALLOC_') && v !== undefined ? [[k, v]] : [])),
) as Record<string, string>;

async function run(rounds: number, exporter: string | undefined): Promise<string> {
  const machine = machineInfo();
  const sims = await startFaultySimulators();
  const x = await startExporterProcess({
    configYaml: config(sims),
    env: { ...sims.env, ...malloc },
    ...(exporter && { mainJs: exporter }),
  });
  try {
    await watch(x.pid, 60_000);
    const baseline = await watch(x.pid, 60_000);
    const band = [Math.min(...baseline), Math.max(...baseline)] as const;
    const rows: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const fault = FAULTS[i % FAULTS.length]!;
      sims.rc.faults.add(fault);
      const during = await watch(x.pid, 10_000);
      sims.rc.faults.clear();
      const after = await watch(x.pid, 50_000);
      const settled = median(after.slice(-5));
      const inBand = settled <= band[1] * 1.1;
      rows.push(
        `| ${i + 1} | ${label(fault)} | ${Math.max(...during, ...after).toFixed(1)} | ${settled.toFixed(1)} | ${inBand ? 'yes' : '**no**'} |`,
      );
      process.stderr.write(`big bodies: round ${i + 1}: ${rows[rows.length - 1]}\n`);
    }
    return [
      `Big bodies, ${machine.date}: ${exporter ?? 'this build'}${
        Object.keys(malloc).length
          ? ` with ${Object.entries(malloc)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : ''
      }, ${machine.cpuModel}, nproc ${machine.nproc}, Node ${machine.node},`,
      `load average ${machine.loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end.`,
      `Baseline band (60 s healthy after 60 s of warm-up): RSS ${band[0].toFixed(1)}–${band[1].toFixed(1)} MiB.`,
      '',
      '| round | 10 s of bodies of | peak RSS MiB | RSS 40–50 s later MiB | within the band (+10%) |',
      '|---:|---|---:|---:|---|',
      ...rows,
    ].join('\n');
  } finally {
    await x.close();
    await sims.close();
  }
}

if (require.main === module) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  run(Number(arg('rounds') ?? 6), arg('exporter')).then(
    (report) => process.stdout.write(report + '\n'),
    (err) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
