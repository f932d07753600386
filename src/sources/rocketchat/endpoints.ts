import type { MetricDef } from '../../metrics/MetricDef';
import { NO_LABELS, type Sample } from '../../metrics/Sample';
import { UpstreamError } from '../../upstream/UpstreamError';
import { rc } from './metrics';
import { parseAny, parseBusiestHour, parseCount, parseHms, parsePercentRatio } from './parseValues';

/** Collects value-level problems that do not fail the whole response. */
export interface ParseContext {
  /** Names of department ids by department name, for chats-per-department. */
  departmentIdByName(name: string): string | undefined;
  warn(message: string): void;
}

/**
 * One Rocket.Chat endpoint. A new endpoint is its entry in ENDPOINTS, its metric definitions (metrics.ts)
 * and the simulator's answer; docs/development.md has the checklist.
 */
export interface RocketChatEndpoint {
  /** Config key and `endpoint` label. */
  readonly name: string;
  readonly path: string;
  /** Takes start/end; agents-status describes the present and takes none. */
  readonly windowed: boolean;
  /** `department`: asked per department and for all; `aggregate`: only for all departments. */
  readonly scope: 'department' | 'aggregate';
  /** Off unless the target enables it (cardinality). */
  readonly optIn: boolean;
  /** The permission a 403 means the exporter's user lacks (docs/upstream/rocketchat.md §3), named in the error. */
  readonly permission: string;
  parse(json: Record<string, unknown>, p: ParseContext): Sample[];
}

/** The route-level permission of the nine dashboards. */
const MANAGER = 'view-livechat-manager';

type ValueParser = (v: unknown) => number | null | undefined;
interface TitleRule {
  readonly metric: MetricDef;
  readonly parse: ValueParser;
}

function push(
  out: Sample[],
  p: ParseContext,
  metric: MetricDef,
  labels: Readonly<Record<string, string>>,
  raw: unknown,
  parse: ValueParser,
  what: string,
): void {
  const v = parse(raw);
  if (v === undefined) p.warn(`${what}: cannot parse ${JSON.stringify(raw)?.slice(0, 60)}`);
  else if (v !== null) out.push({ metric, labels, value: v });
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new UpstreamError('parse', `${what}: expected an object`);
  return v as Record<string, unknown>;
}

/** `{totalizers:[{title,value}]}`: keyed on title, never on position; unknown titles go to the generic gauge. */
function totalizers(endpoint: string, rules: Record<string, TitleRule>) {
  return (json: Record<string, unknown>, p: ParseContext): Sample[] => {
    const list = json.totalizers;
    if (!Array.isArray(list)) throw new UpstreamError('parse', `${endpoint}: "totalizers" is not a list`);
    const out: Sample[] = [];
    for (const item of list) {
      if (item === null || typeof item !== 'object' || typeof (item as { title?: unknown }).title !== 'string') {
        p.warn(`${endpoint}: totalizer without a title`);
        continue;
      }
      const { title, value } = item as { title: string; value: unknown };
      const rule = Object.prototype.hasOwnProperty.call(rules, title) ? rules[title] : undefined;
      if (rule) push(out, p, rule.metric, NO_LABELS, value, rule.parse, `${endpoint} ${title}`);
      else push(out, p, rc.totalizer, { endpoint, title }, value, parseAny, `${endpoint} ${title}`);
    }
    return out;
  };
}

/** `{key: number}` maps where missing keys mean 0 (charts/chats, agents-status). */
function counts(endpoint: string, metric: MetricDef, label: string, keys: readonly string[]) {
  return (json: Record<string, unknown>, p: ParseContext): Sample[] => {
    const out: Sample[] = [];
    for (const k of keys) push(out, p, metric, { [label]: k }, json[k] ?? 0, parseCount, `${endpoint} ${k}`);
    return out;
  };
}

const STATES = ['open', 'closed', 'queued', 'onhold'] as const;

/** A charts/timings value: seconds, `null` for "no room had it" (no sample); missing or anything else is malformed. */
const parseTiming: ValueParser = (v) => (v === null ? null : typeof v === 'number' ? parseCount(v) : undefined);

