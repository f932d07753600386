import type { RequestLogEntry } from '../../simulator/http/createRequestLog';
import { endpointOfPath } from './startRocketChat';
import { seriesKey } from './parseExposition';

/**
 * What the exporter should export for what Rocket.Chat served, computed from the
 * logged response bodies with parsers written here, independently of the
 * exporter's own endpoint table and value parsers.
 */
export interface ExpectationContext {
  readonly target: string;
  /** Window label by `start|end` as sent upstream. */
  readonly windowOf: (start: string, end: string) => string;
  /** Department name by id, as discovery or the config names them. */
  readonly departmentName: (id: string) => string;
  /** Department id by name (chats-per-department is keyed by name); '' when unknown. */
  readonly departmentId: (name: string) => string;
  /** Every polled department id (a listing of live rooms exports zeros for departments without rooms). */
  readonly departmentIds?: readonly string[];
}

const P = 'livechat_exporter_rocketchat_';

/** A JSON object from a response body; anything else fails the test. */
function obj(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

/** A JSON number, or null (no sample); anything else fails the test. */
function num(v: unknown): number | null {
  if (v === null || typeof v === 'number') return v;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

/** "HH:MM:SS" → seconds; "-" → no sample. */
function hms(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (v === '-' || v === '- -') return null;
  const parts = String(v).split(':').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n)))
    throw new Error(`not HH:MM:SS: ${JSON.stringify(v)}`);
  return parts[0]! * 3600 + parts[1]! * 60 + parts[2]!;
}

/** "14%" → 0.14. */
function percent(v: unknown): number | null {
  if (v === '-' || v === '- -') return null;
  const s = String(v);
  if (!s.endsWith('%')) throw new Error(`not a percentage: ${JSON.stringify(v)}`);
  return parseFloat(s) / 100;
}

/** "2PM - 3PM" → 14; "12AM - 1AM" → 0. */
function hour(v: unknown): number | null {
  if (v === '-' || v === '- -') return null;
  const m = /^(\d+)\s*(AM|PM)/.exec(String(v));
  if (!m) throw new Error(`not an hour range: ${JSON.stringify(v)}`);
  const h = Number(m[1]) % 12;
  return m[2] === 'PM' ? h + 12 : h;
}

function count(v: unknown): number | null {
  if (typeof v !== 'number') throw new Error(`not a number: ${JSON.stringify(v)}`);
  return v;
}

const TITLES: Record<string, Record<string, [string, (v: unknown) => number | null]>> = {
  'conversation-totalizers': {
    Total_conversations: ['conversations', count],
    Open_conversations: ['open_conversations', count],
    On_Hold_conversations: ['onhold_conversations', count],
    Total_messages: ['messages', count],
    Total_visitors: ['visitors', count],
  },
  'chats-totalizers': {
    Total_abandoned_chats: ['abandoned_chats', count],
    Avg_of_abandoned_chats: ['abandoned_chats_ratio', percent],
    Avg_of_chat_duration_time: ['chat_duration_avg_seconds', hms],
  },
  'productivity-totalizers': {
    Avg_response_time: ['response_time_avg_seconds', hms],
    Avg_first_response_time: ['first_response_time_avg_seconds', hms],
    Avg_reaction_time: ['reaction_time_avg_seconds', hms],
    Avg_of_waiting_time: ['waiting_time_avg_seconds', hms],
  },
  'agents-productivity-totalizers': {
    Busiest_time: ['busiest_hour', hour],
    Avg_of_available_service_time: ['available_service_time_avg_seconds', hms],
    Avg_of_service_time: ['service_time_avg_seconds', hms],
  },
};

/**
 * Expected data series (name → value by seriesKey) for the last successful answer
 * of every distinct question in `log`. Department discovery adds the departments gauge.
 */
