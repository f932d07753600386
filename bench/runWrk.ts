import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One wrk run's outcome; latencies in milliseconds. */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly bytesPerRequest: number;
  /** Socket errors, timeouts and non-2xx/3xx answers. */
  readonly errors: number;
}

/** What to run. */
export interface WrkOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly seconds: number;
  /** Pause of each connection between an answer and its next request (an open-loop-ish pace); default none. */
  readonly delayMs?: number;
}

/** True when `wrk` is on PATH. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** A Lua string literal. */
const lua = (s: string) => JSON.stringify(s);

/**
 * The wrk script: sets the request headers and prints the summary and latency
 * percentiles as one JSON line, so nothing depends on wrk's human output.
 */
function script(headers: Readonly<Record<string, string>>, delayMs: number | undefined): string {
  const set = Object.entries(headers)
    .map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`)
    .join('\n');
  const pace = delayMs ? `delay = function() return ${Math.round(delayMs)} end\n` : '';
  return `${set}
${pace}done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
`;
}

/** Runs wrk (closed loop: each connection sends its next request when the previous answer is read). */
export function runWrk(o: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lce-wrk-'));
  const file = join(dir, 'headers.lua');
  writeFileSync(file, script(o.headers, o.delayMs));
  // One thread per connection up to the machine's two cores; more threads only compete with the servers.
  const threads = Math.min(o.connections, 2);
  const args = [
    '-t',
    String(threads),
    '-c',
    String(o.connections),
    '-d',
    `${o.seconds}s`,
    '--timeout',
    '30s',
    '-s',
    file,
    o.url,
  ];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { maxBuffer: 1 << 20, timeout: (o.seconds + 60) * 1000 }, (err, stdout) => {
      rmSync(dir, { recursive: true, force: true });
      if (err) return reject(new Error(`wrk failed: ${err.message}`, { cause: err }));
      const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (!line) return reject(new Error(`wrk printed no summary:\n${stdout}`));
      const j = JSON.parse(line.slice(8)) as Record<string, number>;
      const seconds = j.duration_us! / 1e6;
      resolve({
        requests: j.requests!,
        seconds,
        rps: j.requests! / seconds,
        p50Ms: j.p50! / 1000,
        p90Ms: j.p90! / 1000,
        p99Ms: j.p99! / 1000,
        maxMs: j.max! / 1000,
        bytesPerRequest: j.requests! > 0 ? j.bytes! / j.requests! : 0,
        errors: j.errors!,
      });
    });
  });
}
