import type { Logger } from '../../log/Logger';
import type { Sample } from '../../metrics/Sample';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { UpstreamRequest, UpstreamResponse } from '../../upstream/UpstreamHttp';
import type { Job, JobContext } from '../Source';
import type { Warn } from './aggregateRecords';
import { aggregateLiveState } from './aggregateLiveState';
import { annotateError } from './annotateError';
import { CHATS_PER_PAGE, LIVE_CALLS, liveRequest, liveScopeHint, type LiveCall } from './liveCalls';
import { parseChatsPage, parseGroups, parseRoutingStatuses, type LiveChat } from './parseLiveState';

/** What the live job needs from its source. */
export interface LiveJobDeps {
  /** list_chats pages one cycle reads at most. */
  readonly maxPages: number;
  /** Sends one request the way the source sends every request (backoff gate, region). */
  send(ctx: JobContext, req: UpstreamRequest): Promise<UpstreamResponse>;
  readonly log: Logger;
}

/** The key, and `endpoint` label, of the live job: errors, refusals and freshness of live state are counted under it. */
export const LIVE_JOB = 'live';

/**
 * Problems of one cycle, each reported once with how often it happened: a
 * thousand chats with the same flaw make one parse error, not a thousand.
 */
function createProblemTally(ctx: JobContext): { warn: Warn; flush(): void } {
  const seen = new Map<string, number>();
  return {
    warn: (m) => void seen.set(m, (seen.get(m) ?? 0) + 1),
    flush() {
      for (const [m, n] of seen) ctx.problem(n > 1 ? `${m} (${n} times)` : m);
    },
  };
}

/** The result of walking list_chats: distinct active chats, and whether pages were left unread. */
interface Walk {
  readonly chats: Map<string, LiveChat>;
  readonly truncated: boolean;
  readonly found: number | undefined;
}

/**
 * Creates the live job of a target. One cycle makes, one after the other:
 * list_groups (names, members, routing status), list_routing_statuses, and
 * list_chats with `filters.active` page by page up to max_pages, then counts
 * everything at once, so the gauges describe one moment. One job, so a token
 * without the live scopes gets one refusal, for the first call, and the
 * poller stops asking until a reload; the reports go on.
 */
export function createLiveJob(d: LiveJobDeps): Job {
  let wasTruncated = false;

  /** One call's JSON; errors name the call and, when a scope is missing, the scopes live state needs. */
  async function call(ctx: JobContext, c: LiveCall, pageId?: string): Promise<unknown> {
    try {
      return (await d.send(ctx, liveRequest(c, pageId))).json;
    } catch (err) {
      throw annotateError(err, c.endpoint, liveScopeHint(c));
    }
  }

  async function walk(ctx: JobContext, warn: Warn): Promise<Walk> {
    const chats = new Map<string, LiveChat>();
    let pageId: string | undefined;
    for (let page = 1; ; page++) {
      const p = parseChatsPage(await call(ctx, LIVE_CALLS.chats, pageId), warn);
      // Chats start and end while the pages are read, so one may show up twice: count it once.
      for (const chat of p.chats) chats.set(chat.id, chat);
      if (p.next === undefined) return { chats, truncated: false, found: p.found };
      if (p.next === pageId) throw new UpstreamError('parse', 'list_chats: next_page_id repeats the page just read');
      if (page >= d.maxPages) return { chats, truncated: true, found: p.found };
      pageId = p.next;
    }
  }

  /** Logs when the cap starts and stops cutting the walk (the gauge says it every cycle). */
  function noteTruncation(w: Walk): void {
    if (w.truncated && !wasTruncated)
      d.log.warn('live: list_chats has more pages than live.max_pages; live chat counts are lower bounds', {
        max_pages: d.maxPages,
        chats_read: w.chats.size,
        found_chats_estimate: w.found,
        chats_per_page: CHATS_PER_PAGE,
      });
    else if (!w.truncated && wasTruncated) d.log.info('live: list_chats fits in live.max_pages again');
    wasTruncated = w.truncated;
  }

  return {
    key: LIVE_JOB,
    endpoint: LIVE_JOB,
    labels: {},
    cycle: 'live',
    async run(ctx): Promise<Sample[]> {
      const problems = createProblemTally(ctx);
      try {
        const groups = parseGroups(await call(ctx, LIVE_CALLS.groups), problems.warn);
        const statuses = parseRoutingStatuses(await call(ctx, LIVE_CALLS.statuses), problems.warn);
        const w = await walk(ctx, problems.warn);
        noteTruncation(w);
        return aggregateLiveState({ groups, statuses, chats: w.chats, truncated: w.truncated }, problems.warn);
      } finally {
        problems.flush();
      }
    },
  };
}
