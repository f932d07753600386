import { conversationStateAt, hasRespondedAt } from '../../world/conversationStateAt';
import type { World } from '../../world/createWorld';
import { mean } from './averages';
import {
  departmentAgents,
  eachConversation,
  exactWindow,
  type DashboardBody,
  type DashboardQuery,
} from './DashboardQuery';

/** charts/chats: rooms created in the window by their state now. */
export function chats(world: World, q: DashboardQuery): DashboardBody {
  const { from, to } = exactWindow(q);
  const now = world.now();
  const r = { open: 0, closed: 0, queued: 0, onhold: 0 };
  eachConversation(world, from, to, q.departmentId, (c) => {
    const state = conversationStateAt(c, now);
    if (state === 'onhold') {
      if (c.createdAt < to) r.onhold++;
    } else if (state === 'queued') r.queued++;
    else if (state === 'open') r.open++;
    else r.closed++;
  });
  return r;
}

const increment = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** charts/chats-per-agent: open and closed rooms of the window and every on-hold room, per agent username. */
export function chatsPerAgent(world: World, q: DashboardQuery): DashboardBody {
  const { from, to } = exactWindow(q);
  const now = world.now();
  const open = new Map<string, number>(),
    closed = new Map<string, number>(),
    onhold = new Map<string, number>();
  eachConversation(world, from, to, q.departmentId, (c) => {
    if (c.agent === null) return;
    const state = conversationStateAt(c, now);
    if (state === 'open') increment(open, c.agent.username);
    else if (state === 'closed' && c.closedAt <= to) increment(closed, c.agent.username);
  });
  // The on-hold query has no time window: every currently on-hold room counts (all of them are recent).
  world.forEachRecentConversation(q.departmentId === undefined ? undefined : [q.departmentId], (c) => {
    if (c.agent !== null && conversationStateAt(c, now) === 'onhold') increment(onhold, c.agent.username);
  });
  // Mirrors RC's merge: open -> {open, closed:0, onhold:0}; closed overwrites with {open, closed};
  // on-hold is spread back in. So each key is optional.
  const result = Object.create(null) as Record<string, Record<string, number>>;
  for (const [u, n] of open) result[u] = { open: n, closed: 0, onhold: 0 };
  for (const [u, n] of closed) result[u] = { open: result[u]?.open ?? 0, closed: n };
  for (const [u, n] of onhold) result[u] = { ...result[u], onhold: n };
  return result;
}

/** charts/agents-status: the department's (or every) agent by status now. */
export function agentsStatus(world: World, departmentId: string | undefined): DashboardBody {
  const agents = departmentAgents(world, departmentId);
  // An empty $group result makes the endpoint answer only {success: true}.
  if (agents.length === 0) return {};
  const r = { _id: null, offline: 0, away: 0, busy: 0, available: 0 };
  for (const a of agents) r[world.agentStatus(a)]++;
  return r;
}

/** charts/chats-per-department: open and closed rooms per department name. */
export function chatsPerDepartment(world: World, q: DashboardQuery): DashboardBody {
  const { from, to } = exactWindow(q);
  const now = world.now();
  const perDept = new Map<string, { open: number; closed: number }>();
  eachConversation(world, from, to, q.departmentId, (c) => {
    const g = perDept.get(c.departmentId) ?? { open: 0, closed: 0 };
    if (conversationStateAt(c, now) === 'closed') g.closed++;
    else g.open++;
    perDept.set(c.departmentId, g);
  });
  // Keyed by department *name*; a null-prototype object so "__proto__" is an ordinary key.
  const result = Object.create(null) as Record<string, { open: number; closed: number }>;
  for (const [id, g] of perDept) {
    const name = world.departments().find((d) => d.id === id)?.name ?? 'undefined';
    result[name] = g;
  }
  return result;
}

/** Values and their maximum (null until one value arrives: Mongo's $max over nothing). */
interface Series {
  values: number[];
  longest: number | null;
}

const series = (): Series => ({ values: [], longest: null });
const add = (s: Series, value: number, forLongest = value): void => {
  s.values.push(value);
  s.longest = Math.max(s.longest ?? -Infinity, forLongest);
};
/**
 * One aggregation's answer (docs/upstream/rocketchat.md §5.9): avg is 0 without values ($cond), longest is null
 * when rooms matched but none had the field; without any matching room the handler fills in 0 for both.
 */
const render = (s: Series, rooms: number) =>
  rooms === 0 ? { avg: 0, longest: 0 } : { avg: Math.trunc(mean(s.values)), longest: s.longest };

/** charts/timings: average and longest response, reaction and chat duration. */
export function timings(world: World, q: DashboardQuery): DashboardBody {
  const { from, to } = exactWindow(q);
  const now = world.now();
  const response = series(),
    reaction = series(),
    duration = series();
  let rooms = 0;
  eachConversation(world, from, to, q.departmentId, (c) => {
    rooms++;
    if (hasRespondedAt(c, now)) add(response, c.avgResponseSec ?? 0, c.firstResponseSec ?? 0);
    if (c.reactionSec !== null && now >= c.createdAt + c.reactionSec * 1000) add(reaction, c.reactionSec);
    if (c.closedAt <= now) add(duration, (c.closedAt - c.createdAt) / 1000);
  });
  // The duration aggregation only matches closed rooms, so its longest is never null.
  return {
    response: render(response, rooms),
    reaction: render(reaction, rooms),
    chatDuration: render(duration, duration.values.length),
  };
}
