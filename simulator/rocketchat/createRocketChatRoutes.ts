import type { TtlCache } from '../http/createTtlCache';
import { firstValue } from '../http/parseQuery';
import type { World } from '../world/createWorld';
import { agentsStatus, chats, chatsPerAgent, chatsPerDepartment, timings } from './dashboards/chartDashboards';
import { chatsTotalizers, productivityTotalizers } from './dashboards/chatTotalizers';
import type { DashboardBody, DashboardQuery } from './dashboards/DashboardQuery';
import { agentsProductivityTotalizers, conversationTotalizers } from './dashboards/overviewTotalizers';
import { listDepartments } from './listDepartments';
import { listAgents } from './live/listAgents';
import { listRooms } from './live/listRooms';
import { widgetConfig } from './live/widgetConfig';
import type { RocketChatErrors } from './rocketChatErrors';
import type { RocketChatUser } from './RocketChatUser';
import type { ServerEra } from './serverEra';
import {
  agentsQuerySchema,
  agentsStatusQuerySchema,
  configQuerySchema,
  dashboardQuerySchema,
  departmentListQuerySchema,
  legacyRoomsQuerySchema,
  roomsQuerySchema,
  type QuerySchema,
} from './validateQuery';

/** One REST route of the simulated Rocket.Chat. */
export interface Route {
  schema: QuerySchema | null;
  /** Checked by the framework before the handler; any one suffices; empty = none. */
  permissions: readonly string[];
  auth: boolean;
  /** Whether the REST limiter counts calls; default: authenticated routes only. */
  rateLimited?: boolean;
  /** The limiter's bucket when not the path: routes with URL parameters share one per pattern. */
  limiterKey?: string;
  /** The 200 body, or a RouteFailure for the handler's own 400s and 403s (which come after the limiter). */
  handle(
    query: Record<string, string | string[]>,
    user: RocketChatUser | undefined,
    errors: RocketChatErrors,
  ): Record<string, unknown>;
}

const API = '/api/v1/';
const DASHBOARDS = `${API}livechat/analytics/dashboards/`;

/** A departmentId parameter as newest builds read it: absent, empty and the literal "undefined" mean none. */
function departmentIdOf(query: Record<string, string | string[]>): string | undefined {
  const dep = firstValue(query.departmentId);
  return dep && dep !== 'undefined' ? dep : undefined;
}

function toDashboardQuery(query: Record<string, string | string[]>): DashboardQuery {
  const departmentId = departmentIdOf(query);
  return {
    start: firstValue(query.start) ?? '',
    end: firstValue(query.end) ?? '',
    ...(departmentId !== undefined && { departmentId }),
  };
}

/** The routes of the nine dashboards, answered from `world` and cached per exact query like Rocket.Chat's mem(). */
function dashboardRoutes(world: World, cache: TtlCache<DashboardBody>): [string, Route][] {
  const dashboard = (name: string, fn: (world: World, q: DashboardQuery) => DashboardBody): Route => ({
    schema: dashboardQuerySchema,
    permissions: ['view-livechat-manager'],
    auth: true,
    handle(query) {
      const q = toDashboardQuery(query);
      return cache.get(JSON.stringify([name, q.start, q.end, q.departmentId ?? null]), () => fn(world, q));
    },
  });
  const agentsStatusRoute: Route = {
    schema: agentsStatusQuerySchema,
    permissions: ['view-livechat-manager'],
    auth: true,
    handle(query) {
      const departmentId = departmentIdOf(query);
      return cache.get(JSON.stringify(['as', departmentId ?? null]), () => agentsStatus(world, departmentId));
    },
  };
  return [
    [`${DASHBOARDS}conversation-totalizers`, dashboard('ct', conversationTotalizers)],
    [`${DASHBOARDS}agents-productivity-totalizers`, dashboard('apt', agentsProductivityTotalizers)],
    [`${DASHBOARDS}chats-totalizers`, dashboard('cht', chatsTotalizers)],
    [`${DASHBOARDS}productivity-totalizers`, dashboard('pt', productivityTotalizers)],
    [`${DASHBOARDS}charts/chats`, dashboard('chats', chats)],
    [`${DASHBOARDS}charts/chats-per-agent`, dashboard('cpa', chatsPerAgent)],
    [`${DASHBOARDS}charts/chats-per-department`, dashboard('cpd', chatsPerDepartment)],
    [`${DASHBOARDS}charts/timings`, dashboard('timings', timings)],
    [`${DASHBOARDS}charts/agents-status`, agentsStatusRoute],
  ];
}

/** The routes of the live state (docs/upstream/rocketchat.md §11): rooms now, agents, the widget's config. */
function liveRoutes(world: World, era: ServerEra): [string, Route][] {
  const users = (type: 'agent' | 'manager'): Route => ({
    schema: agentsQuerySchema,
    permissions: [],
    auth: true,
    limiterKey: `${API}livechat/users/:type`,
    handle: (query, user, errors) => listAgents(world, type, query, user, errors),
  });
  return [
    [
      `${API}livechat/rooms`,
      {
        schema: era.queuedFilter ? roomsQuerySchema : legacyRoomsQuerySchema,
        permissions: [],
        auth: true,
        handle: (query, user, errors) => listRooms(world, era, query, user, errors),
      },
    ],
    [`${API}livechat/users/agent`, users('agent')],
    [`${API}livechat/users/manager`, users('manager')],
    [
      `${API}livechat/config`,
      {
        schema: configQuerySchema,
        permissions: [],
        auth: false,
        rateLimited: true,
        handle: (q) => widgetConfig(world, q),
      },
    ],
  ];
}

/** Every route the simulator serves, by path: dashboards, live state, the department list, `me` and the server info. */
export function createRocketChatRoutes(deps: {
  world: World;
  cache: TtlCache<DashboardBody>;
  era: ServerEra;
}): Map<string, Route> {
  const { world, cache, era } = deps;
  return new Map<string, Route>([
    ...dashboardRoutes(world, cache),
    ...liveRoutes(world, era),
    [
      `${API}livechat/department`,
      {
        schema: departmentListQuerySchema,
        permissions: ['view-livechat-departments', 'view-l-room'],
        auth: true,
        handle: (query) => listDepartments(world.departments(), query),
      },
    ],
    [
      `${API}me`,
      {
        schema: null,
        permissions: [],
        auth: true,
        handle: (_q, user) => ({
          _id: user?.userId,
          username: user?.username ?? user?.userId,
          status: 'online',
          active: true,
          roles: ['livechat-manager'],
        }),
      },
    ],
    ['/api/info', { schema: null, permissions: [], auth: false, handle: () => ({ version: era.version }) }],
  ]);
}
