import { hasRespondedAt } from '../../world/conversationStateAt';
import { nonZero, round2, sumOf } from './reportFields';
import type { ReportTable } from './ReportScope';

/** Reports of average times per bucket: chatting duration, chat duration, response and first response time. */
export const chatTimeReports = {
  'chats/agents_chatting_duration'(scope) {
    const now = scope.world.now();
    const { records, accs } = scope.bucketed(
      () => ({ count: 0, sum: 0 }),
      (a, c) => {
        if (c.closedAt > now) return;
        a.count++;
        a.sum += c.agentChattingSec;
      },
      (a) => nonZero({ count: a.count, seconds: a.count ? Math.round(a.sum / a.count) : 0 }),
    );
    return { name: 'agents-chatting-duration-report', total: sumOf(accs, (a) => a.count), records };
  },

  'chats/duration'(scope) {
    const now = scope.world.now();
    const { records, accs } = scope.bucketed(
      () => ({ count: 0, agents: 0, duration: 0 }),
      (a, c) => {
        if (c.closedAt > now) return;
        a.count++;
        a.agents += c.agentChattingSec;
        a.duration += (c.closedAt - c.servedAt) / 1000;
      },
      (a) =>
        nonZero({
          agents_chatting_duration: a.count ? Math.round(a.agents / a.count) : 0,
          count: a.count,
          duration: a.count ? Math.round(a.duration / a.count) : 0,
        }),
    );
    return { name: 'duration-report', total: sumOf(accs, (a) => a.count), records };
  },

  'chats/response_time'(scope) {
    const now = scope.world.now();
    const { records, accs } = scope.bucketed(
      () => ({ count: 0, sum: 0 }),
      (a, c) => {
        if (!hasRespondedAt(c, now)) return;
        a.count++;
        a.sum += c.avgResponseSec ?? 0;
      },
      (a) => nonZero({ count: a.count, response_time: a.count ? round2(a.sum / a.count) : 0 }),
    );
    return { name: 'response-time-report', total: sumOf(accs, (a) => a.count), records };
  },

  'chats/first_response_time'(scope) {
    const now = scope.world.now();
    const { records, accs } = scope.bucketed(
      () => ({ count: 0, sum: 0 }),
      (a, c) => {
        if (!hasRespondedAt(c, now)) return;
        a.count++;
        // LiveChat measures from the start of the chat (after the queue).
        a.sum += (c.firstResponseSec ?? 0) - c.queueWaitMs / 1000;
      },
      (a) => nonZero({ count: a.count, first_response_time: a.count ? round2(a.sum / a.count) : 0 }),
    );
    return { name: 'first-response-time-report', total: sumOf(accs, (a) => a.count), records };
  },
} satisfies ReportTable;
