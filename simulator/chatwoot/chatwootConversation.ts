import { messagesAt } from '../world/conversationStateAt';
import { deriveSeed } from '../world/createRandom';
import type { Conversation } from '../world/types';
import type { ChatwootAccount, ChatwootInbox } from './chatwootAccount';

/** Chatwoot's conversation statuses. */
export type ChatwootStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** A reporting event (docs/upstream/chatwoot.md §11.1); `at` is its created_at, seconds after the fact. */
export interface ReportingEvent {
  readonly name:
    | 'first_response'
    | 'reply_time'
    | 'conversation_resolved'
    | 'conversation_bot_resolved'
    | 'conversation_bot_handoff';
  readonly at: number;
  /** Seconds. */
  readonly value: number;
  /** The user the event belongs to (replier, or assignee at the time); null for none. */
  readonly userId: number | null;
}

/** One world conversation as Chatwoot sees it. */
export interface ChatwootConversation {
  readonly c: Conversation;
  readonly inbox: ChatwootInbox;
  readonly teamId: number | null;
  readonly events: readonly ReportingEvent[];
}

/** The world's timeline read the Chatwoot way: a bot inbox holds conversations as pending until hand-off. */
export function statusAt(x: ChatwootConversation, t: number): ChatwootStatus {
  const { c } = x;
  if (t >= c.closedAt) return 'resolved';
  if (t < c.servedAt) return x.inbox.bot ? 'pending' : 'open';
  if (t >= c.holdStart && t < c.holdEnd) return 'snoozed';
  return 'open';
}

/** The assignee at `t`: the serving agent once served. */
export function assigneeAt(x: ChatwootConversation, t: number, account: ChatwootAccount): number | null {
  return x.c.agent && t >= x.c.servedAt ? account.agentId(x.c.agent) : null;
}

/** Open and never answered by a human yet (§11.2); a reply after a hold counts as answered. */
export function unattendedAt(x: ChatwootConversation, t: number): boolean {
  const { c } = x;
  return statusAt(x, t) === 'open' && (c.firstResponseSec === null || t < c.createdAt + c.firstResponseSec * 1000);
}

/** Messages created by `t`: customers write the odd ones (the first), agents and bots the even ones. */
export function messagesBy(x: ChatwootConversation, t: number): { incoming: number; outgoing: number } {
  const n = t < x.c.createdAt ? 0 : messagesAt(x.c, t);
  return { incoming: Math.ceil(n / 2), outgoing: Math.floor(n / 2) };
}

/** The reporting events a conversation produces, each written 1–8 s late as Sidekiq would (§11.1). */
function eventsOf(c: Conversation, inbox: ChatwootInbox, account: ChatwootAccount, seed: number): ReportingEvent[] {
  const lag = 1_000 + (deriveSeed(seed, 'lag', c.id) % 7_000);
  const agent = c.agent ? account.agentId(c.agent) : null;
  const out: ReportingEvent[] = [];
  if (inbox.bot && c.agent && Number.isFinite(c.servedAt))
    out.push({
      name: 'conversation_bot_handoff',
      at: c.servedAt + lag,
      value: (c.servedAt - c.createdAt) / 1000,
      userId: null,
    });
  if (c.agent && c.firstResponseSec !== null)
    out.push({
      name: 'first_response',
      at: c.createdAt + c.firstResponseSec * 1000 + lag,
      value: c.firstResponseSec,
      userId: agent,
    });
  if (c.agent && c.avgResponseSec !== null && c.messages > 2)
    out.push({ name: 'reply_time', at: c.lastMessageAt + lag, value: c.avgResponseSec, userId: agent });
  if (Number.isFinite(c.closedAt)) {
    const served = c.agent !== null && c.closedAt >= c.servedAt;
    const value = (c.closedAt - c.createdAt) / 1000;
    out.push({ name: 'conversation_resolved', at: c.closedAt + lag, value, userId: served ? agent : null });
    if (inbox.bot && !served)
      out.push({ name: 'conversation_bot_resolved', at: c.closedAt + lag, value, userId: null });
  }
  return out;
}

/** Creates the Chatwoot view of a conversation (memoise per object: the world caches them). */
export function toChatwootConversation(c: Conversation, account: ChatwootAccount, seed: number): ChatwootConversation {
  const inbox = account.inboxOf(c.id);
  const dep = c.departmentId;
  const team = account.teams().find((t) => t.department.id === dep);
  return {
    c,
    inbox,
    teamId: team && !account.teamless(c.id) ? team.id : null,
    events: eventsOf(c, inbox, account, seed),
  };
}
