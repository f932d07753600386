import { readFileSync } from 'node:fs';

/**
 * Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, which the Linux ABI fixes at 100 on
 * every architecture Node runs on (`getconf CLK_TCK`).
 */
const USER_HZ = 100;

/**
 * CPU time (user + system) another process has used so far, in ms, from /proc/<pid>/stat: the whole
 * thread group, so worker threads and libuv's pool count too (and threads that already ended).
 * Resolution 10 ms. Throws where /proc is not available.
 */
export function readProcessCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc/${pid}/stat`);
  return ((utime + stime) * 1000) / USER_HZ;
}
