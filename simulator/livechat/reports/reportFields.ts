/** A report body, exactly as served. */
export type ReportBody = Record<string, unknown>;

/** Rounds to two decimals, as LiveChat's averages are. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Drops zero-valued fields: LiveChat omits them inside buckets ("2021-04-13": {"chats": 2}). */
export function nonZero(fields: Record<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of Object.entries(fields)) if (v !== 0) out[k] = v;
  return out;
}

/** A null-prototype record, so keys such as "__proto__" (a tag name) are plain keys. */
export const dict = <V>(): Record<string, V> => Object.create(null) as Record<string, V>;

/** Sum of `count(a)` over the accumulators, for a report's `total`. */
export const sumOf = <A>(accs: readonly A[], count: (a: A) => number): number => accs.reduce((s, a) => s + count(a), 0);
