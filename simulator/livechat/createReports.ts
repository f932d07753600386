import { hasRespondedAt } from '../world/conversationStateAt';
import { deriveSeed } from '../world/createRandom';
import type { World } from '../world/createWorld';
import { HOUR_MS } from '../world/createZone';
import type { Agent, Conversation } from '../world/types';
import { createBucketer } from './createBucketer';
import { createChatFilter } from './createChatFilter';
import type { ReportMethod } from './LiveChatVersion';
import type { ReportRequest } from './parseReportRequest';

/** A report body, exactly as served. */
export type ReportBody = Record<string, unknown>;

const round2 = (n: number): number => Math.round(n * 100) / 100;
/** Drops zero-valued fields: LiveChat omits them inside buckets ("2021-04-13": {"chats": 2}). */
function nonZero(fields: Record<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of Object.entries(fields)) if (v !== 0) out[k] = v;
  return out;
}
/** A null-prototype record, so keys such as "__proto__" (a tag name) are plain keys. */
const dict = <V>(): Record<string, V> => Object.create(null) as Record<string, V>;
const QUEUE_LEFT_PAGE_SIZE = 100;
const FORM_ID = '163654772984908812';
const FIELD_ID = '163654772984903574';

/** Computes LiveChat report bodies from the world at the current clock time. */
export interface Reports {
  run(req: ReportRequest): ReportBody;
}

