import type { MetricDef } from '../../metrics/MetricDef';
import type { Sample } from '../../metrics/Sample';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { CycleName } from '../Source';
import { cw } from './metrics';
import { parseAverage, parseCount, parseId } from './parseValues';

/** Names by id of what discovery found (ids as label strings), in discovery order. */
export interface Directory {
  readonly inboxes: ReadonlyMap<string, string>;
  readonly teams: ReadonlyMap<string, string>;
  readonly agents: ReadonlyMap<string, string>;
  readonly labels: ReadonlyMap<string, string>;
}

/** What a parser gets besides the body. */
export interface ParseContext {
  readonly directory: Directory;
  /** v2.17–v3.9 sent 0 instead of null for an average without events (docs/upstream/chatwoot.md §4.7). */
  readonly zeroIsEmpty: boolean;
  /** The job's inbox, for the per-inbox endpoints. */
  readonly inbox?: { readonly id: string; readonly name: string };
  warn(message: string): void;
}

/** Which Rack::Attack rule besides the per-IP one counts the endpoint (docs/upstream/chatwoot.md §13). */
export type Throttle = 'ip' | 'reports' | 'meta';

/**
 * One Chatwoot endpoint. A new endpoint is its entry here, its metric definitions (metrics.ts) and the
 * simulator's answer; docs/development.md has the checklist.
 */
export interface ChatwootEndpoint {
  /** Config key, `endpoint` label and budget bucket. */
  readonly name: string;
  readonly cycle: CycleName;
  /** Path after `/api/{v1,v2}/accounts/<id>/`; `api` says which. */
  readonly api: 'v1' | 'v2';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Takes since/until (the analytics windows). */
  readonly windowed: boolean;
  /** Asked once per discovered inbox (`inbox_id`). */
  readonly perInbox: boolean;
  /** The first Chatwoot version that has it (docs/upstream/chatwoot.md §14). */
  readonly since: readonly [number, number, number];
  /** Off unless the target enables it (cardinality or the meta throttle). */
  readonly optIn: boolean;
  readonly throttle: Throttle;
  parse(json: unknown, p: ParseContext): Sample[];
}

type Row = Record<string, unknown>;

function object(json: unknown, what: string): Row {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new UpstreamError('parse', `${what}: expected a JSON object`);
  return json as Row;
}

function rows(json: unknown, what: string): Row[] {
  if (!Array.isArray(json)) throw new UpstreamError('parse', `${what}: expected a JSON array`);
  return json.filter((r): r is Row => r !== null && typeof r === 'object' && !Array.isArray(r));
}

function count(out: Sample[], p: ParseContext, metric: MetricDef, labels: Row, raw: unknown, what: string): void {
  const v = parseCount(raw);
  if (v === undefined) p.warn(`${what}: cannot parse ${JSON.stringify(raw)?.slice(0, 60)}`);
  else out.push({ metric, labels: labels as Record<string, string>, value: v });
}

function average(out: Sample[], p: ParseContext, metric: MetricDef, labels: Row, raw: unknown, what: string): void {
  const v = parseAverage(raw, p.zeroIsEmpty);
  if (v === undefined) p.warn(`${what}: cannot parse ${JSON.stringify(raw)?.slice(0, 60)}`);
  else if (v !== null) out.push({ metric, labels: labels as Record<string, string>, value: v });
}

/** `live_reports/conversation_metrics`: `{open, unattended, unassigned, pending}`. */
function parseLiveAccount(json: unknown, p: ParseContext): Sample[] {
  const b = object(json, 'conversation_metrics');
  const out: Sample[] = [];
  count(out, p, cw.liveConversations, { status: 'open' }, b.open, 'conversation_metrics open');
  count(out, p, cw.liveConversations, { status: 'pending' }, b.pending, 'conversation_metrics pending');
  count(out, p, cw.liveUnattended, {}, b.unattended, 'conversation_metrics unattended');
  count(out, p, cw.liveUnassigned, {}, b.unassigned, 'conversation_metrics unassigned');
  return out;
}

/** The live metrics one grouped row gives, by key. */
type GroupedFamilies = readonly (readonly [key: string, metric: MetricDef])[];

/**
 * `grouped_conversation_metrics`: one row per group with at least one open conversation, in no order;
 * the null group holds conversations without team or assignee. Every group discovery knows is
 * zero-filled, then the rows upstream sent overwrite theirs (docs/upstream/chatwoot.md §5.2).
 */
