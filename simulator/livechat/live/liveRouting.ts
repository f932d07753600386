import type { World } from '../../world/createWorld';
import type { Agent, Conversation, Department } from '../../world/types';

/** Routing statuses of the Agent Chat and Configuration APIs (docs/upstream/livechat.md §11.3). */
export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';

/** LiveChat's "General" group. */
const GENERAL = 0;

/**
 * The groups a chat is listed in: the group it started in and, for about one chat in five of the other groups,
 * also General (its access shared with everyone), so per-group counts overlap the way LiveChat's can. Reports
 * count each chat under the group it started in.
 */
export function chatGroupIds(c: Conversation, hasGeneral: boolean): number[] {
  if (!hasGeneral || c.groupId === GENERAL || c.chatId.charCodeAt(c.chatId.length - 1) % 5 !== 0) return [c.groupId];
  return [c.groupId, GENERAL];
}

/** Whether the world has a General group (it can be removed like any other). */
export function hasGeneralGroup(world: World): boolean {
  return world.departments().some((d) => d.groupId === GENERAL);
}

/** An agent's routing status now: available accepts chats, away and busy do not, offline is offline. */
export function agentRoutingStatus(world: World, agent: Agent): RoutingStatus {
  const s = world.agentStatus(agent);
  if (s === 'available') return 'accepting_chats';
  return s === 'offline' ? 'offline' : 'not_accepting_chats';
}

/** A member's routing priority in its group: the third agent supervises (never gets chats), the second is secondary. */
export function memberPriority(index: number): 'normal' | 'last' | 'supervisor' {
  if (index === 2) return 'supervisor';
  return index === 1 ? 'last' : 'normal';
}

/**
 * A group's routing status: accepting when a member that gets chats routed (not a supervisor) accepts them,
 * not accepting when some member is online but none of those accepts, offline when nobody is online.
 */
export function groupRoutingStatus(world: World, d: Department): RoutingStatus {
  const statuses = d.agents.map((a, i) => ({ status: agentRoutingStatus(world, a), priority: memberPriority(i) }));
  if (statuses.some((s) => s.status === 'accepting_chats' && s.priority !== 'supervisor')) return 'accepting_chats';
  return statuses.some((s) => s.status !== 'offline') ? 'not_accepting_chats' : 'offline';
}
