import { UpstreamError } from '../../upstream/UpstreamError';
import type { Job } from '../Source';
import { ALL_DEPARTMENTS, departmentLabels, type Department } from './Department';
import { rc } from './metrics';
import { requestJson } from './requestJson';

/** livechat/config: the chat widget's own question, unauthenticated (a 403 would be a proxy's). */
export const CONFIG_ROUTE = {
  endpoint: 'livechat-config',
  path: '/api/v1/livechat/config',
  permission: 'no permission (the route is public; check proxies in front of Rocket.Chat)',
} as const;

/**
 * Whether a new chat in `dep` would find an agent now: `config.online` of livechat/config?department=<id>
 * (docs/upstream/rocketchat.md §11.3). With Omnichannel disabled the body has `enabled: false` and no `online`:
 * no chat can be taken, so 0.
 */
export function departmentOnlineJob(dep: Department): Job {
  const labels = departmentLabels(dep);
  return {
    key: `${CONFIG_ROUTE.endpoint}|${dep.id}`,
    endpoint: CONFIG_ROUTE.endpoint,
    labels,
    cycle: 'live',
    async run(ctx) {
      const query: Record<string, string> = dep === ALL_DEPARTMENTS ? {} : { department: dep.id };
      const body = await requestJson(ctx, { ...CONFIG_ROUTE, query });
      const config = body.config as Record<string, unknown> | null | undefined;
      if (config === null || typeof config !== 'object' || Array.isArray(config))
        throw new UpstreamError('parse', 'livechat/config: expected {config: {...}}');
      const online = config.online;
      if (typeof online === 'boolean') return [{ metric: rc.liveDepartmentOnline, labels: {}, value: online ? 1 : 0 }];
      if (online === undefined && config.enabled === false)
        return [{ metric: rc.liveDepartmentOnline, labels: {}, value: 0 }];
      throw new UpstreamError('parse', `livechat/config: "online" is ${JSON.stringify(online)}, not true or false`);
    },
  };
}
