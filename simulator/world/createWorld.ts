import type { Clock } from '../../src/clock';
import { agentStatusForHour } from './agentStatusForHour';
import { conversationStateAt } from './conversationStateAt';
import { createAgents } from './createAgents';
import { createRandom, deriveSeed, METEOR_ID_ALPHABET } from './createRandom';
import { createZone, DAY_MS, HOUR_MS, type Zone } from './createZone';
import { defaultTags } from './defaultTags';
import { generateSlot } from './generateSlot';
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
  /** How long the burst stays open (default 3 h; at least 2 h). */
  openForMs?: number;
}

/** Counts of conversations by current state. */
export type StateCounts = Record<ConversationState, number>;

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
  /** Agent status at `t` (default now). */
  agentStatus(agent: Agent, t?: number): AgentStatus;
  /** Injects `count` conversations created now that stay open and served for hours. */
  burst(options: BurstOptions): Conversation[];
  /** Current state counts over conversations created in [from, to]. */
  stateCounts(from: number, to: number, departmentIds?: readonly string[]): StateCounts;
  /** Internal sizes, for /_simulator/state and leak checks. */
  stats(): { cachedSlots: number; cachedConversations: number; bursts: number };
}

/** Creates a World. Nothing is generated until queried; slots are cached and evicted past retention. */
export function createWorld(options: WorldOptions): World {
  const clock = options.clock;
  const seed = options.seed ?? 1;
  const zone = createZone(options.timezone ?? 'UTC');
  const agentsPerDepartment = options.agentsPerDepartment ?? 3;
  const arrivalsPerHour = options.arrivalsPerHour ?? 10;
  const retentionMs = (options.retentionDays ?? 35) * DAY_MS;
  const tags = options.tags ?? defaultTags;
  // Zipf-like popularity so a handful of tags dominate and the long tail is thin.
  const tagWeights = tags.map((_, i) => 1 / (i + 1));
  const usernames = new Set<string>();
  let departments: Department[] = [];
  /** departmentId -> hourIndex -> conversations (sorted by createdAt). */
  const slots = new Map<string, Map<number, Conversation[]>>();
  let bursts: Conversation[] = [];
  let burstCounter = 0;
  let lastPruneHour = -1;

  const retentionStart = (): number => clock.now() - retentionMs;

  function makeDepartment(spec: DepartmentSpec): Department {
    const id = spec.id ?? createRandom(deriveSeed(seed, 'department', spec.name)).id(17, METEOR_ID_ALPHABET);
    const groupId = spec.groupId ?? departments.reduce((max, d) => Math.max(max, d.groupId + 1), 0);
    const weight = spec.weight ?? 0.5 + createRandom(deriveSeed(seed, 'weight', id)).next();
    return {
      id,
      name: spec.name,
      groupId,
      enabled: spec.enabled ?? true,
      archived: spec.archived ?? false,
      description: spec.description ?? '',
      email: spec.email ?? '',
      weight,
      agents: createAgents(seed, id, spec.agents ?? agentsPerDepartment, usernames),
      updatedAt: Date.UTC(2024, 4, 10, 12) + (deriveSeed(seed, 'updated', id) % 86_400) * 1000,
    };
  }

  function addDepartment(spec: DepartmentSpec): Department {
    const dep = makeDepartment(spec);
    if (departments.some((d) => d.id === dep.id)) throw new Error(`department ${dep.id} already exists`);
    departments = [...departments, dep];
    return dep;
  }

  for (const spec of options.departments) addDepartment(spec);

  const department = (idOrName: string): Department | undefined =>
    departments.find((d) => d.id === idOrName) ?? departments.find((d) => d.name === idOrName);

  function prune(now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    if (hour === lastPruneHour) return;
    lastPruneHour = hour;
    const firstHour = Math.floor((now - retentionMs) / HOUR_MS);
    for (const perDept of slots.values()) {
      for (const h of perDept.keys()) if (h < firstHour) perDept.delete(h);
    }
    const start = now - retentionMs;
    if (bursts.length > 0 && (bursts[0]?.createdAt ?? Infinity) < start)
      bursts = bursts.filter((c) => c.createdAt >= start);
  }

  function slot(dep: Department, hourIndex: number): Conversation[] {
    let perDept = slots.get(dep.id);
    if (!perDept) {
      perDept = new Map();
      slots.set(dep.id, perDept);
    }
    let convs = perDept.get(hourIndex);
    if (!convs) {
      convs = generateSlot({ seed, department: dep, hourIndex, zone, arrivalsPerHour, tags, tagWeights });
      perDept.set(hourIndex, convs);
    }
    return convs;
  }

  function forEachConversation(
    from: number,
    to: number,
    departmentIds: readonly string[] | undefined,
    fn: (c: Conversation) => void,
  ): void {
    const now = clock.now();
    prune(now);
    const lo = Math.max(from, now - retentionMs);
    const hi = Math.min(to, now);
    if (!(lo <= hi)) return;
    const deps = departmentIds ? departments.filter((d) => departmentIds.includes(d.id)) : departments;
    const firstHour = Math.floor(lo / HOUR_MS);
    const lastHour = Math.floor(hi / HOUR_MS);
    for (const dep of deps) {
      for (let h = firstHour; h <= lastHour; h++) {
        const convs = slot(dep, h);
        const edge = h === firstHour || h === lastHour;
        for (const c of convs) {
          if (edge && (c.createdAt < lo || c.createdAt > hi)) continue;
          fn(c);
        }
      }
    }
    for (const c of bursts) {
      if (c.createdAt < lo || c.createdAt > hi) continue;
      if (departmentIds && !departmentIds.includes(c.departmentId)) continue;
      if (!departments.some((d) => d.id === c.departmentId)) continue;
      fn(c);
    }
  }

  function burst(opts: BurstOptions): Conversation[] {
    const now = clock.now();
    let targets: Department[];
    if (opts.department !== undefined) {
      const dep = department(opts.department);
      if (!dep) throw new Error(`unknown department ${JSON.stringify(opts.department)}`);
      targets = [dep];
    } else {
      targets = departments.filter((d) => d.agents.length > 0);
    }
    if (targets.length === 0) throw new Error('no department with agents to burst into');
    const openFor = Math.max(2 * HOUR_MS, opts.openForMs ?? 3 * HOUR_MS);
    const rng = createRandom(deriveSeed(seed, 'burst', now, burstCounter));
    const created: Conversation[] = [];
    for (let i = 0; i < Math.max(0, Math.floor(opts.count)); i++) {
      const dep = targets[i % targets.length] as Department;
      burstCounter++;
      const agent = dep.agents[burstCounter % Math.max(1, dep.agents.length)] ?? null;
      created.push({
        id: rng.id(17),
        chatId: `BURST${String(burstCounter).padStart(5, '0')}`,
        departmentId: dep.id,
        groupId: dep.groupId,
        createdAt: now,
        visitorId: `burst-visitor-${burstCounter}`,
        visitorIp: '203.0.113.7',
        visitorHasDetails: false,
        agent,
        queueWaitMs: 0,
        leftQueue: false,
        servedAt: now,
        holdStart: Infinity,
        holdEnd: Infinity,
        closedAt: now + openFor,
        lastMessageAt: now + 60_000,
        messages: 3,
        firstResponseSec: 5,
        avgResponseSec: 10,
        reactionSec: 2,
        agentChattingSec: 60,
        abandoned: false,
        tags: [],
        rating: null,
        startedBy: 'customer_without_greeting',
        greetingId: null,
        country: 'US',
        continuous: false,
        pageViews: 1,
        burst: true,
      });
    }
    bursts = [...bursts, ...created].sort((a, b) => a.createdAt - b.createdAt);
    return created;
  }

  return {
    clock,
    seed,
    zone,
    now: () => clock.now(),
    departments: () => departments,
    department,
    addDepartment,
    removeDepartment(idOrName) {
      const dep = department(idOrName);
      if (!dep) return false;
      departments = departments.filter((d) => d !== dep);
      slots.delete(dep.id);
      for (const a of dep.agents) usernames.delete(a.username);
      return true;
    },
    agents: (departmentId) =>
      departmentId === undefined ? departments.flatMap((d) => d.agents) : (department(departmentId)?.agents ?? []),
    tags: () => tags,
    retentionStart,
    forEachConversation,
    agentStatus: (agent, t = clock.now()) => agentStatusForHour(seed, agent.id, Math.floor(t / HOUR_MS), zone),
    burst,
    stateCounts(from, to, departmentIds) {
      const now = clock.now();
      const counts: StateCounts = { queued: 0, open: 0, onhold: 0, closed: 0 };
      forEachConversation(from, to, departmentIds, (c) => {
        counts[conversationStateAt(c, now)]++;
      });
      return counts;
    },
    stats() {
      let cachedSlots = 0;
      let cachedConversations = 0;
      for (const perDept of slots.values()) {
        cachedSlots += perDept.size;
        for (const convs of perDept.values()) cachedConversations += convs.length;
      }
      return { cachedSlots, cachedConversations, bursts: bursts.length };
    },
  };
}
