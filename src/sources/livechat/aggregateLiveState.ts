import type { MetricDef } from '../../metrics/MetricDef';
import type { Sample } from '../../metrics/Sample';
import type { Warn } from './aggregateRecords';
import { lc } from './metrics';
import type { LiveChat, LiveGroup } from './parseLiveState';

/** Routing statuses of agents and groups (§11.3, §11.4); the `status` label's values. */
export const ROUTING_STATUSES = ['accepting_chats', 'not_accepting_chats', 'offline'] as const;
type RoutingStatus = (typeof ROUTING_STATUSES)[number];
const isRoutingStatus = (s: string): s is RoutingStatus => (ROUTING_STATUSES as readonly string[]).includes(s);

/** A member with this priority never gets chats routed automatically, so it does not count as taking chats. */
const SUPERVISOR = 'supervisor';

/** Everything one live cycle read. */
export interface LiveState {
  readonly groups: readonly LiveGroup[];
  readonly statuses: ReadonlyMap<string, string>;
  /** Distinct active chats by id. */
  readonly chats: ReadonlyMap<string, LiveChat>;
  /** The walk stopped at live.max_pages with pages left. */
  readonly truncated: boolean;
}

/** Chat counts of one group, or of the whole account. */
interface ChatTally {
  active: number;
  queued: number;
  oldest: number | undefined;
}

const emptyTally = (): ChatTally => ({ active: 0, queued: 0, oldest: undefined });

function addChat(t: ChatTally, c: LiveChat): void {
  t.active++;
  if (!c.queued) return;
  t.queued++;
  if (c.queuedAt !== undefined && (t.oldest === undefined || c.queuedAt < t.oldest)) t.oldest = c.queuedAt;
}

/** Per group id (every listed group, plus any a chat names that list_groups did not), and the distinct total. */
function tallyChats(state: LiveState): { perGroup: Map<number, ChatTally>; total: ChatTally } {
  const perGroup = new Map<number, ChatTally>(state.groups.map((g) => [g.id, emptyTally()]));
  const total = emptyTally();
  for (const chat of state.chats.values()) {
    addChat(total, chat);
    for (const id of chat.groups) {
      let t = perGroup.get(id);
      if (!t) perGroup.set(id, (t = emptyTally()));
      addChat(t, chat);
    }
  }
  return { perGroup, total };
}

/** A member's status: as listed, offline when left out; undefined (and reported) when upstream sent another value. */
function statusOf(statuses: ReadonlyMap<string, string>, id: string, warn: Warn): RoutingStatus | undefined {
  const s = statuses.get(id) ?? 'offline';
  if (isRoutingStatus(s)) return s;
  warn(`list_routing_statuses: unknown status ${JSON.stringify(s.slice(0, 40))} (not counted)`);
  return undefined;
}

/** Counts of ids by status, every status present (0 when none). */
function countStatuses(ids: Iterable<string>, statuses: ReadonlyMap<string, string>, warn: Warn) {
  const counts = new Map<RoutingStatus, number>(ROUTING_STATUSES.map((s) => [s, 0]));
  for (const id of ids) {
    const s = statusOf(statuses, id, warn);
    if (s !== undefined) counts.set(s, counts.get(s)! + 1);
  }
  return counts;
}

/** Every agent or bot the account lists, each once: the routing statuses plus group members they leave out. */
function everyone(state: LiveState): Set<string> {
  const ids = new Set(state.statuses.keys());
  for (const g of state.groups) for (const id of g.members?.keys() ?? []) ids.add(id);
  return ids;
}

/** The state set of a group's routing status: all 0 (and reported) for a value outside the three known ones. */
function routingSamples(out: Sample[], g: LiveGroup, labels: Record<string, string>, warn: Warn): void {
  if (g.routingStatus === undefined) return;
  const known = isRoutingStatus(g.routingStatus);
  if (!known) warn(`list_groups: unknown routing_status ${JSON.stringify(g.routingStatus.slice(0, 40))}`);
  for (const status of ROUTING_STATUSES)
    out.push(sample(lc.liveGroupRoutingStatus, { ...labels, status }, g.routingStatus === status ? 1 : 0));
}

const sample = (metric: MetricDef, labels: Record<string, string>, value: number): Sample => ({
  metric,
  labels,
  value,
});

/** The samples of one group, in a fixed order: chats, oldest queued time, agents, routing status. */
function groupSamples(out: Sample[], state: LiveState, g: LiveGroup, t: ChatTally, warn: Warn): void {
  const labels = { group: String(g.id), group_name: g.name };
  out.push(sample(lc.liveGroupActiveChats, labels, t.active), sample(lc.liveGroupQueuedChats, labels, t.queued));
  if (t.oldest !== undefined) out.push(sample(lc.liveGroupOldestQueued, labels, t.oldest));
  if (g.members) {
    const routed = [...g.members].filter(([, priority]) => priority !== SUPERVISOR).map(([id]) => id);
    for (const [status, n] of countStatuses(routed, state.statuses, warn))
      out.push(sample(lc.liveGroupAgents, { ...labels, status }, n));
  }
  routingSamples(out, g, labels, warn);
}

/**
 * The live samples of one cycle. Per group: chats active and queued (0 for a
 * group without any), the oldest queue entry, members by routing status and
 * the group's routing status; groups a chat names but list_groups did not get
 * chat series with an empty group_name. In total: the same counts with each
 * chat and agent once, and whether the walk was cut.
 */
export function aggregateLiveState(state: LiveState, warn: Warn): Sample[] {
  const { perGroup, total } = tallyChats(state);
  const out: Sample[] = [];
  const listed = new Map(state.groups.map((g) => [g.id, g]));
  for (const id of [...perGroup.keys()].sort((a, b) => a - b)) {
    const g = listed.get(id) ?? { id, name: '', members: undefined, routingStatus: undefined };
    groupSamples(out, state, g, perGroup.get(id)!, warn);
  }
  out.push(sample(lc.liveActiveChats, {}, total.active), sample(lc.liveQueuedChats, {}, total.queued));
  if (total.oldest !== undefined) out.push(sample(lc.liveOldestQueued, {}, total.oldest));
  out.push(sample(lc.liveChatsTruncated, {}, state.truncated ? 1 : 0));
  for (const [status, n] of countStatuses(everyone(state), state.statuses, warn))
    out.push(sample(lc.liveAgents, { status }, n));
  return out;
}
