import { firstValue } from '../../http/parseQuery';
import type { World } from '../../world/createWorld';
import type { Agent } from '../../world/types';
import { agentPresence } from './listAgents';

/** Routing's "online" agent: available for Omnichannel and not offline (away and busy count: the idle setting's default). */
function routable(world: World, agent: Agent): boolean {
  const p = agentPresence(world, agent);
  return p.statusLivechat === 'available' && p.status !== 'offline';
}

/**
 * GET livechat/config (docs/upstream/rocketchat.md §11.3), unauthenticated: the widget's configuration and
 * `online`, whether a new chat in `department` (an id; a name or an unknown id is false) would find an agent now;
 * without a department, whether any agent would. Accept-without-agents, bots and fallback departments are off.
 */
export function widgetConfig(world: World, query: Record<string, string | string[]>): Record<string, unknown> {
  const department = firstValue(query.department);
  const agents =
    department === undefined || department === ''
      ? world.agents()
      : (world.departments().find((d) => d.id === department)?.agents ?? []);
  return {
    config: {
      enabled: true,
      settings: { registrationForm: true, allowSwitchingDepartments: true, displayOfflineForm: true, fileUpload: true },
      theme: { title: 'Rocket.Chat', color: '#C1272D', offlineTitle: 'Leave a message', position: 'right' },
      messages: { offlineMessage: '', conversationFinishedMessage: '' },
      survey: { items: ['satisfaction', 'agentKnowledge'], values: ['1', '2', '3', '4', '5'] },
      triggers: [],
      departments: world
        .departments()
        .filter((d) => d.enabled && !d.archived)
        .map((d) => ({ _id: d.id, name: d.name, showOnRegistration: true, showOnOfflineForm: true })),
      resources: { sound: 'https://chat.example.com/sounds/chime.mp3', emojis: [] },
      online: agents.some((a) => routable(world, a)),
    },
  };
}
