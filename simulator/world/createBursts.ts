import { createRandom, deriveSeed } from './createRandom';
import type { Agent, Conversation, Department } from './types';

/** Conversations injected by World.burst, oldest first. */
export interface Bursts {
  /**
   * Creates `count` conversations at `now`, spread round-robin over `targets`: queued (no agent) for
   * `queueForMs` (0: served at once), then served and open for `openForMs`.
   */
  add(
    targets: readonly Department[],
    count: number,
    openForMs: number,
    now: number,
    queueForMs?: number,
  ): Conversation[];
  /** Drops bursts created before `start`. */
  prune(start: number): void;
  /** Calls `fn` for each burst created in [lo, hi] that `accept` lets through. */
  forEach(lo: number, hi: number, accept: (c: Conversation) => boolean, fn: (c: Conversation) => void): void;
  readonly size: number;
}

/** One burst conversation: queued for `queueForMs` (0: served at once), then answered quickly and open for `openForMs`. */
function burstConversation(
  id: string,
  counter: number,
  department: Department,
  agent: Agent | null,
  now: number,
  openForMs: number,
  queueForMs: number,
): Conversation {
  const servedAt = now + queueForMs;
  return {
    id,
    chatId: `BURST${String(counter).padStart(5, '0')}`,
    departmentId: department.id,
    groupId: department.groupId,
    createdAt: now,
    visitorId: `burst-visitor-${counter}`,
    visitorIp: '203.0.113.7',
    visitorHasDetails: false,
    agent,
    queueWaitMs: queueForMs,
    leftQueue: false,
    servedAt,
    holdStart: Infinity,
    holdEnd: Infinity,
    closedAt: servedAt + openForMs,
    lastMessageAt: servedAt + 60_000,
    messages: 3,
    firstResponseSec: queueForMs / 1000 + 5,
    avgResponseSec: 10,
    reactionSec: queueForMs / 1000 + 2,
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
  };
}

/** Creates the burst list of a world with `seed`; ids derive from the seed, the time and a running counter. */
export function createBursts(deps: { seed: number }): Bursts {
  let bursts: Conversation[] = [];
  let counter = 0;
  return {
    add(targets, count, openForMs, now, queueForMs = 0) {
      const rng = createRandom(deriveSeed(deps.seed, 'burst', now, counter));
      const created: Conversation[] = [];
      for (let i = 0; i < Math.max(0, Math.floor(count)); i++) {
        const dep = targets[i % targets.length] as Department;
        counter++;
        const agent = dep.agents[counter % Math.max(1, dep.agents.length)] ?? null;
        created.push(burstConversation(rng.id(17), counter, dep, agent, now, openForMs, Math.max(0, queueForMs)));
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
