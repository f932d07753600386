import type { Clock } from '../../src/clock';
import { agentStatusForHour } from './agentStatusForHour';
import { conversationStateAt } from './conversationStateAt';
import { createBursts } from './createBursts';
import { createDepartmentList, type DepartmentList } from './createDepartmentList';
import { createSlotStore } from './createSlotStore';
import { GENERATED_OPEN_LOOKBACK_MS } from './generateSlot';
import { createZone, DAY_MS, HOUR_MS, type Zone } from './createZone';
import { defaultTags } from './defaultTags';
import type { Agent, AgentStatus, Conversation, ConversationState, Department, DepartmentSpec } from './types';

/** Options of createWorld; all but `clock` and `departments` have defaults. */
export interface WorldOptions {
  clock: Clock;
  departments: readonly DepartmentSpec[];
  /** Seed of everything generated (default 1). */
  seed?: number;
  /** IANA timezone whose business hours drive traffic (default 'UTC'). */
  timezone?: string;
  /** Agents per department unless a spec says otherwise (default 3). */
  agentsPerDepartment?: number;
  /** Peak conversations per hour of a department with weight 1 (default 10). */
  arrivalsPerHour?: number;
  /** How far back the simulated server has history; older slots are evicted (default 35 days). */
  retentionDays?: number;
  /** Tag names, most popular first (default: defaultTags). */
  tags?: readonly string[];
}

/** Options of World.burst. */
export interface BurstOptions {
  /** Department id or name; omitted = spread round-robin over all departments. */
  department?: string;
  count: number;
  /** How long the burst stays open once served (default 3 h; at least 2 h). */
  openForMs?: number;
  /** How long the burst waits in the queue, unserved, before agents take it (default 0: served at once). */
  queueForMs?: number;
}

/** Counts of conversations by current state. */
type StateCounts = Record<ConversationState, number>;

/** The shared, lazily generated population both simulators answer from. */
export interface World {
  readonly clock: Clock;
  readonly seed: number;
  readonly zone: Zone;
  now(): number;
  /** Current departments (including archived/disabled ones). */
  departments(): readonly Department[];
  /** Department by id or name. */
  department(idOrName: string): Department | undefined;
  addDepartment(spec: DepartmentSpec): Department;
  removeDepartment(idOrName: string): boolean;
  /** All agents, or those of one department. */
  agents(departmentId?: string): readonly Agent[];
  tags(): readonly string[];
  /** Earliest instant the simulated server has data for. */
  retentionStart(): number;
  /**
   * Calls `fn` for every conversation created in [from, to] (inclusive) that exists at now (created at or
   * before now, inside retention), optionally restricted to department ids, in no particular order.
   */
  forEachConversation(
    from: number,
    to: number,
    departmentIds: readonly string[] | undefined,
    fn: (c: Conversation) => void,
  ): void;
  /**
   * Calls `fn` for every conversation that may be open now (created within the lookback of generated ones, and
   * every burst), of the given departments or all: a superset of the open ones, cheap to scan for "now".
   */
  forEachRecentConversation(departmentIds: readonly string[] | undefined, fn: (c: Conversation) => void): void;
  /** Agent status at `t` (default now). */
  agentStatus(agent: Agent, t?: number): AgentStatus;
  /** Injects `count` conversations created now that stay open for hours (queued first when `queueForMs` is set). */
  burst(options: BurstOptions): Conversation[];
  /** Current state counts over conversations created in [from, to]. */
  stateCounts(from: number, to: number, departmentIds?: readonly string[]): StateCounts;
  /** Internal sizes, for /_simulator/state and leak checks. */
  stats(): { cachedSlots: number; cachedConversations: number; bursts: number };
}

/** The departments a burst goes to: the one named, or every department with agents. */
function burstTargets(departments: DepartmentList, named: string | undefined): readonly Department[] {
  if (named !== undefined) {
    const dep = departments.find(named);
    if (!dep) throw new Error(`unknown department ${JSON.stringify(named)}`);
    return [dep];
  }
  const targets = departments.all().filter((d) => d.agents.length > 0);
  if (targets.length === 0) throw new Error('no department with agents to burst into');
  return targets;
}

