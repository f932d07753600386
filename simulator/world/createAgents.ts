import { createRandom, deriveSeed } from './createRandom';
import type { Agent } from './types';

const FIRST = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yuki',
  'zoe',
  'oleg',
  'mei',
  'li',
];
const LAST = [
  'smith',
  'jones',
  'garcia',
  'miller',
  'davis',
  'lopez',
  'wilson',
  'ivanova',
  'wang',
  'kim',
  'novak',
  'rossi',
  'muller',
  'silva',
  'tanaka',
  'nguyen',
];

/**
 * Creates `count` agents for a department, deterministic in (seed, departmentId). `taken` holds usernames
 * already used in the world; it is updated so usernames stay unique (chats-per-agent is keyed by username).
 */
export function createAgents(seed: number, departmentId: string, count: number, taken: Set<string>): Agent[] {
  const rng = createRandom(deriveSeed(seed, 'agents', departmentId));
  const agents: Agent[] = [];
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    let username = `${first}.${last}`;
    for (let n = 2; taken.has(username); n++) username = `${first}.${last}${n}`;
    taken.add(username);
    agents.push({
      id: rng.id(17),
      username,
      name: `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`,
      email: `${username}@example.com`,
      departmentId,
    });
  }
  return agents;
}
