import type { World } from '../../world/createWorld';
import { agentRoutingStatus } from './liveRouting';

/**
 * agent/action/list_routing_statuses: a bare array of `{agent_id, status}` for the agents of the given groups
 * (default all). Offline agents are left out, which the docs leave open (docs/upstream/livechat.md §11.3), so a
 * client must count a member missing here as offline.
 */
export function listRoutingStatuses(world: World, groupIds: readonly number[] | undefined): unknown[] {
  const out: { agent_id: string; status: string }[] = [];
  const seen = new Set<string>();
  for (const d of world.departments()) {
    if (groupIds && !groupIds.includes(d.groupId)) continue;
    for (const a of d.agents) {
      const status = agentRoutingStatus(world, a);
      if (status === 'offline' || seen.has(a.email)) continue;
      seen.add(a.email);
      out.push({ agent_id: a.email, status });
    }
  }
  return out;
}
