import type { Conversation } from '../../world/types';
import type { ReportRequest, ValueFilter } from '../parseReportRequest';

function matchList<T>(filter: ValueFilter<T> | undefined, items: readonly T[]): boolean {
  if (!filter) return true;
  if (filter.exists !== undefined && filter.exists !== items.length > 0) return false;
  if (filter.values) {
    const hit = filter.requireEvery
      ? filter.values.every((v) => items.includes(v))
      : filter.values.some((v) => items.includes(v));
    if (!hit) return false;
  }
  if (filter.exclude && filter.exclude.some((v) => items.includes(v))) return false;
  return true;
}

/** Predicate for the groups/agents/tags/customer_countries filters of a request. */
export function createChatFilter(req: ReportRequest): (c: Conversation) => boolean {
  const { groups, agents, tags, countries } = req;
  return (c) =>
    matchList(groups, [c.groupId]) &&
    matchList(agents, c.agent ? [c.agent.email] : []) &&
    matchList(tags, c.tags) &&
    matchList(countries, [c.country]);
}
