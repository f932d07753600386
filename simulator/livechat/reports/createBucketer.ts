import { DAY_MS, formatDayIndex, HOUR_MS, type Zone } from '../../world/createZone';
import type { Distribution } from '../parseReportRequest';

/** Maps instants to report bucket keys and lists every bucket of a window (empty ones included). */
export interface Bucketer {
  /** Bucket key of instant `ms`. */
  keyOf(ms: number): string;
  /** All bucket keys covering [from, to], in order. */
  keys(): string[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Creates a Bucketer. `day` keys are "YYYY-MM-DD" (documented). The others are undocumented upstream;
 * these formats are guesses: hour "YYYY-MM-DD HH:00:00", month "YYYY-MM", year "YYYY", day-hours "HH:00".
 */
export function createBucketer(distribution: Distribution, zone: Zone, from: number, to: number): Bucketer {
  const local = (ms: number): number => ms + zone.offsetMs(ms);
  let indexOf: (ms: number) => number;
  let format: (index: number) => string;
  switch (distribution) {
    case 'hour':
      indexOf = (ms) => Math.floor(local(ms) / HOUR_MS);
      format = (i) => `${formatDayIndex(Math.floor(i / 24))} ${pad(((i % 24) + 24) % 24)}:00:00`;
      break;
    case 'month':
      indexOf = (ms) => {
        const d = new Date(local(ms));
        return d.getUTCFullYear() * 12 + d.getUTCMonth();
      };
      format = (i) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
      break;
    case 'year':
      indexOf = (ms) => new Date(local(ms)).getUTCFullYear();
      format = (i) => String(i);
      break;
    case 'day-hours':
      indexOf = (ms) => Math.floor((((local(ms) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
      format = (i) => `${pad(i)}:00`;
      break;
    default:
      indexOf = (ms) => Math.floor(local(ms) / DAY_MS);
      format = formatDayIndex;
  }
  const memo = new Map<number, string>();
  const keyOfIndex = (i: number): string => {
    let k = memo.get(i);
    if (k === undefined) memo.set(i, (k = format(i)));
    return k;
  };
  return {
    keyOf: (ms) => keyOfIndex(indexOf(ms)),
    keys() {
      const [lo, hi] = distribution === 'day-hours' ? [0, 23] : [indexOf(from), indexOf(to)];
      const out: string[] = [];
      // Cap so a silly window (years of hours) cannot exhaust memory.
      for (let i = lo; i <= hi && out.length < 100_000; i++) out.push(keyOfIndex(i));
      return out;
    },
  };
}
