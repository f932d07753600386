import type { Conversation } from '../../world/types';
import { dict } from './reportFields';
import type { ReportScope, ReportTable } from './ReportScope';

const QUEUE_LEFT_PAGE_SIZE = 100;

/** Count, min, max and sum of queue waits in seconds. */
interface WaitStats {
  count: number;
  min: number;
  max: number;
  sum: number;
}

const waitStats = (): WaitStats => ({ count: 0, min: Infinity, max: 0, sum: 0 });

function addWait(s: WaitStats, seconds: number): void {
  s.count++;
  s.min = Math.min(s.min, seconds);
  s.max = Math.max(s.max, seconds);
  s.sum += seconds;
}

const renderWaits = (s: WaitStats) => ({ count: s.count, min: s.min, max: s.max, avg: s.sum / s.count });

/** Visitors who left the queue, oldest first. */
function leftQueue(scope: ReportScope): Conversation[] {
  const now = scope.world.now();
  const left: Conversation[] = [];
  scope.eachChat((c) => {
    if (c.leftQueue && c.closedAt <= now) left.push(c);
  }, true);
  return left.sort((a, b) => a.createdAt - b.createdAt || (a.chatId < b.chatId ? -1 : 1));
}

/** One record of queued_visitors_left: the visitor (with details when they left them) and their queue. */
function leftQueueRecord(c: Conversation): Record<string, unknown> {
  return {
    visitor: {
      id: c.visitorId,
      ...(c.visitorHasDetails && {
        name: `Visitor ${c.chatId.slice(0, 4)}`,
        email: `${c.chatId.toLowerCase()}@customer.example`,
      }),
      ip: c.visitorIp,
    },
    queue: {
      duration: Math.round(c.queueWaitMs / 1000),
      group: c.groupId,
      start_date: new Date(c.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}

/** Reports about visitors: queue waits per bucket, who left the queue (paged), and unique visitors. */
export const visitorReports = {
  'chats/queued_visitors'(scope) {
    const now = scope.world.now();
    let total = 0;
    const { records } = scope.bucketed(
      () => ({ left: waitStats(), queued: waitStats() }),
      (a, c) => {
        if (c.queueWaitMs === 0 || c.createdAt + c.queueWaitMs > now) return;
        total++;
        addWait(c.leftQueue ? a.left : a.queued, Math.round(c.queueWaitMs / 1000));
      },
      (a) => ({
        ...(a.left.count > 0 && { left_queue: renderWaits(a.left) }),
        ...(a.queued.count > 0 && { queued: renderWaits(a.queued) }),
      }),
      true,
    );
    return { name: 'queued-visitors-report', total, records };
  },

  'chats/queued_visitors_left'(scope) {
    const { page } = scope.req;
    const left = leftQueue(scope);
    const records = dict<unknown>();
    for (const c of left.slice((page - 1) * QUEUE_LEFT_PAGE_SIZE, page * QUEUE_LEFT_PAGE_SIZE))
      records[c.chatId] = leftQueueRecord(c);
    return {
      name: 'queued-visitors-left-report',
      total: left.length,
      summary: {
        left_without_details: left.filter((c) => !c.visitorHasDetails).length,
        total_pages: Math.max(1, Math.ceil(left.length / QUEUE_LEFT_PAGE_SIZE)),
      },
      records,
    };
  },

  'customers/unique_visitors'(scope) {
    const visitors = new Set<string>();
    let pageViews = 0;
    scope.eachChat((c) => {
      visitors.add(c.visitorId);
      pageViews += c.pageViews;
    }, true);
    return { name: 'visitors-report', summary: { unique_visitors: visitors.size, page_views: pageViews } };
  },
} satisfies ReportTable;
