import { hasRespondedAt } from '../../world/conversationStateAt';
import type { Agent } from '../../world/types';
import { createBucketer } from './createBucketer';
import { dict, round2 } from './reportFields';
import type { ReportScope, ReportTable } from './ReportScope';

/** One agent's performance over the window; times in seconds. */
interface Perf {
  chats: number;
  good: number;
  bad: number;
  frCount: number;
  frSum: number;
  chatting: number;
  accepting: number;
  loggedIn: number;
}

/** Adds each selected agent's chats, ratings, first responses and chatting time. */
function addChats(scope: ReportScope, per: Map<string, Perf>): void {
  const now = scope.world.now();
  scope.eachChat((c) => {
    const p = c.agent ? per.get(c.agent.email) : undefined;
    if (!p) return;
    p.chats++;
    if (c.rating !== null && c.closedAt <= now) p[c.rating === 'good' ? 'good' : 'bad']++;
    if (hasRespondedAt(c, now)) {
      p.frCount++;
      p.frSum += (c.firstResponseSec ?? 0) - c.queueWaitMs / 1000;
    }
    if (c.closedAt <= now) p.chatting += c.agentChattingSec;
  });
}

/** Adds each agent's logged-in and accepting time, hour by hour. */
function addPresence(scope: ReportScope, agents: readonly Agent[], per: Map<string, Perf>): void {
  scope.eachHour((h, secs) => {
    for (const a of agents) {
      const p = per.get(a.email);
      const status = scope.world.agentStatus(a, h);
      if (!p || status === 'offline') continue;
      p.loggedIn += secs;
      if (status === 'available') p.accepting += secs;
    }
  });
}

/** The performance report's records (agents with chats or presence, by email) and its summary. */
function performanceBody(per: Map<string, Perf>): {
  records: Record<string, unknown>;
  summary: Record<string, number>;
} {
  const records = dict<unknown>();
  const sum = { chats_count: 0, chats_rated_bad: 0, chats_rated_good: 0, first_response_chats_count: 0, frSum: 0 };
  for (const [email, p] of [...per].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (p.chats === 0 && p.loggedIn === 0) continue;
    records[email] = {
      accepting_chats_time: Math.round(p.accepting),
      chats_count: p.chats,
      chats_rated_bad: p.bad,
      chats_rated_good: p.good,
      chatting_time: p.chatting,
      first_response_chats_count: p.frCount,
      first_response_time: p.frCount ? p.frSum / p.frCount : 0,
      logged_in_time: Math.round(p.loggedIn),
      not_accepting_chats_time: Math.round(p.loggedIn - p.accepting),
    };
    sum.chats_count += p.chats;
    sum.chats_rated_bad += p.bad;
    sum.chats_rated_good += p.good;
    sum.first_response_chats_count += p.frCount;
    sum.frSum += p.frSum;
  }
  const { frSum, ...counts } = sum;
  const first_response_time = counts.first_response_chats_count ? frSum / counts.first_response_chats_count : 0;
  return { records, summary: { ...counts, first_response_time } };
}

/** Reports about agents: when the chat was available, and each agent's performance. */
export const agentReports = {
  'agents/availability'(scope) {
    const { req, world } = scope;
    const agents = scope.selectedAgents();
    const b = createBucketer(req.distribution, req.zone, req.from, req.to);
    const seconds = new Map<string, number>();
    // The chat is "available" while at least one selected agent accepts chats.
    scope.eachHour((h, secs, at) => {
      if (!agents.some((a) => world.agentStatus(a, h) === 'available')) return;
      const key = b.keyOf(at);
      seconds.set(key, (seconds.get(key) ?? 0) + secs);
    });
    const hourly = req.distribution === 'hour';
    const records: Record<string, unknown> = {};
    let total = 0;
    for (const key of b.keys()) {
      const v = round2((seconds.get(key) ?? 0) / (hourly ? 60 : 3600));
      total += v;
      records[key] = hourly ? { minutes: v } : { hours: v };
    }
    return { name: 'availability-report', total: round2(total), records };
  },

  'agents/performance'(scope) {
    const agents = scope.selectedAgents();
    const per = new Map<string, Perf>(
      agents.map((a) => [
        a.email,
        { chats: 0, good: 0, bad: 0, frCount: 0, frSum: 0, chatting: 0, accepting: 0, loggedIn: 0 },
      ]),
    );
    addChats(scope, per);
    addPresence(scope, agents, per);
    return { name: 'performance-report', ...performanceBody(per) };
  },
} satisfies ReportTable;
