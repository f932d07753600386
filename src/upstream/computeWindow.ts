import type { WindowSpec } from '../config/types';

/** The instants one window spans, as sent upstream. */
export interface WindowBounds {
  readonly start: Date;
  readonly end: Date;
}

/** Window settings of a target. */
export interface WindowSettings {
  readonly alignMs: number;
  readonly delayMs: number;
  readonly timezone: string;
}

/**
 * `end` is now aligned down to `alignMs`, minus `delayMs`; `start` is `end − window`,
 * or local midnight (in `timezone`) of the day `end` falls in for `today`.
 * Aligning makes replicas and consecutive polls ask identical questions, which
 * also hits Rocket.Chat's 5-second answer cache.
 */
export function computeWindow(now: number, spec: WindowSpec, s: WindowSettings): WindowBounds {
  const aligned = s.alignMs > 0 ? Math.floor(now / s.alignMs) * s.alignMs : now;
  const end = aligned - s.delayMs;
  const start = spec.kind === 'rolling' ? end - spec.durationMs : startOfLocalDay(end, s.timezone);
  return { start: new Date(start), end: new Date(end) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Local wall-clock fields of an instant in a timezone. */
export function localParts(
  t: number,
  timezone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timezone).formatToParts(new Date(t)))
    if (type !== 'literal') p[type] = Number(value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Offset of a timezone from UTC at instant t, in ms (local − UTC). */
function offsetAt(t: number, timezone: string): number {
  const p = localParts(t, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The first instant of the local calendar day containing `t`. Where a DST change
 * skips midnight (e.g. 00:00 → 01:00), that is the first instant that exists.
 */
export function startOfLocalDay(t: number, timezone: string): number {
  const p = localParts(t, timezone);
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);
  // Two passes converge for every real offset change; the clamp handles a skipped midnight.
  let guess = midnightAsUtc - offsetAt(midnightAsUtc, timezone);
  guess = midnightAsUtc - offsetAt(guess, timezone);
  const g = localParts(guess, timezone);
  if (g.day !== p.day) {
    // Midnight did not exist: step forward to the first local instant of the day.
    const back = localParts(guess, timezone);
    const missing = ((24 - back.hour) * 60 - back.minute) * 60_000 - back.second * 1000;
    guess += missing;
  }
  return Math.min(guess, t);
}
