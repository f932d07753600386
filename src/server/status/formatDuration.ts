const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/**
 * A coarse, human duration with at most two units: "12s", "3m 5s", "2h",
 * "3d 2h". Below one second it says "0s": ages and periods on the status page
 * do not need more precision.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const total = Math.floor(Math.abs(ms));
  const first = UNITS.findIndex(([, size]) => total >= size);
  if (first < 0) return '0s';
  const [unit, size] = UNITS[first]!;
  const out = `${Math.floor(total / size)}${unit}`;
  const next = UNITS[first + 1];
  if (!next) return out;
  const n = Math.floor((total % size) / next[1]);
  return n > 0 ? `${out} ${n}${next[0]}` : out;
}
