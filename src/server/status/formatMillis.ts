import { formatDuration } from './formatDuration';

/** A measured duration (request, cycle): "84 ms", "2.3 s", then coarse units ("1m 5s") for long ones. */
export function formatMillis(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatDuration(ms);
}
