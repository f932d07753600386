import type { MachineInfo } from './machineInfo';
import type { ExporterSample } from './sampleExporter';

/** One sample of the soak, as kept: the exporter sample without its /metrics text, and what was going on. */
export interface SoakSample extends Omit<ExporterSample, 'metrics'> {
  /** The faults active (Rocket.Chat / LiveChat). */
  readonly fault: string;
  /** errors_total summed over everything so far. */
  readonly errors: number;
  /** poll_deadline_exceeded_total summed so far. */
  readonly deadlines: number;
}

/** What the report needs. */
export interface SoakReportInput {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly samples: readonly SoakSample[];
  readonly minutes: number;
  readonly schedule: number;
  readonly rotate: number;
  readonly rcModes: number;
  readonly lcModes: number;
  /** glibc allocator settings the exporter ran with, if any. */
  readonly malloc: Readonly<Record<string, string>>;
}

const MiB = (b: number) => (b / 2 ** 20).toFixed(1);

function range(values: readonly number[], f: (n: number) => string): string {
  if (values.length === 0) return '—';
  const sorted = [...values].sort((a, b) => a - b);
  return `${f(sorted[0]!)} / ${f(sorted[Math.floor(sorted.length / 2)]!)} / ${f(sorted[sorted.length - 1]!)}`;
}

/** Per 5-minute window: RSS, heap and fds as min / median / max, and the load average. */
export function formatSoakReport(r: SoakReportInput): string {
  const windows = new Map<number, SoakSample[]>();
  for (const s of r.samples) {
    const w = Math.floor(s.t / 300);
    if (!windows.has(w)) windows.set(w, []);
    windows.get(w)!.push(s);
  }
  const last = r.samples[r.samples.length - 1];
  const lines = [
    `Fault soak, ${r.machine.date}: ${r.minutes} min, schedule every ${r.schedule} s, fault rotated every ${r.rotate} s`,
    `(Rocket.Chat: ${r.rcModes} slots, LiveChat: ${r.lcModes} slots, each round starting with a healthy one), ${r.machine.cpuModel},`,
    `nproc ${r.machine.nproc}, Node ${r.machine.node}, load average ${r.machine.loadAtStart.toFixed(2)} at start${
      Object.keys(r.malloc).length
        ? `, exporter run with ${Object.entries(r.malloc)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : ''
    }.`,
    `Command: \`${r.command}\``,
    '',
    '| minutes | RSS MiB (min / median / max) | heap used MiB | external MiB | open fds | load avg (1 min) |',
    '|---|---|---|---|---|---|',
  ];
  for (const [w, ss] of windows)
    lines.push(
      `| ${w * 5}–${w * 5 + 5} | ${range(
        ss.map((s) => s.rss),
        MiB,
      )} | ${range(
        ss.map((s) => s.heapUsed),
        MiB,
      )} | ${range(
        ss.map((s) => s.external),
        MiB,
      )} | ${range(
        ss.map((s) => s.fds),
        String,
      )} | ${range(
        ss.map((s) => s.load),
        (n) => n.toFixed(2),
      )} |`,
    );
  if (last)
    lines.push(
      '',
      `${r.samples.length} samples; at the end ${last.errors} errors counted, ${last.deadlines} cycles cut at their deadline.`,
    );
  return lines.join('\n');
}
