import type { Conversation, ConversationState } from './types';

/** State of `c` at `t` (t must be >= c.createdAt). */
export function conversationStateAt(c: Conversation, t: number): ConversationState {
  if (t >= c.closedAt) return 'closed';
  if (t < c.servedAt) return 'queued';
  if (t >= c.holdStart && t < c.holdEnd) return 'onhold';
  return 'open';
}

/**
 * Non-system messages in `c` at `t`: the visitor's first message on creation, then growing linearly
 * until the agent's last message, so "Total_messages" moves while conversations are active.
 */
export function messagesAt(c: Conversation, t: number): number {
  if (c.messages === 0) return 0;
  if (t >= c.lastMessageAt || t >= c.closedAt) return c.messages;
  if (t < c.servedAt) return 1;
  const span = c.lastMessageAt - c.servedAt;
  const frac = span > 0 ? (t - c.servedAt) / span : 1;
  return Math.max(1, Math.min(c.messages, 1 + Math.floor((c.messages - 1) * frac)));
}

/** Whether the agent's first response has happened by `t` (response metrics exist). */
export function hasRespondedAt(c: Conversation, t: number): boolean {
  return c.firstResponseSec !== null && t >= c.createdAt + c.firstResponseSec * 1000;
}
