import { localParts } from './computeWindow';

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/**
 * An instant as ISO 8601 local time in `timezone` with milliseconds and its
 * offset, e.g. `2026-11-29T00:00:00.000+05:30`, or with `Z` where the offset is 0.
 * The leading date is then the local calendar date, which is what servers that
 * read only the date written at the start of the string need, while the instant
 * stays exact for everyone who parses all of it (docs/upstream/rocketchat.md §7.3).
 */
export function formatLocalInstant(ms: number, timezone: string): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const p = localParts(seconds, timezone);
  const offsetMin = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds) / 60_000);
  const zone =
    offsetMin === 0
      ? 'Z'
      : `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return `${date}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(ms - seconds, 3)}${zone}`;
}