/** Creates a World. Nothing is generated until queried; slots are cached and evicted past retention. */
export function createWorld(options: WorldOptions): World {
  const clock = options.clock;
  const seed = options.seed ?? 1;
  const zone = createZone(options.timezone ?? 'UTC');
  const retentionMs = (options.retentionDays ?? 35) * DAY_MS;
  const tags = options.tags ?? defaultTags;
  const departments = createDepartmentList({ seed, agentsPerDepartment: options.agentsPerDepartment ?? 3 });
  const slots = createSlotStore({ seed, zone, arrivalsPerHour: options.arrivalsPerHour ?? 10, tags });
  const bursts = createBursts({ seed });
  let lastPruneHour = -1;
  for (const spec of options.departments) departments.add(spec);

  /** Evicts slots and bursts past retention, at most once per hour. */
  function prune(now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    if (hour === lastPruneHour) return;
    lastPruneHour = hour;
    slots.prune(Math.floor((now - retentionMs) / HOUR_MS));
    bursts.prune(now - retentionMs);
  }

  /** Generated conversations created in [from, to] and bursts created in [burstsFrom, to], within retention. */
  function forEachConversation(
    from: number,
    to: number,
    departmentIds: readonly string[] | undefined,
    fn: (c: Conversation) => void,
    burstsFrom = from,
  ): void {
    const now = clock.now();
    prune(now);
    const lo = Math.max(from, now - retentionMs);
    const hi = Math.min(to, now);
    const all = departments.all();
    if (lo <= hi) slots.forEach(departmentIds ? all.filter((d) => departmentIds.includes(d.id)) : all, lo, hi, fn);
    // A burst outlives the removal of its department, but is not served with it.
    const accept = (c: Conversation): boolean =>
      (!departmentIds || departmentIds.includes(c.departmentId)) && all.some((d) => d.id === c.departmentId);
    const burstsLo = Math.max(burstsFrom, now - retentionMs);
    if (burstsLo <= hi) bursts.forEach(burstsLo, hi, accept, fn);
  }

  return {
    clock,
    seed,
    zone,
    now: () => clock.now(),
    departments: () => departments.all(),
    department: (idOrName) => departments.find(idOrName),
    addDepartment: (spec) => departments.add(spec),
    removeDepartment(idOrName) {
      const dep = departments.remove(idOrName);
      if (dep) slots.drop(dep.id);
      return dep !== undefined;
    },
    agents: (departmentId) =>
      departmentId === undefined
        ? departments.all().flatMap((d) => d.agents)
        : (departments.find(departmentId)?.agents ?? []),
    tags: () => tags,
    retentionStart: () => clock.now() - retentionMs,
    forEachConversation: (from, to, departmentIds, fn) => forEachConversation(from, to, departmentIds, fn),
    forEachRecentConversation: (departmentIds, fn) =>
      forEachConversation(clock.now() - GENERATED_OPEN_LOOKBACK_MS, Infinity, departmentIds, fn, 0),
    agentStatus: (agent, t = clock.now()) => agentStatusForHour(seed, agent.id, Math.floor(t / HOUR_MS), zone),
    burst(opts) {
      const targets = burstTargets(departments, opts.department);
      const openFor = Math.max(2 * HOUR_MS, opts.openForMs ?? 3 * HOUR_MS);
      return bursts.add(targets, opts.count, openFor, clock.now(), opts.queueForMs ?? 0);
    },
    stateCounts(from, to, departmentIds) {
      const now = clock.now();
      const counts: StateCounts = { queued: 0, open: 0, onhold: 0, closed: 0 };
      forEachConversation(from, to, departmentIds, (c) => void counts[conversationStateAt(c, now)]++);
      return counts;
    },
    stats: () => ({ ...slots.stats(), bursts: bursts.size }),
  };
}
