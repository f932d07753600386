/**
 * Parsers for the value formats Rocket.Chat's dashboards send. Each returns a
 * number, `null` for a legitimate "no data" marker, or `undefined` when the
 * value is malformed (the caller counts a parse error).
 */

/** `"HH:MM:SS"` → seconds. Hours are uncapped ("123:04:05") and seconds may read 60, because upstream floors minutes but rounds seconds. */
export function parseHms(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (isNoData(v)) return null;
  const m = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** `"14%"` or `"33.333333333333336%"` → ratio 0.14. `"NaN%"` (no rooms) is no data. */
export function parsePercentRatio(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v / 100 : undefined;
  if (typeof v !== 'string') return undefined;
  if (isNoData(v) || /^NaN\s*%$/.test(v.trim())) return null;
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*%$/i.exec(v.trim());
  return m ? Number(m[1]) / 100 : undefined;
}

/** `"2PM - 3PM"` (or the older `"1PM- 2PM"`) → the starting hour of day, 0–23. */
export function parseBusiestHour(v: unknown): number | null | undefined {
  if (typeof v !== 'string') return undefined;
  if (isNoData(v)) return null;
  const m = /^(\d{1,2})\s*(AM|PM)\s*-\s*(\d{1,2})\s*(AM|PM)$/i.exec(v.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  if (h < 1 || h > 12) return undefined;
  return (h % 12) + (m[2]!.toUpperCase() === 'PM' ? 12 : 0);
}

/** A plain count: a JSON number, or a numeric string (older builds and overview send some as strings). */
export function parseCount(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (isNoData(v)) return null;
  return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
}

/** Best effort for a title the exporter does not know: count, duration (seconds) or percent (ratio). */
export function parseAny(v: unknown): number | null | undefined {
  for (const parse of [parseCount, parseHms, parsePercentRatio]) {
    const r = parse(v);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Upstream's "no sample" markers: `"-"` and the older `"- -"`. */
export function isNoData(v: string): boolean {
  return /^-(\s*-)?$/.test(v.trim());
}
