import { firstValue } from '../../http/parseQuery';
import type { World } from '../../world/createWorld';
import type { Agent } from '../../world/types';
import type { RocketChatErrors } from '../rocketChatErrors';
import { permissionsOf, type RocketChatUser } from '../RocketChatUser';
import { RouteFailure } from '../RouteFailure';
import { paging } from './paging';

/**
 * An agent's presence (`status`) and Omnichannel availability (`statusLivechat`) now. The world's `available`,
 * `away` and `busy` agents accept chats; an `offline` one either went offline while still available (half of
 * them, chosen by id) or switched availability off: charts/agents-status counts both as offline.
 */
export function agentPresence(world: World, agent: Agent): { status: string; statusLivechat: string } {
  const s = world.agentStatus(agent);
  if (s === 'available') return { status: 'online', statusLivechat: 'available' };
  if (s !== 'offline') return { status: s, statusLivechat: 'available' };
  const stillAvailable = agent.id.charCodeAt(agent.id.length - 1) % 2 === 0;
  return { status: 'offline', statusLivechat: stillAvailable ? 'available' : 'not-available' };
}

/** The user document livechat/users/agent returns for `agent`. */
function agentDocument(world: World, agent: Agent): Record<string, unknown> {
  return {
    _id: agent.id,
    username: agent.username,
    ...agentPresence(world, agent),
    name: agent.name,
    emails: [{ address: agent.email, verified: true }],
    livechat: null,
    departments: [agent.departmentId],
  };
}

/**
 * GET livechat/users/:type (docs/upstream/rocketchat.md §11.3): `agent` needs transfer-livechat-guest or
 * edit-omnichannel-contact, `manager` view-livechat-manager, both checked in the handler (403 after the limiter).
 * No department filter: every agent with the ids of its departments. The simulated world has no managers.
 */
export function listAgents(
  world: World,
  type: 'agent' | 'manager',
  query: Record<string, string | string[]>,
  user: RocketChatUser | undefined,
  errors: RocketChatErrors,
): Record<string, unknown> {
  const perms = permissionsOf(user);
  const needs = type === 'agent' ? ['transfer-livechat-guest', 'edit-omnichannel-contact'] : ['view-livechat-manager'];
  if (!needs.some((p) => perms.includes(p))) throw new RouteFailure(403, errors.handlerForbidden());
  const { offset, count } = paging(query);
  const text = firstValue(query.text)?.toLowerCase();
  let agents = type === 'agent' ? [...world.agents()] : [];
  if (text) agents = agents.filter((a) => [a.username, a.name, a.email].some((f) => f.toLowerCase().includes(text)));
  if (firstValue(query.onlyAvailable) === 'true')
    agents = agents.filter((a) => agentPresence(world, a).statusLivechat === 'available');
  if (firstValue(query.showIdleAgents) === 'false')
    agents = agents.filter((a) => agentPresence(world, a).status !== 'offline');
  agents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const page = agents.slice(offset, count === undefined ? undefined : offset + count);
  return { users: page.map((a) => agentDocument(world, a)), count: page.length, offset, total: agents.length };
}
