import type { ObjectReader } from '../../config/ObjectReader';
import { formatPrometheusDuration } from '../../config/prometheusDuration';
import { scheduleIntervalMs } from '../../config/scheduleIntervalMs';
import type { CommonSettings } from '../../config/types';

/** The live-state part of a LiveChat target (`live:`): what holds now, on the target's live_schedule. */
export interface LiveOptions {
  /** Off unless the target turns it on: the calls need PAT scopes a Reports token does not have. */
  readonly enabled: boolean;
  /** list_chats pages (100 chats each) one live cycle reads at most; past them the counts are flagged as cut. */
  readonly maxPages: number;
}

/** 1,000 active chats: 12 calls per cycle with list_groups and list_routing_statuses. */
export const DEFAULT_LIVE_MAX_PAGES = 10;
const MAX_LIVE_MAX_PAGES = 100;

/** Live state off, for targets without a `live:` section. */
export const LIVE_OFF: LiveOptions = { enabled: false, maxPages: DEFAULT_LIVE_MAX_PAGES };

/**
 * A budget that cannot carry a full walk on every live cycle would cut it
 * somewhere different each time: refuse it, naming the budget that would fit.
 * Every live call is one request per cycle except list_chats, which takes up to max_pages.
 */
function checkBudget(l: ObjectReader, common: CommonSettings, maxPages: number): void {
  const budget = common.budget;
  if (budget === 'unlimited') return;
  const interval = scheduleIntervalMs(common.liveSchedule, common.timezone);
  if (interval === undefined) return;
  const needed = Math.ceil(budget.perMs / interval) * maxPages;
  if (needed <= budget.requests) return;
  const per = formatPrometheusDuration(budget.perMs);
  l.problem(
    undefined,
    `up to ${maxPages} list_chats pages per live cycle (live.max_pages) every ${formatPrometheusDuration(interval)} (live_schedule) ` +
      `take up to ${needed} requests per ${per}, but the budget allows ${budget.requests} per endpoint per ${per}: ` +
      `set budget to at least {requests: ${needed}, per: ${per}}, or lower live.max_pages, or run live_schedule less often`,
  );
}

/**
 * Reads `live: {enabled, max_pages}`. Live state always comes from the Agent
 * Chat and Configuration APIs v3.6, whatever `api_version` (the Reports API's
 * version) says: v3.5 cannot list only active chats, v3.7 is a closed preview.
 */
export function readLiveOptions(r: ObjectReader, common: CommonSettings): LiveOptions {
  const l = r.object('live');
  if (!l) return LIVE_OFF;
  const enabled = l.boolean('enabled') ?? false;
  const maxPages = l.number('max_pages', { integer: true, min: 1, max: MAX_LIVE_MAX_PAGES }) ?? DEFAULT_LIVE_MAX_PAGES;
  if (l.has('api_version'))
    l.problem(
      'api_version',
      'live state is always read from the Agent Chat and Configuration APIs v3.6 (v3.5 cannot list only active chats); ' +
        "remove this key: the target's api_version only picks the Reports API version",
    );
  l.finish();
  if (enabled) checkBudget(l, common, maxPages);
  return { enabled, maxPages };
}
