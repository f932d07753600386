import { dict, nonZero, sumOf } from './reportFields';
import type { ReportTable } from './ReportScope';

/** Reports that count chats per bucket: totals, tags, engagement, groups and ratings; and the tags' overall usage. */
export const chatCountReports = {
  'chats/total_chats'(scope) {
    const { records, accs } = scope.bucketed(
      () => ({ total: 0, continuous: 0 }),
      (a, c) => {
        a.total++;
        if (c.continuous) a.continuous++;
      },
      nonZero,
    );
    return { name: 'total-chats-report', total: sumOf(accs, (a) => a.total), records };
  },

  'chats/tags'(scope) {
    let total = 0;
    const { records } = scope.bucketed(
      () => new Map<string, number>(),
      (a, c) => {
        total++;
        for (const t of c.tags) a.set(t, (a.get(t) ?? 0) + 1);
      },
      (a) => {
        const out = dict<number>();
        for (const [t, n] of a) out[t] = n;
        return out;
      },
    );
    return { name: 'tags-report', total, records };
  },

  'chats/ratings'(scope) {
    const now = scope.world.now();
    const { records, accs } = scope.bucketed(
      () => ({ bad: 0, chats: 0, good: 0 }),
      (a, c) => {
        a.chats++;
        if (c.rating !== null && c.closedAt <= now) a[c.rating]++;
      },
      nonZero,
    );
    return { name: 'ratings-report', total: sumOf(accs, (a) => a.chats), records };
  },

  'chats/engagement'(scope) {
    const { records, accs } = scope.bucketed(
      () => ({ started_by_customer_from_greeting: 0, started_by_customer_without_greeting: 0, started_by_agent: 0 }),
      (a, c) => {
        a[`started_by_${c.startedBy}`]++;
      },
      nonZero,
    );
    const total = sumOf(
      accs,
      (a) => a.started_by_agent + a.started_by_customer_from_greeting + a.started_by_customer_without_greeting,
    );
    return { name: 'engagement-report', total, records };
  },

  'chats/groups'(scope) {
    let total = 0;
    const { records } = scope.bucketed(
      () => new Map<number, number>(),
      (a, c) => {
        total++;
        a.set(c.groupId, (a.get(c.groupId) ?? 0) + 1);
      },
      (a) => {
        const out = dict<number>();
        for (const [g, n] of [...a].sort((x, y) => x[0] - y[0])) out[String(g)] = n;
        return out;
      },
    );
    return { name: 'groups-report', total, records };
  },

  'tags/chat_usage'(scope) {
    const counts = new Map<string, number>();
    scope.eachChat((c) => {
      for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    });
    const records = dict<number>();
    for (const [t, n] of [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) records[t] = n;
    return { name: 'tags-chat-usage-report', records };
  },
} satisfies ReportTable;