function grouped(dim: 'team' | 'agent', key: string, none: string, families: GroupedFamilies) {
  return (json: unknown, p: ParseContext): Sample[] => {
    const known = dim === 'team' ? p.directory.teams : p.directory.agents;
    const values = new Map<string, Row>([['none', {}], ...[...known.keys()].map((id) => [id, {}] as const)]);
    for (const row of rows(json, `grouped_conversation_metrics ${key}`)) {
      const raw = row[key];
      const id = raw === null ? 'none' : parseId(raw);
      if (id === undefined) p.warn(`grouped_conversation_metrics: bad ${key} ${JSON.stringify(raw)?.slice(0, 40)}`);
      else values.set(id, row);
    }
    const out: Sample[] = [];
    for (const [id, row] of values) {
      const labels = { [`${dim}_id`]: id, [`${dim}_name`]: id === 'none' ? none : (known.get(id) ?? '') };
      for (const [field, metric] of families)
        count(out, p, metric, labels, row[field] ?? 0, `grouped_conversation_metrics ${key}=${id} ${field}`);
    }
    return out;
  };
}

/** `conversations/meta`: `{meta: {mine_count, assigned_count, unassigned_count, all_count}}` for one inbox. */
function meta(fields: GroupedFamilies) {
  return (json: unknown, p: ParseContext): Sample[] => {
    const m = object(object(json, 'conversations/meta').meta, 'conversations/meta meta');
    const labels = { inbox_id: p.inbox?.id ?? '', inbox_name: p.inbox?.name ?? '' };
    const out: Sample[] = [];
    for (const [field, metric] of fields) count(out, p, metric, labels, m[field], `conversations/meta ${field}`);
    return out;
  };
}

/** `summary_reports/{inbox,team,agent}`: one row per member, whether it has data or not (§9.1). */
function summary(dim: 'inbox' | 'team' | 'agent') {
  const m = cw[dim];
  return (json: unknown, p: ParseContext): Sample[] => {
    const names = dim === 'inbox' ? p.directory.inboxes : dim === 'team' ? p.directory.teams : p.directory.agents;
    const out: Sample[] = [];
    for (const row of rows(json, `summary_reports/${dim}`)) {
      const id = parseId(row.id);
      if (id === undefined) {
        p.warn(`summary_reports/${dim}: row without an id`);
        continue;
      }
      const labels = { [`${dim}_id`]: id, [`${dim}_name`]: names.get(id) ?? '' };
      const what = `summary_reports/${dim} id=${id}`;
      // Before v4.0 conversations_count could be null and there was no resolved count: absent, not 0.
      if (row.conversations_count !== null && row.conversations_count !== undefined)
        count(out, p, m.conversations, labels, row.conversations_count, `${what} conversations_count`);
      if (row.resolved_conversations_count !== undefined)
        count(out, p, m.resolutions, labels, row.resolved_conversations_count, `${what} resolved_conversations_count`);
      average(out, p, m.firstResponseAvg, labels, row.avg_first_response_time, `${what} avg_first_response_time`);
      average(out, p, m.resolutionAvg, labels, row.avg_resolution_time, `${what} avg_resolution_time`);
      average(out, p, m.replyAvg, labels, row.avg_reply_time, `${what} avg_reply_time`);
    }
    return out;
  };
}

/** `reports/summary?type=account`: seven keys plus `previous`, which is ignored (§7). */
function parseAccountSummary(json: unknown, p: ParseContext): Sample[] {
  const b = object(json, 'reports/summary');
  const out: Sample[] = [];
  count(out, p, cw.conversations, {}, b.conversations_count, 'reports/summary conversations_count');
  count(out, p, cw.messages, { direction: 'incoming' }, b.incoming_messages_count, 'incoming_messages_count');
  count(out, p, cw.messages, { direction: 'outgoing' }, b.outgoing_messages_count, 'outgoing_messages_count');
  count(out, p, cw.resolutions, {}, b.resolutions_count, 'reports/summary resolutions_count');
  average(out, p, cw.firstResponseAvg, {}, b.avg_first_response_time, 'reports/summary avg_first_response_time');
  average(out, p, cw.resolutionAvg, {}, b.avg_resolution_time, 'reports/summary avg_resolution_time');
  average(out, p, cw.replyAvg, {}, b.reply_time, 'reports/summary reply_time');
  return out;
}

/**
 * `reports?metric=<average>`: `[{value, timestamp, count}]`, one bucket per day; the counts add up to the number
 * of events the window's average is over (§6). Only the counts are used: the average comes from the summary.
 */
function samples(metric: MetricDef) {
  return (json: unknown, p: ParseContext): Sample[] => {
    let total = 0;
    for (const bucket of rows(json, 'reports')) {
      const n = parseCount(bucket.count);
      if (n === undefined) {
        p.warn(`reports: bucket count ${JSON.stringify(bucket.count)?.slice(0, 40)} is not a count`);
        return [];
      }
      total += n;
    }
    return [{ metric, labels: {}, value: total }];
  };
}

