import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

/** The machine a run happened on, for the report. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly nproc: number;
  readonly memTotalGiB: number;
  /** `free -m`'s output, verbatim. */
  readonly free: string;
  readonly node: string;
  readonly kernel: string;
  /** 1-minute load average when the run started (other processes share the machine). */
  readonly loadAtStart: number;
  readonly date: string;
}

/** Collects MachineInfo (nproc, free, Node version, CPU model). */
export function machineInfo(): MachineInfo {
  let free: string;
  try {
    free = execFileSync('free', ['-m'], { encoding: 'utf8' }).trimEnd();
  } catch {
    free = '(free not available)';
  }
  const c = cpus();
  return {
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    nproc: c.length,
    memTotalGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    free,
    node: process.version,
    kernel: release(),
    loadAtStart: loadavg()[0]!,
    date: new Date().toISOString(),
  };
}