/** Every dashboard endpoint the exporter reads (windowed analytics, `cycle: 'analytics'`), in the order they are polled. */
export const ENDPOINTS: readonly RocketChatEndpoint[] = [
  {
    name: 'conversation-totalizers',
    path: '/api/v1/livechat/analytics/dashboards/conversation-totalizers',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: totalizers('conversation-totalizers', {
      Total_conversations: { metric: rc.conversations, parse: parseCount },
      Open_conversations: { metric: rc.openConversations, parse: parseCount },
      On_Hold_conversations: { metric: rc.onholdConversations, parse: parseCount },
      Total_messages: { metric: rc.messages, parse: parseCount },
      Total_visitors: { metric: rc.visitors, parse: parseCount },
    }),
  },
  {
    name: 'chats-totalizers',
    path: '/api/v1/livechat/analytics/dashboards/chats-totalizers',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: totalizers('chats-totalizers', {
      Total_abandoned_chats: { metric: rc.abandonedChats, parse: parseCount },
      Avg_of_abandoned_chats: { metric: rc.abandonedChatsRatio, parse: parsePercentRatio },
      Avg_of_chat_duration_time: { metric: rc.chatDurationAvg, parse: parseHms },
    }),
  },
  {
    name: 'productivity-totalizers',
    path: '/api/v1/livechat/analytics/dashboards/productivity-totalizers',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: totalizers('productivity-totalizers', {
      Avg_response_time: { metric: rc.responseTimeAvg, parse: parseHms },
      Avg_first_response_time: { metric: rc.firstResponseTimeAvg, parse: parseHms },
      Avg_reaction_time: { metric: rc.reactionTimeAvg, parse: parseHms },
      Avg_of_waiting_time: { metric: rc.waitingTimeAvg, parse: parseHms },
    }),
  },
  {
    name: 'agents-productivity-totalizers',
    path: '/api/v1/livechat/analytics/dashboards/agents-productivity-totalizers',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: totalizers('agents-productivity-totalizers', {
      Busiest_time: { metric: rc.busiestHour, parse: parseBusiestHour },
      Avg_of_available_service_time: { metric: rc.availableServiceTimeAvg, parse: parseHms },
      Avg_of_service_time: { metric: rc.serviceTimeAvg, parse: parseHms },
    }),
  },
  {
    name: 'charts-chats',
    path: '/api/v1/livechat/analytics/dashboards/charts/chats',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: counts('charts/chats', rc.chats, 'state', STATES),
  },
  {
    name: 'charts-agents-status',
    path: '/api/v1/livechat/analytics/dashboards/charts/agents-status',
    windowed: false,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    // When no agent matches, the body is only {"success":true}: every status is then 0.
    parse: counts('charts/agents-status', rc.agents, 'status', ['available', 'away', 'busy', 'offline']),
  },
  {
    name: 'charts-timings',
    path: '/api/v1/livechat/analytics/dashboards/charts/timings',
    windowed: true,
    scope: 'department',
    optIn: false,
    permission: MANAGER,
    parse: (json, p) => {
      const out: Sample[] = [];
      for (const [key, timing] of [
        ['response', 'response'],
        ['reaction', 'reaction'],
        ['chatDuration', 'chat_duration'],
      ] as const) {
        if (json[key] === undefined) continue;
        const t = object(json[key], `charts/timings ${key}`);
        // null: rooms in the window, none with the value ($max/$avg over nothing, docs/upstream/rocketchat.md §5.9).
        // Exporting it as 0 would show the best possible time exactly when it is worst: no sample instead.
        push(out, p, rc.timingAvg, { timing }, t.avg, parseTiming, `charts/timings ${key}.avg`);
        push(out, p, rc.timingLongest, { timing }, t.longest, parseTiming, `charts/timings ${key}.longest`);
      }
      return out;
    },
  },
  {
    name: 'charts-chats-per-department',
    path: '/api/v1/livechat/analytics/dashboards/charts/chats-per-department',
    windowed: true,
    scope: 'aggregate',
    optIn: false,
    permission: MANAGER,
    parse: (json, p) => {
      const out: Sample[] = [];
      for (const [name, v] of Object.entries(json)) {
        if (name === 'success') continue;
        const entry = object(v, `charts/chats-per-department ${JSON.stringify(name)}`);
        // Keyed by name upstream; a room whose department was deleted lands under "undefined".
        const labels = { department: p.departmentIdByName(name) ?? '', department_name: name };
        push(
          out,
          p,
          rc.departmentChats,
          { ...labels, state: 'open' },
          entry.open ?? 0,
          parseCount,
          `chats-per-department ${name}.open`,
        );
        push(
          out,
          p,
          rc.departmentChats,
          { ...labels, state: 'closed' },
          entry.closed ?? 0,
          parseCount,
          `chats-per-department ${name}.closed`,
        );
      }
      return out;
    },
  },
  {
    name: 'charts-chats-per-agent',
    path: '/api/v1/livechat/analytics/dashboards/charts/chats-per-agent',
    windowed: true,
    scope: 'department',
    optIn: true,
    permission: MANAGER,
    parse: (json, p) => {
      const out: Sample[] = [];
      for (const [agent, v] of Object.entries(json)) {
        if (agent === 'success') continue;
        const entry = object(v, `charts/chats-per-agent ${JSON.stringify(agent)}`);
        // Upstream's merge drops and re-adds keys, so each one is optional: missing means 0.
        for (const state of ['open', 'closed', 'onhold'] as const) {
          push(
            out,
            p,
            rc.agentChats,
            { agent, state },
            entry[state] ?? 0,
            parseCount,
            `chats-per-agent ${agent}.${state}`,
          );
        }
      }
      return out;
    },
  },
];
