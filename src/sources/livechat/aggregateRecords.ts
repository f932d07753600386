import { UpstreamError } from '../../upstream/UpstreamError';

/**
 * Helpers that fold a report's buckets into one value per window. Bucket keys
 * are treated as opaque: only `day` keys are documented, and the sum over all
 * buckets is the window's value whatever the distribution.
 */

/** Where value-level problems go; a malformed value is skipped and counted, the rest of the report still counts. */
export interface Warn {
  (message: string): void;
}

/** A report body's `records` mapping as [key, bucket] pairs; absent means no buckets. */
export function recordsOf(json: Record<string, unknown>, report: string): [string, unknown][] {
  const r = json.records;
  if (r === undefined || r === null) return [];
  if (typeof r !== 'object' || Array.isArray(r))
    throw new UpstreamError('parse', `${report}: "records" is not an object`);
  return Object.entries(r as Record<string, unknown>);
}

/** Describes a key for messages: quoted and short, since keys are upstream strings. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}

/**
 * A number field: absent or null is 0 (upstream omits zero-valued fields);
 * numeric strings are tolerated; anything else is reported and yields undefined.
 */
export function readNumber(v: unknown, what: string, warn: Warn): number | undefined {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  warn(`${what}: cannot parse ${JSON.stringify(v)?.slice(0, 60)}`);
  return undefined;
}

/** A bucket must be an object (`{}` when empty); anything else is reported and skipped. */
export function bucketObject(v: unknown, what: string, warn: Warn): Record<string, unknown> | undefined {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  warn(`${what}: expected an object, got ${JSON.stringify(v)?.slice(0, 60)}`);
  return undefined;
}

/** Σ bucket[field] over every bucket. */
export function sumField(buckets: readonly [string, unknown][], field: string, what: string, warn: Warn): number {
  let sum = 0;
  for (const [key, raw] of buckets) {
    const b = bucketObject(raw, `${what} ${quoteKey(key)}`, warn);
    const v = b && readNumber(b[field], `${what} ${quoteKey(key)}.${field}`, warn);
    if (v !== undefined) sum += v;
  }
  return sum;
}

/** A weighted mean: its weight and the mean, which is undefined when the weight is 0. */
export interface WeightedMean {
  readonly count: number;
  readonly mean: number | undefined;
}

/**
 * Σ(count·avg) / Σcount over buckets. Upstream's averages are per bucket, so the
 * window's average must weight each by its count; a bucket with a count but no
 * average field has average 0 (zero-valued fields are omitted upstream).
 */
export function weightedMean(
  buckets: readonly [string, unknown][],
  countField: string,
  avgField: string,
  what: string,
  warn: Warn,
): WeightedMean {
  let count = 0;
  let sum = 0;
  for (const [key, raw] of buckets) {
    const where = `${what} ${quoteKey(key)}`;
    const b = bucketObject(raw, where, warn);
    if (!b) continue;
    const n = readNumber(b[countField], `${where}.${countField}`, warn);
    const avg = readNumber(b[avgField], `${where}.${avgField}`, warn);
    // Skip the bucket as a whole, so count and mean stay consistent with each other.
    if (n === undefined || avg === undefined || n <= 0) continue;
    count += n;
    sum += n * avg;
  }
  return { count, mean: count > 0 ? sum / count : undefined };
}

/** Per-key sums over buckets shaped `{<key>: number}` (tags, group ids). A Map, since keys such as `__proto__` are data. */
export function sumByKey(buckets: readonly [string, unknown][], what: string, warn: Warn): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, raw] of buckets) {
    const b = bucketObject(raw, `${what} ${quoteKey(key)}`, warn);
    if (!b) continue;
    for (const [k, v] of Object.entries(b)) {
      const n = readNumber(v, `${what} ${quoteKey(key)}.${quoteKey(k)}`, warn);
      if (n !== undefined) out.set(k, (out.get(k) ?? 0) + n);
    }
  }
  return out;
}
