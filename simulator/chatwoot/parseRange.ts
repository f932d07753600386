import { firstValue } from '../http/parseQuery';
import type { Range } from './answers/summaries';

/**
 * `since`/`until` as DateRangeHelper reads them (§4.1): both present, or a nil range (counts 0, averages
 * null); a value that is not a plain integer makes strptime raise, which is a 500 ('error').
 */
export function parseRange(query: Record<string, string | string[]>): Range | 'error' {
  const since = firstValue(query.since);
  const until = firstValue(query.until);
  if (since === undefined || until === undefined || since === '' || until === '') return null;
  if (!/^-?\d+$/.test(since) || !/^-?\d+$/.test(until)) return 'error';
  return { since: Number(since) * 1000, until: Number(until) * 1000 };
}
