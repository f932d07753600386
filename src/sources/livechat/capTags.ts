/**
 * The `tag` label value of the series that sums every tag beyond `tags_limit`.
 * A real tag with exactly this name is always counted into it as well, so the
 * value can never mean two things.
 */
export const OTHER_TAG = '__other__';

/**
 * Keeps the `limit` largest tags (ties by name, so the choice is stable) and
 * sums the rest into OTHER_TAG, which is always present (0 when nothing was
 * capped) so that the sum over `tag` is the same whatever the limit.
 */
export function capTags(counts: ReadonlyMap<string, number>, limit: number): [string, number][] {
  const ranked = [...counts]
    .filter(([tag]) => tag !== OTHER_TAG)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = ranked.slice(0, limit);
  let other = counts.get(OTHER_TAG) ?? 0;
  for (const [, n] of ranked.slice(limit)) other += n;
  return [...kept, [OTHER_TAG, other]];
}
