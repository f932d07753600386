import type { World } from '../../world/createWorld';
import { groupRoutingStatus, memberPriority } from './liveRouting';

/**
 * configuration/action/list_groups: every group by id, with `agent_priorities` when asked for, and
 * `routing_status` always (the documentation's sample has it without asking; docs/upstream/livechat.md §11.4).
 */
export function listGroups(world: World, o: { priorities: boolean }): unknown[] {
  return [...world.departments()]
    .sort((a, b) => a.groupId - b.groupId)
    .map((d) => ({
      id: d.groupId,
      name: d.name,
      language_code: 'en',
      ...(o.priorities && {
        agent_priorities: Object.fromEntries(d.agents.map((a, i) => [a.email, memberPriority(i)])),
      }),
      routing_status: groupRoutingStatus(world, d),
    }));
}
