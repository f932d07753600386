/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** A timezone (IANA name or fixed RFC3339 offset) with cheap, cached local-time arithmetic. */
export interface Zone {
  /** The name it was created from ("UTC", "Europe/Berlin", "+02:00"). */
  readonly name: string;
  /** Offset of local time from UTC at instant `ms`, in ms (local = utc + offset). */
  offsetMs(ms: number): number;
  /** Days since 1970-01-01 of the local calendar date at `ms`. */
  localDayIndex(ms: number): number;
  /** Local hour of day (0-23) at `ms`. */
  localHour(ms: number): number;
  /** Local weekday at `ms` (0 = Sunday). */
  weekday(ms: number): number;
  /** The instant of local midnight starting the local day `dayIndex`. */
  startOfLocalDay(dayIndex: number): number;
}

const FIXED_OFFSET = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/** True when `name` is an IANA timezone Intl understands, or a fixed offset like "+05:30"/"Z". */
export function isValidZoneName(name: string): boolean {
  if (FIXED_OFFSET.test(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Days since the epoch for a calendar date (month 1-12). */
export function dayIndexOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** "YYYY-MM-DD" for a day index. */
export function formatDayIndex(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Creates a Zone. Offsets are computed with Intl once per 30-minute block (DST changes fall on such boundaries) and cached, because Intl
 * formatting costs microseconds and the simulators convert thousands of instants per request.
 */
export function createZone(name: string): Zone {
  const fixed = FIXED_OFFSET.exec(name);
  let compute: (ms: number) => number;
  if (fixed || name === 'UTC' || name === 'Etc/UTC' || name === 'GMT') {
    const sign = fixed?.[1] === '-' ? -1 : 1;
    const offset = fixed?.[1] === undefined ? 0 : sign * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
    compute = () => offset;
  } else {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    compute = (ms) => {
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
      return asUtc - Math.floor(ms / 1000) * 1000;
    };
  }
  const BLOCK = 1_800_000;
  const cache = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    const block = Math.floor(ms / BLOCK);
    let off = cache.get(block);
    if (off === undefined) {
      if (cache.size > 50_000) cache.clear(); // bounded; recomputing is cheap enough
      off = compute(block * BLOCK);
      cache.set(block, off);
    }
    return off;
  };
  return {
    name,
    offsetMs,
    localDayIndex: (ms) => Math.floor((ms + offsetMs(ms)) / DAY_MS),
    localHour: (ms) => {
      const local = ms + offsetMs(ms);
      return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
    },
    weekday: (ms) => (((Math.floor((ms + offsetMs(ms)) / DAY_MS) + 4) % 7) + 7) % 7,
    startOfLocalDay(dayIndex) {
      const localMidnight = dayIndex * DAY_MS;
      let guess = localMidnight - offsetMs(localMidnight);
      // One refinement handles DST changes between the guess and the true instant.
      guess = localMidnight - offsetMs(guess);
      return guess;
    },
  };
}