function parseBotSummary(json: unknown, p: ParseContext): Sample[] {
  const b = object(json, 'reports/bot_summary');
  const out: Sample[] = [];
  count(out, p, cw.botResolutions, {}, b.bot_resolutions_count, 'reports/bot_summary bot_resolutions_count');
  count(out, p, cw.botHandoffs, {}, b.bot_handoffs_count, 'reports/bot_summary bot_handoffs_count');
  return out;
}

const live = { cycle: 'live', windowed: false, perInbox: false } as const;
const windowed = { cycle: 'analytics', windowed: true, perInbox: false } as const;
const LIVE_REPORTS = [4, 0, 3] as const;

/** Every endpoint the exporter reads each cycle, in exposition order (discovery is in discoverAccount.ts). */
export const ENDPOINTS: readonly ChatwootEndpoint[] = [
  {
    ...live,
    name: 'live-conversations',
    api: 'v2',
    path: 'live_reports/conversation_metrics',
    since: LIVE_REPORTS,
    optIn: false,
    throttle: 'ip',
    parse: parseLiveAccount,
  },
  {
    ...live,
    name: 'live-teams',
    api: 'v2',
    path: 'live_reports/grouped_conversation_metrics',
    query: { group_by: 'team_id' },
    since: LIVE_REPORTS,
    optIn: false,
    throttle: 'ip',
    parse: grouped('team', 'team_id', 'No team', [
      ['open', cw.liveTeamOpen],
      ['unattended', cw.liveTeamUnattended],
      ['unassigned', cw.liveTeamUnassigned],
    ]),
  },
  {
    ...live,
    name: 'live-agents',
    api: 'v2',
    path: 'live_reports/grouped_conversation_metrics',
    query: { group_by: 'assignee_id' },
    since: LIVE_REPORTS,
    optIn: true,
    throttle: 'ip',
    parse: grouped('agent', 'assignee_id', 'Unassigned', [
      ['open', cw.liveAgentOpen],
      ['unattended', cw.liveAgentUnattended],
    ]),
  },
  {
    ...live,
    perInbox: true,
    name: 'live-inboxes',
    api: 'v1',
    path: 'conversations/meta',
    since: [1, 0, 0],
    optIn: true,
    throttle: 'meta',
    parse: meta([
      ['all_count', cw.liveInboxOpen],
      ['unassigned_count', cw.liveInboxUnassigned],
    ]),
  },
  {
    ...live,
    perInbox: true,
    name: 'live-inboxes-unattended',
    api: 'v1',
    path: 'conversations/meta',
    query: { conversation_type: 'unattended' },
    since: [1, 0, 0],
    optIn: true,
    throttle: 'meta',
    parse: meta([['all_count', cw.liveInboxUnattended]]),
  },
  {
    ...windowed,
    name: 'account-summary',
    api: 'v2',
    path: 'reports/summary',
    query: { type: 'account' },
    since: [1, 20, 0],
    optIn: false,
    throttle: 'reports',
    parse: parseAccountSummary,
  },
  {
    ...windowed,
    name: 'first-response-samples',
    api: 'v2',
    path: 'reports',
    query: { metric: 'avg_first_response_time', type: 'account' },
    since: [1, 20, 0],
    optIn: false,
    throttle: 'reports',
    parse: samples(cw.firstResponses),
  },
  {
    ...windowed,
    name: 'reply-samples',
    api: 'v2',
    path: 'reports',
    query: { metric: 'reply_time', type: 'account' },
    since: [1, 20, 0],
    optIn: false,
    throttle: 'reports',
    parse: samples(cw.replies),
  },
  {
    ...windowed,
    name: 'bot-summary',
    api: 'v2',
    path: 'reports/bot_summary',
    query: { type: 'account' },
    since: [3, 7, 0],
    optIn: false,
    throttle: 'reports',
    parse: parseBotSummary,
  },
  {
    ...windowed,
    name: 'inbox-summary',
    api: 'v2',
    path: 'summary_reports/inbox',
    since: [4, 0, 0],
    optIn: false,
    throttle: 'ip',
    parse: summary('inbox'),
  },
  {
    ...windowed,
    name: 'team-summary',
    api: 'v2',
    path: 'summary_reports/team',
    since: [3, 6, 0],
    optIn: false,
    throttle: 'ip',
    parse: summary('team'),
  },
  {
    ...windowed,
    name: 'agent-summary',
    api: 'v2',
    path: 'summary_reports/agent',
    since: [3, 6, 0],
    optIn: true,
    throttle: 'ip',
    parse: summary('agent'),
  },
];
