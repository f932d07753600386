import { formatDuration } from './formatDuration';

/** A time relative to `now`: "12s ago", "in 42s", or "just now" within a second. */
export function formatAgo(at: number, now: number): string {
  const d = now - at;
  if (Math.abs(d) < 1_000) return 'just now';
  return d > 0 ? `${formatDuration(d)} ago` : `in ${formatDuration(-d)}`;
}
