/**
 * Parsers for the value formats Chatwoot sends (docs/upstream/chatwoot.md §4.7). Each returns a
 * number, `null` for "no sample", or `undefined` when the value is malformed (counted as a parse error).
 */

/** A count: a JSON integer, or a numeric string (very old servers). */
export function parseCount(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/**
 * An average in seconds: a Ruby float (`6522.0`), a numeric string (before v2.17.0), or null when no event
 * fell in the window. Between v2.17 and v3.9 `reports/summary` sent 0 instead of null (`zeroIsEmpty`).
 */
export function parseAverage(v: unknown, zeroIsEmpty: boolean): number | null | undefined {
  if (v === null) return null;
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) n = Number(v);
  if (n === undefined || !Number.isFinite(n) || n < 0) return undefined;
  return n === 0 && zeroIsEmpty ? null : n;
}

/** A member id in a row: a positive JSON integer, as a label value. */
export function parseId(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? String(v) : undefined;
}

/** A version as [major, minor, patch]; undefined for anything but `N.N.N` (a suffix such as `-ce` is ignored). */
export function parseVersion(v: unknown): readonly [number, number, number] | undefined {
  const m = typeof v === 'string' ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim()) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Whether version `v` is `since` or later. */
export function atLeast(v: readonly [number, number, number], since: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== since[i]) return v[i]! > since[i]!;
  return true;
}
