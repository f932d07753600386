import { firstValue } from '../../http/parseQuery';

/**
 * `count` and `offset` as getPaginationItems reads them (docs/upstream/rocketchat.md §10): default 50, capped at
 * 100, 0 = everything (API_Allow_Infinite_Count). `count` undefined in the result means no limit.
 */
export function paging(query: Record<string, string | string[]>): { offset: number; count: number | undefined } {
  const rawCount = firstValue(query.count);
  const n = rawCount === undefined ? 50 : Math.max(0, Math.floor(Number(rawCount)));
  const offset = Math.max(0, Math.floor(Number(firstValue(query.offset) ?? 0)));
  return { offset, count: n === 0 ? undefined : Math.min(n, 100) };
}
