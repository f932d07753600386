import type { RequestLogEntry } from '../../simulator/http/createRequestLog';
import { seriesKey } from './parseExposition';

/**
 * What the exporter should export for what Chatwoot served, computed from the logged response bodies with
 * parsers written here, independently of the exporter's endpoint table and value parsers.
 */
const P = 'livechat_exporter_chatwoot_';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Obj;
}
function arr(v: unknown): Obj[] {
  if (!Array.isArray(v)) throw new Error(`not an array: ${JSON.stringify(v)}`);
  return v.map(obj);
}
function int(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`not an integer: ${JSON.stringify(v)}`);
  return v;
}

/** Names by id from the discovery answers in the log. */
function names(log: readonly RequestLogEntry[], what: string, key: string): Map<string, string> {
  const e = [...log].reverse().find((x) => x.path.endsWith(`/${what}`) && x.status === 200);
  if (!e) return new Map();
  const body = e.responseBody;
  const list = Array.isArray(body) ? arr(body) : arr(obj(body).payload);
  return new Map(list.map((x) => [String(int(x.id)), String(x[key])]));
}

/** The window label of a windowed request, by its since/until. */
export type WindowOf = (since: string, until: string) => string;

/** Expected series (key → value) for the last answer of each distinct request in `log`. */
export function expectedChatwootSeries(
  target: string,
  log: readonly RequestLogEntry[],
  windowOf: WindowOf,
): Map<string, number> {
  const out = new Map<string, number>();
  const set = (name: string, labels: Record<string, string>, v: number | null) => {
    if (v !== null) out.set(seriesKey(P + name, { target, ...labels }), v);
  };
  const dirs = {
    team: names(log, 'teams', 'name'),
    agent: names(log, 'agents', 'name'),
    inbox: names(log, 'inboxes', 'name'),
  };
  for (const e of log) {
    if (e.status !== 200) continue;
    const q = e.query as Record<string, string>;
    const body = e.responseBody;
    const w: Record<string, string> = q.since !== undefined ? { window: windowOf(q.since, q.until!) } : {};
    if (e.path.endsWith('/live_reports/conversation_metrics')) liveAccount(set, obj(body));
    else if (e.path.endsWith('/grouped_conversation_metrics')) grouped(set, q.group_by!, arr(body), dirs);
    else if (e.path.endsWith('/conversations/meta')) meta(set, q, obj(obj(body).meta), dirs.inbox);
    else if (e.path.endsWith('/reports/summary')) accountSummary(set, w, obj(body));
    else if (e.path.endsWith('/reports')) {
      const total = arr(body).reduce((sum, b) => sum + int(b.count), 0);
      set(q.metric === 'reply_time' ? 'replies' : 'first_responses', w, total);
    } else if (e.path.endsWith('/reports/bot_summary')) {
      set('bot_resolutions', w, int(obj(body).bot_resolutions_count));
      set('bot_handoffs', w, int(obj(body).bot_handoffs_count));
    } else if (e.path.includes('/summary_reports/')) {
      const dim = e.path.split('/').pop() as 'inbox' | 'team' | 'agent';
      summaryRows(set, w, dim, arr(body), dirs[dim]);
    }
  }
  return out;
}

type Set = (name: string, labels: Record<string, string>, v: number | null) => void;

function liveAccount(set: Set, b: Obj): void {
  set('live_conversations', { status: 'open' }, int(b.open));
  set('live_conversations', { status: 'pending' }, int(b.pending));
  set('live_unattended_conversations', {}, int(b.unattended));
  set('live_unassigned_conversations', {}, int(b.unassigned));
}

function grouped(set: Set, by: string, rows: Obj[], dirs: { team: Map<string, string>; agent: Map<string, string> }) {
  const dim = by === 'team_id' ? 'team' : 'agent';
  const fields = dim === 'team' ? ['open', 'unattended', 'unassigned'] : ['open', 'unattended'];
  const none = dim === 'team' ? 'No team' : 'Unassigned';
  const seen = new Map<string, Obj>([['none', {}], ...[...dirs[dim].keys()].map((id) => [id, {}] as [string, Obj])]);
  for (const r of rows) seen.set(r[by] === null ? 'none' : String(int(r[by])), r);
  for (const [id, r] of seen)
    for (const f of fields)
      set(
        `live_${dim}_${f}_conversations`,
        { [`${dim}_id`]: id, [`${dim}_name`]: id === 'none' ? none : (dirs[dim].get(id) ?? '') },
        r[f] === undefined ? 0 : int(r[f]),
      );
}

function meta(set: Set, q: Record<string, string>, m: Obj, inboxes: Map<string, string>): void {
  const labels = { inbox_id: q.inbox_id!, inbox_name: inboxes.get(q.inbox_id!) ?? '' };
  if (q.conversation_type === 'unattended') set('live_inbox_unattended_conversations', labels, int(m.all_count));
  else {
    set('live_inbox_open_conversations', labels, int(m.all_count));
    set('live_inbox_unassigned_conversations', labels, int(m.unassigned_count));
  }
}

const avg = (v: unknown): number | null => (v === null ? null : (v as number));

function accountSummary(set: Set, w: Record<string, string>, b: Obj): void {
  set('conversations_created', w, int(b.conversations_count));
  set('messages', { ...w, direction: 'incoming' }, int(b.incoming_messages_count));
  set('messages', { ...w, direction: 'outgoing' }, int(b.outgoing_messages_count));
  set('resolutions', w, int(b.resolutions_count));
  set('first_response_time_avg_seconds', w, avg(b.avg_first_response_time));
  set('resolution_time_avg_seconds', w, avg(b.avg_resolution_time));
  set('reply_time_avg_seconds', w, avg(b.reply_time));
}

function summaryRows(set: Set, w: Record<string, string>, dim: string, rows: Obj[], dir: Map<string, string>): void {
  for (const r of rows) {
    const id = String(int(r.id));
    const labels = { ...w, [`${dim}_id`]: id, [`${dim}_name`]: dir.get(id) ?? '' };
    set(`${dim}_conversations_created`, labels, int(r.conversations_count));
    set(`${dim}_resolutions`, labels, int(r.resolved_conversations_count));
    set(`${dim}_first_response_time_avg_seconds`, labels, avg(r.avg_first_response_time));
    set(`${dim}_resolution_time_avg_seconds`, labels, avg(r.avg_resolution_time));
    set(`${dim}_reply_time_avg_seconds`, labels, avg(r.avg_reply_time));
  }
}
