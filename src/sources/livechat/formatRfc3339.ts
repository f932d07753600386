import { localParts } from '../../upstream/computeWindow';

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/**
 * An instant as RFC 3339 local time in `timezone` with its explicit offset,
 * e.g. `2024-05-15T16:30:00+02:00` (never `-00:00`, which RFC 3339 reserves for
 * "offset unknown"). Seconds resolution: windows are aligned, and LiveChat's
 * v3.2 derives its reporting timezone from this offset.
 */
export function formatRfc3339(ms: number, timezone: string): string {
  const t = Math.floor(ms / 1000) * 1000;
  const p = localParts(t, timezone);
  const offsetMin = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
}