/** Creates the report computations over `world`. */
export function createReports(deps: { world: World }): Reports {
  const { world } = deps;

  /** Department ids to scan for a groups filter (undefined = all); avoids generating unwanted groups. */
  function departmentIds(req: ReportRequest): string[] | undefined {
    const values = req.groups?.values;
    if (!values) return undefined;
    return world
      .departments()
      .filter((d) => values.includes(d.groupId))
      .map((d) => d.id);
  }

  /** Chats (served conversations whose chat has started by now) matching the request's filters. */
  function eachChat(req: ReportRequest, fn: (c: Conversation) => void, includeUnserved = false): void {
    const now = world.now();
    const match = createChatFilter(req);
    world.forEachConversation(req.from, req.to, departmentIds(req), (c) => {
      if (!includeUnserved && (c.agent === null || c.servedAt > now)) return;
      if (match(c)) fn(c);
    });
  }

  /** Day/hour/... buckets, all present (empty as {}), filled by `add`, finished by `finish`. */
  function bucketed<A>(
    req: ReportRequest,
    init: () => A,
    add: (acc: A, c: Conversation) => void,
    finish: (acc: A) => Record<string, unknown>,
    includeUnserved = false,
  ): { records: Record<string, unknown>; accs: A[] } {
    const b = createBucketer(req.distribution, req.zone, req.from, req.to);
    const accs = new Map<string, A>();
    eachChat(
      req,
      (c) => {
        const key = b.keyOf(c.createdAt);
        let acc = accs.get(key);
        if (acc === undefined) accs.set(key, (acc = init()));
        add(acc, c);
      },
      includeUnserved,
    );
    const records: Record<string, unknown> = {};
    for (const key of b.keys()) {
      const acc = accs.get(key);
      records[key] = acc === undefined ? {} : finish(acc);
    }
    return { records, accs: [...accs.values()] };
  }

  function selectedAgents(req: ReportRequest): Agent[] {
    const deps = departmentIds(req);
    let agents = world.agents().filter((a) => deps === undefined || deps.includes(a.departmentId));
    const f = req.agents;
    if (f?.values) agents = agents.filter((a) => f.values?.includes(a.email));
    if (f?.exclude) agents = agents.filter((a) => !f.exclude?.includes(a.email));
    if (f?.exists === false) agents = [];
    return agents;
  }

  /** Seconds of [from, min(to, now)] that fall in each UTC hour, for availability accounting. */
  function eachHour(req: ReportRequest, fn: (hourStart: number, seconds: number, at: number) => void): void {
    const end = Math.min(req.to, world.now());
    for (let h = Math.floor(req.from / HOUR_MS) * HOUR_MS; h <= end; h += HOUR_MS) {
      const lo = Math.max(h, req.from);
      const hi = Math.min(h + HOUR_MS, end);
      if (hi > lo) fn(h, (hi - lo) / 1000, lo);
    }
  }

  const reports: Record<ReportMethod, (req: ReportRequest) => ReportBody> = {
    'chats/total_chats'(req) {
      const { records, accs } = bucketed(
        req,
        () => ({ total: 0, continuous: 0 }),
        (a, c) => {
          a.total++;
          if (c.continuous) a.continuous++;
        },
        nonZero,
      );
      return { name: 'total-chats-report', total: accs.reduce((s, a) => s + a.total, 0), records };
    },

    'chats/agents_chatting_duration'(req) {
      const now = world.now();
      const { records, accs } = bucketed(
        req,
        () => ({ count: 0, sum: 0 }),
        (a, c) => {
          if (c.closedAt > now) return;
          a.count++;
          a.sum += c.agentChattingSec;
        },
        (a) => nonZero({ count: a.count, seconds: a.count ? Math.round(a.sum / a.count) : 0 }),
      );
      return { name: 'agents-chatting-duration-report', total: accs.reduce((s, a) => s + a.count, 0), records };
    },

    'chats/duration'(req) {
      const now = world.now();
      const { records, accs } = bucketed(
        req,
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
      return { name: 'duration-report', total: accs.reduce((s, a) => s + a.count, 0), records };
    },

    'chats/tags'(req) {
      let total = 0;
      const { records } = bucketed(
        req,
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

    'chats/ratings'(req) {
      const now = world.now();
      const { records, accs } = bucketed(
        req,
        () => ({ bad: 0, chats: 0, good: 0 }),
        (a, c) => {
          a.chats++;
          if (c.rating !== null && c.closedAt <= now) a[c.rating]++;
        },
        nonZero,
      );
      return { name: 'ratings-report', total: accs.reduce((s, a) => s + a.chats, 0), records };
    },

    'chats/ranking'(req) {
      const now = world.now();
      const per = new Map<string, { good: number; bad: number }>();
      eachChat(req, (c) => {
        if (c.rating === null || c.closedAt > now || !c.agent) return;
        const a = per.get(c.agent.email) ?? { good: 0, bad: 0 };
        a[c.rating]++;
        per.set(c.agent.email, a);
      });
      const records = dict<unknown>();
      const ranked = [...per]
        .map(([email, a]) => {
          const n = a.good + a.bad;
          // Wilson lower bound of the smoothed good ratio: a plausible stand-in for LiveChat's ranking score.
          const p = (a.good + 1) / (n + 2);
          const z = 1.96;
          const m = n + 2;
          const score =
            (p + (z * z) / (2 * m) - z * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m))) / (1 + (z * z) / m);
          return { email, total: n, good: a.good, bad: a.bad, score };
        })
        .sort((x, y) => y.score - x.score);
      for (const r of ranked) records[r.email] = { total: r.total, good: r.good, bad: r.bad, score: r.score };
      return { name: 'ranking-report', records };
    },

    'chats/engagement'(req) {
      const { records, accs } = bucketed(
        req,
        () => ({ started_by_customer_from_greeting: 0, started_by_customer_without_greeting: 0, started_by_agent: 0 }),
        (a, c) => {
          a[`started_by_${c.startedBy}`]++;
        },
        nonZero,
      );
      const total = accs.reduce(
        (s, a) => s + a.started_by_agent + a.started_by_customer_from_greeting + a.started_by_customer_without_greeting,
        0,
      );
      return { name: 'engagement-report', total, records };
    },

    'chats/greetings_conversion'(req) {
      let total = 0;
      const b = createBucketer(req.distribution, req.zone, req.from, req.to);
      const { records } = bucketed(
        req,
        () => ({ key: '', greetings: new Map<number, number>() }),
        (a, c) => {
          if (c.greetingId === null) return;
          a.key = b.keyOf(c.createdAt);
          a.greetings.set(c.greetingId, (a.greetings.get(c.greetingId) ?? 0) + 1);
        },
        (a) => {
          const out = dict<unknown>();
          for (const [id, accepted] of [...a.greetings].sort((x, y) => x[0] - y[0])) {
            total += accepted;
            // Displays and dismissals are not modelled per visitor; derive stable, plausible numbers.
            const h = deriveSeed(world.seed, 'greeting', a.key, id);
            const canceled = h % (accepted + 2);
            out[String(id)] = {
              accepted,
              canceled,
              displayed: accepted + canceled + (h % 7),
              goals: (h >>> 3) % (accepted + 1),
            };
          }
          return out;
        },
      );
      return { name: 'greetings-conversion-report', total, records };
    },

    'chats/surveys'(req) {
      const { good, bad } = countRatings(req);
      const records =
        good + bad === 0 ? {} : { 0: { [FORM_ID]: { [FIELD_ID]: nonZero({ 0: good, 1: bad }), count: good + bad } } };
      return { name: 'surveys-report', records };
    },

    'chats/forms'(req) {
      const now = world.now();
      const per = new Map<number, { good: number; bad: number }>();
      eachChat(req, (c) => {
        if (c.rating === null || c.closedAt > now) return;
        const a = per.get(c.groupId) ?? { good: 0, bad: 0 };
        a[c.rating]++;
        per.set(c.groupId, a);
      });
      const records = [...per]
        .sort((x, y) => x[0] - y[0])
        .map(([groupId, a]) => ({
          form_id: `${FORM_ID.slice(0, -3)}${String(groupId).padStart(3, '0')}`,
          count: a.good + a.bad,
          group_id: groupId,
          fields: [
            {
              field_id: FIELD_ID,
              label: 'How would you rate this chat?',
              answers: [
                { answer_id: 0, label: 'Good', count: a.good },
                { answer_id: 1, label: 'Bad', count: a.bad },
              ],
            },
          ],
        }));
      return { name: 'form-report', records };
    },

    'chats/response_time'(req) {
      const now = world.now();
      const { records, accs } = bucketed(
        req,
        () => ({ count: 0, sum: 0 }),
        (a, c) => {
          if (!hasRespondedAt(c, now)) return;
          a.count++;
          a.sum += c.avgResponseSec ?? 0;
        },
        (a) => nonZero({ count: a.count, response_time: a.count ? round2(a.sum / a.count) : 0 }),
      );
      return { name: 'response-time-report', total: accs.reduce((s, a) => s + a.count, 0), records };
    },

    'chats/first_response_time'(req) {
      const now = world.now();
      const { records, accs } = bucketed(
        req,
        () => ({ count: 0, sum: 0 }),
        (a, c) => {
          if (!hasRespondedAt(c, now)) return;
          a.count++;
          // LiveChat measures from the start of the chat (after the queue).
          a.sum += (c.firstResponseSec ?? 0) - c.queueWaitMs / 1000;
        },
        (a) => nonZero({ count: a.count, first_response_time: a.count ? round2(a.sum / a.count) : 0 }),
      );
      return { name: 'first-response-time-report', total: accs.reduce((s, a) => s + a.count, 0), records };
    },

    'chats/groups'(req) {
      let total = 0;
      const { records } = bucketed(
        req,
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

    'chats/queued_visitors'(req) {
      const now = world.now();
      const stats = () => ({ count: 0, min: Infinity, max: 0, sum: 0 });
      const add = (s: ReturnType<typeof stats>, seconds: number): void => {
        s.count++;
        s.min = Math.min(s.min, seconds);
        s.max = Math.max(s.max, seconds);
        s.sum += seconds;
      };
      const out = (s: ReturnType<typeof stats>) => ({ count: s.count, min: s.min, max: s.max, avg: s.sum / s.count });
      let total = 0;
      const { records } = bucketed(
        req,
        () => ({ left: stats(), queued: stats() }),
        (a, c) => {
          if (c.queueWaitMs === 0 || c.createdAt + c.queueWaitMs > now) return;
          total++;
          add(c.leftQueue ? a.left : a.queued, Math.round(c.queueWaitMs / 1000));
        },
        (a) => ({
          ...(a.left.count > 0 && { left_queue: out(a.left) }),
          ...(a.queued.count > 0 && { queued: out(a.queued) }),
        }),
        true,
      );
      return { name: 'queued-visitors-report', total, records };
    },

    'chats/queued_visitors_left'(req) {
      const now = world.now();
      const left: Conversation[] = [];
      eachChat(
        req,
        (c) => {
          if (c.leftQueue && c.closedAt <= now) left.push(c);
        },
        true,
      );
      left.sort((a, b) => a.createdAt - b.createdAt || (a.chatId < b.chatId ? -1 : 1));
      const pageItems = left.slice((req.page - 1) * QUEUE_LEFT_PAGE_SIZE, req.page * QUEUE_LEFT_PAGE_SIZE);
      const records = dict<unknown>();
      for (const c of pageItems) {
        records[c.chatId] = {
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

    'customers/unique_visitors'(req) {
      const visitors = new Set<string>();
      let pageViews = 0;
      eachChat(
        req,
        (c) => {
          visitors.add(c.visitorId);
          pageViews += c.pageViews;
        },
        true,
      );
      return { name: 'visitors-report', summary: { unique_visitors: visitors.size, page_views: pageViews } };
    },

    'agents/availability'(req) {
      const agents = selectedAgents(req);
      const b = createBucketer(req.distribution, req.zone, req.from, req.to);
      const seconds = new Map<string, number>();
      // The chat is "available" while at least one selected agent accepts chats.
      eachHour(req, (h, secs, at) => {
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

    'agents/performance'(req) {
      const now = world.now();
      const agents = selectedAgents(req);
      type Perf = {
        chats: number;
        good: number;
        bad: number;
        frCount: number;
        frSum: number;
        chatting: number;
        accepting: number;
        loggedIn: number;
      };
      const per = new Map<string, Perf>(
        agents.map((a) => [
          a.email,
          { chats: 0, good: 0, bad: 0, frCount: 0, frSum: 0, chatting: 0, accepting: 0, loggedIn: 0 },
        ]),
      );
      eachChat(req, (c) => {
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
      eachHour(req, (h, secs) => {
        for (const a of agents) {
          const p = per.get(a.email);
          const status = world.agentStatus(a, h);
          if (!p || status === 'offline') continue;
          p.loggedIn += secs;
          if (status === 'available') p.accepting += secs;
        }
      });
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
      return {
        name: 'performance-report',
        records,
        summary: {
          chats_count: sum.chats_count,
          chats_rated_bad: sum.chats_rated_bad,
          chats_rated_good: sum.chats_rated_good,
          first_response_chats_count: sum.first_response_chats_count,
          first_response_time: sum.first_response_chats_count ? sum.frSum / sum.first_response_chats_count : 0,
        },
      };
    },

    'tags/chat_usage'(req) {
      const counts = new Map<string, number>();
      eachChat(req, (c) => {
        for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      });
      const records = dict<number>();
      for (const [t, n] of [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) records[t] = n;
      return { name: 'tags-chat-usage-report', records };
    },
  };

  function countRatings(req: ReportRequest): { good: number; bad: number } {
    const now = world.now();
    const r = { good: 0, bad: 0 };
    eachChat(req, (c) => {
      if (c.rating !== null && c.closedAt <= now) r[c.rating]++;
    });
    return r;
  }

  return { run: (req) => reports[req.method](req) };
}
