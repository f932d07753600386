import { readdirSync } from 'node:fs';
import { readProcessMemory } from './readProcessMemory';

/** One look at the exporter process: memory from /proc, heap and counters from its /metrics. */
export interface ExporterSample {
  /** Seconds since the run started. */
  readonly t: number;
  readonly rss: number;
  /** V8 heap in use (nodejs_heap_size_used_bytes), not after a forced GC. */
  readonly heapUsed: number;
  /** Memory of objects outside the V8 heap, Buffers included (nodejs_external_memory_bytes). */
  readonly external: number;
  /** Entries in /proc/<pid>/fd. */
  readonly fds: number;
  /** 1-minute load average of the machine. */
  readonly load: number;
  /** The /metrics body as text, for counters the caller wants. */
  readonly metrics: string;
}

/** Open file descriptors of a process (Linux); 0 where /proc is not readable. */
function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/** The sum of a family's samples in an exposition whose label text contains every one of `parts`. */
export function sumOf(metrics: string, name: string, ...parts: string[]): number {
  let sum = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (parts.every((p) => line.includes(p))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Samples the exporter process `pid` serving on `url`; `t0` is the run's start (performance.now()). */
export async function sampleExporter(pid: number, url: string, t0: number, load: number): Promise<ExporterSample> {
  const metrics = await fetch(`${url}/metrics`).then((r) => r.text());
  return {
    t: Math.round((performance.now() - t0) / 1000),
    rss: readProcessMemory(pid).rss,
    heapUsed: sumOf(metrics, 'nodejs_heap_size_used_bytes'),
    external: sumOf(metrics, 'nodejs_external_memory_bytes'),
    fds: openFds(pid),
    load,
    metrics,
  };
}
