import { createRandom, deriveSeed } from './createRandom';
import type { Agent, Conversation, Department } from './types';

/** Conversations injected by World.burst, oldest first. */
export interface Bursts {
  /** Creates `count` conversations at `now`, spread round-robin over `targets`, open for `openForMs`. */
  add(targets: readonly Department[], count: number, openForMs: number, now: number): Conversation[];
  /** Drops bursts created before `start`. */
  prune(start: number): void;
  /** Calls `fn` for each burst created in [lo, hi] that `accept` lets through. */
  forEach(lo: number, hi: number, accept: (c: Conversation) => boolean, fn: (c: Conversation) => void): void;
  readonly size: number;
}

/** One burst conversation: served at once, answered quickly, open for `openForMs`. */
function burstConversation(
  id: string,
  counter: number,
  department: Department,
  agent: Agent | null,
  now: number,
  openForMs: number,
): Conversation {
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
    queueWaitMs: 0,
    leftQueue: false,
    servedAt: now,
    holdStart: Infinity,
    holdEnd: Infinity,
    closedAt: now + openForMs,
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
  };
}

/** Creates the burst list of a world with `seed`; ids derive from the seed, the time and a running counter. */
export function createBursts(deps: { seed: number }): Bursts {
  let bursts: Conversation[] = [];
  let counter = 0;
  return {
    add(targets, count, openForMs, now) {
      const rng = createRandom(deriveSeed(deps.seed, 'burst', now, counter));
      const created: Conversation[] = [];
      for (let i = 0; i < Math.max(0, Math.floor(count)); i++) {
        const dep = targets[i % targets.length] as Department;
        counter++;
        const agent = dep.agents[counter % Math.max(1, dep.agents.length)] ?? null;
        created.push(burstConversation(rng.id(17), counter, dep, agent, now, openForMs));
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
