import { DAY_MS } from '../world/createZone';
import type { World } from '../world/createWorld';
import type { Conversation } from '../world/types';
import type { ChatwootAccount } from './chatwootAccount';
import { toChatwootConversation, type ChatwootConversation } from './chatwootConversation';

/** The conversations of the simulated account, read the Chatwoot way. */
export interface ChatwootHistory {
  readonly account: ChatwootAccount;
  /** Calls `fn` for every conversation created in [from, to) that exists now (within the history). */
  forEach(from: number, to: number, fn: (x: ChatwootConversation) => void): void;
  /** Every conversation the server has now. */
  forAll(fn: (x: ChatwootConversation) => void): void;
}

/**
 * Creates the history: the world's conversations of the last `historyDays` (older ones do not exist on
 * this server, for live and windowed answers alike), each converted once.
 */
export function createChatwootHistory(world: World, account: ChatwootAccount, historyDays: number): ChatwootHistory {
  const memo = new WeakMap<Conversation, ChatwootConversation>();
  const view = (c: Conversation): ChatwootConversation => {
    let x = memo.get(c);
    if (!x) memo.set(c, (x = toChatwootConversation(c, account, world.seed)));
    return x;
  };
  const forEach = (from: number, to: number, fn: (x: ChatwootConversation) => void) => {
    const start = Math.max(from, world.now() - historyDays * DAY_MS);
    world.forEachConversation(start, to, undefined, (c) => {
      if (c.createdAt < to) fn(view(c));
    });
  };
  return { account, forEach, forAll: (fn) => forEach(-Infinity, world.now() + 1, fn) };
}
