import { readFileSync, writeFileSync } from 'node:fs';

/** Resident set size now and at its peak, in bytes, from /proc (Linux). */
export interface ProcessMemory {
  readonly rss: number;
  readonly peakRss: number;
}

/** Reads VmRSS and VmHWM of another process; zeros where /proc is not available. */
export function readProcessMemory(pid: number): ProcessMemory {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: 0, peakRss: 0 };
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

/**
 * Resets a process' peak RSS (VmHWM) to its current RSS, so a later peak covers only what happened
 * since (`echo 5 > /proc/<pid>/clear_refs`, Linux 4.0+). False where that is not allowed.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