export function expectedRocketChatSeries(
  log: readonly RequestLogEntry[],
  ctx: ExpectationContext,
): Map<string, number> {
  // The last answer per question wins, as in the exporter.
  const last = new Map<string, RequestLogEntry>();
  for (const e of log) {
    if (e.status !== 200 || endpointOfPath(e.path) === undefined) continue;
    last.set(`${e.path}?${JSON.stringify(Object.entries(e.query).sort())}`, e);
  }
  const out = new Map<string, number>();
  const put = (name: string, labels: Record<string, string>, v: number | null) => {
    if (v === null) return;
    const key = seriesKey(P + name, { target: ctx.target, ...labels });
    if (out.has(key)) throw new Error(`two answers for ${key}`);
    out.set(key, v);
  };
  let departmentsSeen = 0;
  const live: RequestLogEntry[] = [];
  for (const e of last.values()) {
    const endpoint = endpointOfPath(e.path)!;
    const body = obj(e.responseBody);
    const q = e.query as Record<string, string>;
    if (endpoint === 'livechat-department') {
      departmentsSeen += (body.departments as unknown[]).length;
      continue;
    }
    if (endpoint.startsWith('livechat-')) {
      live.push(e);
      continue;
    }
    const dep = q.departmentId ?? 'all';
    const depLabels = { department: dep, department_name: dep === 'all' ? 'All departments' : ctx.departmentName(dep) };
    const win: Record<string, string> = q.start !== undefined ? { window: ctx.windowOf(q.start, q.end!) } : {};
    const labels = { ...depLabels, ...win };
    const titles = TITLES[endpoint];
    if (titles) {
      for (const { title, value } of body.totalizers as { title: string; value: unknown }[]) {
        const rule = titles[title];
        if (rule) put(rule[0], labels, rule[1](value));
        else put('totalizer', { ...labels, endpoint, title }, typeof value === 'number' ? value : hms(value));
      }
      continue;
    }
    switch (endpoint) {
      case 'charts-chats':
        for (const state of ['open', 'closed', 'queued', 'onhold'])
          put('chats', { ...labels, state }, num(body[state] ?? 0));
        break;
      case 'charts-agents-status':
        for (const status of ['available', 'away', 'busy', 'offline'])
          put('agents', { ...labels, status }, num(body[status] ?? 0));
        break;
      case 'charts-timings':
        for (const [key, timing] of [
          ['response', 'response'],
          ['reaction', 'reaction'],
          ['chatDuration', 'chat_duration'],
        ] as const) {
          put('timing_avg_seconds', { ...labels, timing }, num(obj(body[key]).avg));
          put('timing_longest_seconds', { ...labels, timing }, num(obj(body[key]).longest));
        }
        break;
      case 'charts-chats-per-department':
        for (const [name, v] of Object.entries(body)) {
          if (name === 'success') continue;
          const d = { ...win, department: ctx.departmentId(name), department_name: name };
          put('department_chats', { ...d, state: 'open' }, num(obj(v).open ?? 0));
          put('department_chats', { ...d, state: 'closed' }, num(obj(v).closed ?? 0));
        }
        break;
      case 'charts-chats-per-agent':
        for (const [agent, v] of Object.entries(body)) {
          if (agent === 'success') continue;
          for (const state of ['open', 'closed', 'onhold'])
            put('agent_chats', { ...labels, agent, state }, num(obj(v)[state] ?? 0));
        }
        break;
      default:
        throw new Error(`unexpected endpoint ${endpoint}`);
    }
  }
  if (departmentsSeen > 0) put('departments', {}, departmentsSeen);
  expectLive(live, ctx, put);
  return out;
}

type Put = (name: string, labels: Record<string, string>, v: number | null) => void;
const depLabels = (ctx: ExpectationContext, id: string) => ({
  department: id,
  department_name: id === 'all' ? 'All departments' : ctx.departmentName(id),
});

/**
 * The live series: rooms (counted with count=1 per department, or listed 100 a page and grouped here), agents by
 * status and each department's `online`, from the logged answers of a newest (6.11+) server.
 */
function expectLive(log: readonly RequestLogEntry[], ctx: ExpectationContext, put: Put): void {
  const rooms = log.filter((e) => endpointOfPath(e.path) === 'livechat-rooms');
  const state = (q: Record<string, string>) => (q.queued ? 'queued' : q.onhold ? 'onhold' : 'open');
  const listed = {
    queued: [] as Record<string, unknown>[],
    open: [] as Record<string, unknown>[],
    onhold: [] as Record<string, unknown>[],
  };
  for (const e of rooms) {
    const q = e.query as Record<string, string>;
    const body = obj(e.responseBody);
    if (q.count === '100') {
      listed[state(q)].push(...(body.rooms as Record<string, unknown>[]));
      continue;
    }
    const labels = depLabels(ctx, q.departmentId ?? 'all');
    put('live_conversations', { ...labels, state: state(q) }, count(body.total));
    const first = (body.rooms as { ts: string }[])[0];
    if (state(q) === 'queued' && first)
      put('live_oldest_queued_timestamp_seconds', labels, Date.parse(first.ts) / 1000);
  }
  if (rooms.length > 0) {
    put('rooms_queued_filter', {}, 1);
    put('rooms_listing', {}, rooms.some((e) => e.query.count === '100') ? 1 : 0);
  }
  if (rooms.some((e) => e.query.count === '100')) {
    for (const id of ['all', ...(ctx.departmentIds ?? [])]) {
      const mine = (list: Record<string, unknown>[]) => list.filter((r) => id === 'all' || r.departmentId === id);
      for (const s of ['queued', 'open', 'onhold'] as const)
        put('live_conversations', { ...depLabels(ctx, id), state: s }, mine(listed[s]).length);
      const ts = mine(listed.queued).map((r) => Date.parse(r.ts as string));
      if (ts.length > 0) put('live_oldest_queued_timestamp_seconds', depLabels(ctx, id), Math.min(...ts) / 1000);
    }
  }
  expectAgents(log, ctx, put);
  for (const e of log.filter((x) => endpointOfPath(x.path) === 'livechat-config')) {
    const online = obj(obj(e.responseBody).config).online;
    put('live_department_online', depLabels(ctx, (e.query.department as string | undefined) ?? 'all'), online ? 1 : 0);
  }
}

/** Agents by status per department: presence while available for Omnichannel, else not_available. */
function expectAgents(log: readonly RequestLogEntry[], ctx: ExpectationContext, put: Put): void {
  const pages = log.filter((e) => endpointOfPath(e.path) === 'livechat-users-agent');
  if (pages.length === 0) return;
  const users = pages.flatMap((e) => obj(e.responseBody).users as Record<string, unknown>[]);
  const statusOf = (u: Record<string, unknown>) =>
    u.statusLivechat !== 'available' ? 'not_available' : u.status === 'online' ? 'available' : String(u.status);
  for (const id of ['all', ...(ctx.departmentIds ?? [])]) {
    const mine = users.filter((u) => id === 'all' || (u.departments as string[]).includes(id));
    for (const status of ['available', 'away', 'busy', 'offline', 'not_available'])
      put('live_agents', { ...depLabels(ctx, id), status }, mine.filter((u) => statusOf(u) === status).length);
  }
}
