import type { Sample } from '../../metrics/Sample';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { Job, JobContext } from '../Source';
import { ALL_DEPARTMENTS, departmentLabels, type Department } from './Department';
import { rc } from './metrics';
import { requestJson } from './requestJson';

/** livechat/users/:type: one limiter budget for agent and manager; the handler checks either permission. */
export const AGENTS_ROUTE = {
  endpoint: 'livechat-users-agent',
  path: '/api/v1/livechat/users/agent',
  permission: 'transfer-livechat-guest or edit-omnichannel-contact',
} as const;
const PAGE = 100;
/** 5,000 agents; a misbehaving server must not keep us paging forever. */
const MAX_PAGES = 50;
const STATUSES = ['available', 'away', 'busy', 'offline', 'not_available'] as const;
type AgentStatus = (typeof STATUSES)[number];
const PRESENCE: Readonly<Record<string, AgentStatus>> = {
  online: 'available',
  away: 'away',
  busy: 'busy',
  offline: 'offline',
};

/**
 * An agent's status as the gauge counts it: by presence when available for Omnichannel (docs/upstream/rocketchat.md
 * §11.3), else not_available; undefined for values the exporter does not know (reported, not guessed).
 */
function statusOf(status: unknown, statusLivechat: unknown): AgentStatus | undefined {
  if (statusLivechat === 'not-available') return 'not_available';
  if (statusLivechat !== 'available' || typeof status !== 'string') return undefined;
  return PRESENCE[status];
}

/** Every agent as (status, department ids), page by page until `total`. */
async function listAgents(ctx: JobContext): Promise<{ status: AgentStatus; departments: string[] }[]> {
  const out: { status: AgentStatus; departments: string[] }[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await requestJson(ctx, { ...AGENTS_ROUTE, query: { count: String(PAGE), offset: String(offset) } });
    const { users, total } = body;
    if (!Array.isArray(users) || typeof total !== 'number')
      throw new UpstreamError('parse', 'livechat/users/agent: expected {users: [...], total}');
    for (const u of users as unknown[]) {
      const { username, status, statusLivechat, departments } = (u ?? {}) as Record<string, unknown>;
      const s = statusOf(status, statusLivechat);
      if (s === undefined) {
        ctx.problem(
          `livechat/users/agent ${JSON.stringify(username)}: unknown status ${JSON.stringify([status, statusLivechat])}`,
        );
        continue;
      }
      const ids = Array.isArray(departments) ? departments.filter((d): d is string => typeof d === 'string') : [];
      out.push({ status: s, departments: ids });
    }
    offset += users.length;
    if (users.length === 0 || offset >= total) return out;
  }
  throw new UpstreamError('parse', `livechat/users/agent: more than ${MAX_PAGES} pages`);
}

/**
 * One job for every department: the agents by status now, from a walk over livechat/users/agent (it has no
 * department filter, so one walk serves all departments: ⌈agents/100⌉ calls whatever their number).
 */
export function agentsJob(departments: readonly Department[]): Job {
  return {
    key: AGENTS_ROUTE.endpoint,
    endpoint: AGENTS_ROUTE.endpoint,
    labels: {},
    cycle: 'live',
    async run(ctx) {
      const zero = (): Record<AgentStatus, number> => ({
        available: 0,
        away: 0,
        busy: 0,
        offline: 0,
        not_available: 0,
      });
      const counts = new Map<string, Record<AgentStatus, number>>([[ALL_DEPARTMENTS.id, zero()]]);
      for (const d of departments) counts.set(d.id, zero());
      for (const agent of await listAgents(ctx)) {
        counts.get(ALL_DEPARTMENTS.id)![agent.status]++;
        // An agent of several departments counts in each, once.
        for (const id of new Set(agent.departments))
          if (id !== ALL_DEPARTMENTS.id) {
            const c = counts.get(id);
            if (c) c[agent.status]++;
          }
      }
      return [ALL_DEPARTMENTS, ...departments].flatMap((d): Sample[] =>
        STATUSES.map((status) => ({
          metric: rc.liveAgents,
          labels: { ...departmentLabels(d), status },
          value: counts.get(d.id)![status],
        })),
      );
    },
  };
}
