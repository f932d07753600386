import { deriveSeed } from '../world/createRandom';
import type { World } from '../world/createWorld';
import type { Agent, Department } from '../world/types';

/** A simulated inbox: channel type, and whether an agent bot answers first (pending, bot resolutions, hand-offs). */
export interface ChatwootInbox {
  readonly id: number;
  readonly name: string;
  readonly channelType: string;
  readonly bot: boolean;
  /** Share of conversations, relative to the other inboxes. */
  readonly weight: number;
}

/** Inboxes unless the simulator is given others: a web widget, email, WhatsApp and a bot-fronted API inbox. */
export const defaultChatwootInboxes: readonly ChatwootInbox[] = [
  { id: 1, name: 'Website', channelType: 'Channel::WebWidget', bot: false, weight: 5 },
  { id: 2, name: 'Support "email" & co', channelType: 'Channel::Email', bot: false, weight: 3 },
  { id: 3, name: 'WhatsApp', channelType: 'Channel::Whatsapp', bot: false, weight: 2 },
  { id: 4, name: 'Bot front door', channelType: 'Channel::Api', bot: true, weight: 2 },
];

/** Labels of the simulated account (Chatwoot stores titles lower-cased). */
export const CHATWOOT_LABELS: readonly string[] = ['billing', 'bug', 'feature-request', 'vip', 'отзыв'];

/**
 * The account as Chatwoot numbers it: teams are the world's departments (id = group id + 1, names
 * lower-cased), agents get numeric ids in the order the world first shows them, and the token users
 * (administrators) are account users too.
 */
export interface ChatwootAccount {
  readonly id: number;
  readonly inboxes: readonly ChatwootInbox[];
  teamId(d: Department): number;
  teams(): readonly { id: number; name: string; department: Department }[];
  agentId(a: Agent): number;
  /** Every account user in account-users order: the token users first, then the world's agents. */
  users(): readonly { id: number; name: string; email: string; role: string }[];
  /** The inbox of a conversation, by its id: stable, weighted by inbox weight. */
  inboxOf(conversationId: string): ChatwootInbox;
  /** Whether a conversation has no team (about one in seven). */
  teamless(conversationId: string): boolean;
}

/** Creates the numbering of a simulated account over `world`. */
export function createChatwootAccount(
  world: World,
  id: number,
  inboxes: readonly ChatwootInbox[],
  admins: readonly { id: number; name: string }[],
): ChatwootAccount {
  const agentIds = new Map<string, number>();
  let nextAgent = 1;
  const agentId = (a: Agent): number => {
    let n = agentIds.get(a.id);
    if (n === undefined) agentIds.set(a.id, (n = nextAgent++));
    return n;
  };
  const totalWeight = inboxes.reduce((s, i) => s + i.weight, 0);
  return {
    id,
    inboxes,
    teamId: (d) => d.groupId + 1,
    teams: () => world.departments().map((d) => ({ id: d.groupId + 1, name: d.name.toLowerCase(), department: d })),
    agentId,
    users: () => [
      ...admins.map((a) => ({ id: a.id, name: a.name, email: `user${a.id}@example.com`, role: 'administrator' })),
      ...world.agents().map((a) => ({ id: agentId(a), name: a.name, email: a.email, role: 'agent' })),
    ],
    inboxOf(conversationId) {
      let r = (deriveSeed(world.seed, 'inbox', conversationId) / 2 ** 32) * totalWeight;
      for (const inbox of inboxes) if ((r -= inbox.weight) < 0) return inbox;
      return inboxes[inboxes.length - 1]!;
    },
    teamless: (conversationId) => deriveSeed(world.seed, 'teamless', conversationId) % 7 === 0,
  };
}
