import { createRandom, deriveSeed } from './createRandom';
import type { Agent, Conversation, Department } from './types';

/** Conversations injected by World.burst, oldest first. */
export interface Bursts {
  /** Creates `count` conversations at `now`, spread round-robin over `targets`, queued then open as `timing` says. */
  add(targets: readonly Department[], count: number, timing: BurstTiming, now: number): Conversation[];
  /** Drops bursts created before `start`. */
  prune(start: number): void;
  /** Calls `fn` for each burst created in [lo, hi] that `accept` lets through. */
  forEach(lo: number, hi: number, accept: (c: Conversation) => boolean, fn: (c: Conversation) => void): void;
  readonly size: number;
}

/** How long burst conversations wait in the queue, then stay open once served. */
export interface BurstTiming {
  readonly openForMs: number;
  readonly queueForMs: number;
}

/**
 * One burst conversation: queued for `queueForMs` (served at once when 0), answered quickly, open for
 * `openForMs` after that. Without an agent to take it, a queued one stays queued until it closes.
 */
function burstConversation(
  id: string,
  counter: number,
  department: Department,
  agent: Agent | null,
  now: number,
  timing: BurstTiming,
): Conversation {
  const { openForMs, queueForMs } = timing;
  const waits = queueForMs > 0;
  const servedAt = waits && agent === null ? Infinity : now + queueForMs;
  const closedAt = now + queueForMs + openForMs;
  return {
    id,
    chatId: `BURST${String(counter).padStart(5, '0')}`,
    departmentId: department.id,
    groupId: department.groupId,
    createdAt: now,
    visitorId: `burst-visitor-${counter}`,
    visitorIp: '203.0.113.7',
    visitorHasDetails: false,
    agent: servedAt === Infinity ? null : agent,
    queueWaitMs: queueForMs,
    leftQueue: servedAt === Infinity,
    servedAt,
    holdStart: Infinity,
    holdEnd: Infinity,
    closedAt,
    lastMessageAt: servedAt === Infinity ? closedAt : servedAt + 60_000,
    messages: 3,
    firstResponseSec: servedAt === Infinity ? null : queueForMs / 1000 + 5,
    avgResponseSec: servedAt === Infinity ? null : 10,
    reactionSec: servedAt === Infinity ? null : queueForMs / 1000 + 2,
    agentChattingSec: servedAt === Infinity ? 0 : 60,
    abandoned: false,
    tags: [],
    rating: null,
    startedBy: 'customer_without_greeting',
    greetingId: null,
    country: 'US',
    continuous: false,
    pageViews: 1,
    burst: true,
  };
}

/** Creates the burst list of a world with `seed`; ids derive from the seed, the time and a running counter. */
export function createBursts(deps: { seed: number }): Bursts {
  let bursts: Conversation[] = [];
  let counter = 0;
  return {
    add(targets, count, timing, now) {
      const rng = createRandom(deriveSeed(deps.seed, 'burst', now, counter));
      const created: Conversation[] = [];
      for (let i = 0; i < Math.max(0, Math.floor(count)); i++) {
        const dep = targets[i % targets.length] as Department;
        counter++;
        const agent = dep.agents[counter % Math.max(1, dep.agents.length)] ?? null;
        created.push(burstConversation(rng.id(17), counter, dep, agent, now, timing));
      }
      bursts = [...bursts, ...created].sort((a, b) => a.createdAt - b.createdAt);
      return created;
    },
    prune(start) {
      if (bursts.length > 0 && (bursts[0]?.createdAt ?? Infinity) < start)
        bursts = bursts.filter((c) => c.createdAt >= start);
    },
    forEach(lo, hi, accept, fn) {
      for (const c of bursts) if (c.createdAt >= lo && c.createdAt <= hi && accept(c)) fn(c);
    },
    get size() {
      return bursts.length;
    },
  };
}
