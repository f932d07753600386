import type { RequestLogEntry } from '../../simulator/http/createRequestLog';
import { seriesKey } from './parseExposition';

/**
 * What the exporter must export as LiveChat live series, computed here from the
 * bodies the simulator served in one live cycle, with no code of the exporter:
 * the served list_groups and list_routing_statuses answers and every list_chats
 * page. Keyed by seriesKey, so a test compares the whole set, extra series included.
 */

/** The parts of the served bodies this computation reads (docs/upstream/livechat.md §11). */
interface ServedGroup {
  id: number;
  name: string;
  agent_priorities: Record<string, string>;
  routing_status: string;
}
interface ServedChat {
  id: string;
  access: { group_ids: number[] };
  last_thread_summary?: { active: boolean; queue?: { queued_at: string } };
}
interface ServedPage {
  chats_summary: ServedChat[];
  next_page_id?: string;
}
const P = 'livechat_exporter_livechat_live_';
const STATUSES = ['accepting_chats', 'not_accepting_chats', 'offline'];

/** The entries of the last live cycle in `log`: from its last list_groups call on. */
export function lastLiveCycle(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  let start = -1;
  log.forEach((e, i) => {
    if (e.path.endsWith('/configuration/action/list_groups')) start = i;
  });
  if (start < 0) throw new Error('no list_groups call in the log');
  return log.slice(start).filter((e) => /\/v3\.6\/(agent|configuration)\/action\//.test(e.path));
}

/** Every live series of target `target` as the served bodies of one cycle imply. */
export function expectedLiveSeries(cycle: readonly RequestLogEntry[], target: string): Map<string, number> {
  const body = (action: string) => cycle.find((e) => e.path.endsWith(`/${action}`))?.responseBody;
  const groups = body('list_groups') as ServedGroup[];
  const served = body('list_routing_statuses') as { agent_id: string; status: string }[];
  const statuses = new Map(served.map((s) => [s.agent_id, s.status]));
  const pages = cycle.filter((e) => e.path.endsWith('/list_chats')).map((e) => e.responseBody as ServedPage);
  const chats = new Map<string, ServedChat>();
  for (const p of pages) for (const c of p.chats_summary) chats.set(c.id, c);

  const out = new Map<string, number>();
  const set = (name: string, labels: Record<string, string>, v: number) =>
    out.set(seriesKey(P + name, { target, ...labels }), v);
  const perGroup = new Map<number, { active: number; queued: number; oldest?: number }>();
  for (const g of groups) perGroup.set(g.id, { active: 0, queued: 0 });
  const total = { active: 0, queued: 0, oldest: undefined as number | undefined };
  for (const c of chats.values()) {
    if (c.last_thread_summary?.active !== true) continue;
    const queuedAt = c.last_thread_summary.queue ? Date.parse(c.last_thread_summary.queue.queued_at) / 1000 : undefined;
    const tallies = c.access.group_ids.map((id) => {
      const t = perGroup.get(id);
      if (!t) throw new Error(`chat ${c.id} is in group ${id}, which list_groups did not list`);
      return t;
    });
    for (const t of [total, ...tallies]) {
      t.active++;
      if (queuedAt === undefined) continue;
      t.queued++;
      t.oldest = t.oldest === undefined ? queuedAt : Math.min(t.oldest, queuedAt);
    }
  }
  for (const g of groups) {
    const labels = { group: String(g.id), group_name: g.name };
    const t = perGroup.get(g.id)!;
    set('group_active_chats', labels, t.active);
    set('group_queued_chats', labels, t.queued);
    if (t.oldest !== undefined) set('group_oldest_queued_timestamp_seconds', labels, t.oldest);
    const routed = Object.entries(g.agent_priorities).filter(([, p]) => p !== 'supervisor');
    for (const status of STATUSES)
      set(
        'group_agents',
        { ...labels, status },
        routed.filter(([id]) => (statuses.get(id) ?? 'offline') === status).length,
      );
    for (const status of STATUSES)
      set('group_routing_status', { ...labels, status }, g.routing_status === status ? 1 : 0);
  }
  set('active_chats', {}, total.active);
  set('queued_chats', {}, total.queued);
  if (total.oldest !== undefined) set('oldest_queued_timestamp_seconds', {}, total.oldest);
  set('chats_truncated', {}, pages.at(-1)?.next_page_id === undefined ? 0 : 1);
  const everyone = new Set([...statuses.keys(), ...groups.flatMap((g) => Object.keys(g.agent_priorities))]);
  for (const status of STATUSES)
    set('agents', { status }, [...everyone].filter((id) => (statuses.get(id) ?? 'offline') === status).length);
  return out;
}

/** The live series of an exposition's series map (as toSeriesMap builds it). */
export function liveSeriesOf(all: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...all].filter(([k]) => k.startsWith(P)));
}
