#!/usr/bin/env node
/**
 * The fault soak: the real exporter binary polls a Rocket.Chat and a LiveChat
 * simulator every 2 s while each simulator's fault changes every 30 s, round
 * robin over all its fault modes (with a healthy slot per round), for 30
 * minutes; RSS, V8 heap and open file descriptors are sampled every 10 s.
 * After each change the config is reloaded (POST /-/reload), which lifts the
 * auth blocks a 401/403 fault leaves. Prints a Markdown summary for
 * docs/performance.md; `--json=FILE` keeps every sample.
 *
 *   [MALLOC_...=...] node dist/bench/faultSoak.js [--minutes=30] [--schedule=2] [--rotate=30] [--sample=10] [--json=FILE] [--exporter=main.js]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { FaultSpec } from '../simulator/http/createFaultInjector';
import { liveChatFaultModes } from '../simulator/livechat/liveChatFaultModes';
import { rocketChatFaultModes } from '../simulator/rocketchat/rocketChatFaultModes';
import { machineInfo } from './machineInfo';
import { sampleExporter, sumOf, type ExporterSample } from './sampleExporter';
import { faultySimulatorsConfig, startFaultySimulators } from './startFaultySimulators';
import { startExporterProcess } from './startExporterProcess';
import { formatSoakReport, type SoakSample } from './formatSoakReport';

/** The soak's settings, from the command line. */
interface SoakOptions {
  readonly minutes: number;
  readonly schedule: number;
  readonly rotate: number;
  readonly sample: number;
  readonly json: string | undefined;
  readonly exporter: string | undefined;
}

function parseOptions(argv: readonly string[]): SoakOptions {
  const o: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--(minutes|schedule|rotate|sample|json|exporter)=(.+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    o[m[1]!] = m[2]!;
  }
  const num = (k: string, d: number) => (o[k] === undefined ? d : Number(o[k]));
  return {
    minutes: num('minutes', 30),
    schedule: num('schedule', 2),
    rotate: num('rotate', 30),
    sample: num('sample', 10),
    json: o.json,
    exporter: o.exporter,
  };
}

/** Every fault mode as a spec, both huge_body variants, and a healthy slot (undefined) first. */
function rotation(modes: readonly string[]): (FaultSpec | undefined)[] {
  const out: (FaultSpec | undefined)[] = [undefined];
  for (const mode of modes) {
    if (mode === 'huge_body') out.push({ mode, bytes: 2 * 1024 ** 3 }, { mode, bytes: 48 * 1024 ** 2, chunked: true });
    else if (mode === 'slow') out.push({ mode, delayMs: 3_000 });
    else out.push({ mode, retryAfterSeconds: 5 });
  }
  return out;
}

/** glibc's allocator settings (MALLOC_*) of this process, passed on to the exporter to compare how memory is returned. */
const MALLOC = Object.fromEntries(
  Object.entries(process.env).flatMap(([k, v]) => (k.startsWith('MALLOC_') && v !== undefined ? [[k, v]] : [])),
) as Record<string, string>;

const label = (f: FaultSpec | undefined) => (f ? `${f.mode}${f.chunked ? ' (chunked)' : ''}` : 'none');

async function run(o: SoakOptions, log: (line: string) => void): Promise<string> {
  const machine = machineInfo();
  const sims = await startFaultySimulators();
  const x = await startExporterProcess({
    configYaml: faultySimulatorsConfig(sims, o.schedule),
    env: { ...sims.env, ...MALLOC },
    ...(o.exporter && { mainJs: o.exporter }),
  });
  const rcFaults = rotation(rocketChatFaultModes);
  const lcFaults = rotation(liveChatFaultModes);
  const samples: SoakSample[] = [];
  const t0 = performance.now();
  const end = t0 + o.minutes * 60_000;
  let slot = -1;
  try {
    while (performance.now() < end) {
      const due = Math.floor((performance.now() - t0) / (o.rotate * 1000));
      if (due !== slot) {
        slot = due;
        const rc = rcFaults[slot % rcFaults.length];
        const lc = lcFaults[slot % lcFaults.length];
        sims.rc.faults.clear();
        sims.lc.faults.clear();
        if (rc) sims.rc.faults.add(rc as FaultSpec<(typeof rocketChatFaultModes)[number]>);
        if (lc) sims.lc.faults.add(lc as FaultSpec<(typeof liveChatFaultModes)[number]>);
        await fetch(`${x.url}/-/reload`, { method: 'POST' });
        log(`soak: ${Math.round((performance.now() - t0) / 1000)} s: rc ${label(rc)}, lc ${label(lc)}`);
      }
      const s: ExporterSample = await sampleExporter(x.pid, x.url, t0, loadavg()[0]!);
      samples.push({
        t: s.t,
        rss: s.rss,
        heapUsed: s.heapUsed,
        external: s.external,
        fds: s.fds,
        load: s.load,
        fault: `${label(rcFaults[slot % rcFaults.length])} / ${label(lcFaults[slot % lcFaults.length])}`,
        errors: sumOf(s.metrics, 'livechat_exporter_errors_total'),
        deadlines: sumOf(s.metrics, 'livechat_exporter_poll_deadline_exceeded_total'),
      });
      await new Promise((r) => setTimeout(r, o.sample * 1000));
    }
  } finally {
    await x.close();
    await sims.close();
  }
  if (o.json) writeFileSync(o.json, JSON.stringify({ machine, options: o, samples }, null, 2) + '\n');
  const command = ['node dist/bench/faultSoak.js', ...process.argv.slice(2)].join(' ');
  return formatSoakReport({
    machine,
    command,
    samples,
    rcModes: rcFaults.length,
    lcModes: lcFaults.length,
    malloc: MALLOC,
    ...o,
  });
}

if (require.main === module) {
  run(parseOptions(process.argv.slice(2)), (l) => process.stderr.write(`${l}\n`)).then(
    (report) => process.stdout.write(report + '\n'),
    (err) => {
      process.stderr.write(`soak failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
