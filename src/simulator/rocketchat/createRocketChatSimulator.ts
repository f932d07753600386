import type { IncomingMessage } from 'node:http';
import { systemClock } from '../../clock';
import type { SharedFaultMode } from '../http/answerSharedFault';
import type { FaultSpec } from '../http/createFaultInjector';
import { createFixedWindowLimiter, type LimitDecision } from '../http/createFixedWindowLimiter';
import { createSimulatorServer, type SimulatorRequest } from '../http/createSimulatorServer';
import { createTtlCache } from '../http/createTtlCache';
import { send } from '../http/send';
import type { CommonSimulatorOptions, SimulatorServer } from '../http/SimulatorServer';
import { defaultRocketChatDepartments } from '../world/defaultRocketChatDepartments';
import type { Department, DepartmentSpec } from '../world/types';
import { createDashboardMetrics, type DashboardBody, type DashboardQuery } from './createDashboardMetrics';
import { listDepartments, toDepartmentObject } from './listDepartments';
import { rocketChatErrors } from './rocketChatErrors';
import {
  agentsStatusQuerySchema,
  dashboardQuerySchema,
  departmentListQuerySchema,
  validateQuery,
  type QuerySchema,
} from './validateQuery';

/** A Rocket.Chat user the simulator accepts (PAT-style: X-User-Id + X-Auth-Token). */
export interface RocketChatUser {
  userId: string;
  token: string;
  username?: string;
  /** Has api-bypass-rate-limit: no limiter, no X-RateLimit-* headers. */
  bypassRateLimit?: boolean;
  /** Permissions; default: view-livechat-manager, view-livechat-departments, view-l-room. */
  permissions?: string[];
}

/** Fault modes of the Rocket.Chat simulator. */
export const rocketChatFaultModes = [
  'timeout',
  'http_500',
  'http_502',
  'http_503',
  'invalid_json',
  'html_login',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'slow',
  'echo_secret',
] as const;
/** One of rocketChatFaultModes. */
export type RocketChatFaultMode = (typeof rocketChatFaultModes)[number];
/** The modes answered here; the rest are the network's and proxies', see answerSharedFault. */
type RocketChatOwnFaultMode = Exclude<RocketChatFaultMode, SharedFaultMode>;

/** Options of createRocketChatSimulator; all optional. The timezone is also Default_Timezone_For_Reporting. */
export interface RocketChatSimulatorOptions extends CommonSimulatorOptions {
  /** Default: defaultRocketChatDepartments (awkward names). */
  departments?: readonly DepartmentSpec[];
  /** Default 3. */
  agentsPerDepartment?: number;
  /** Default: one demo manager without rate-limit bypass (demoRocketChatUser). */
  users?: readonly RocketChatUser[];
  /** REST limiter per route per client IP; default { limit: 10, periodMs: 60000 }; false disables it. */
  rateLimit?: { limit: number; periodMs: number } | false;
}

/** A running-or-not Rocket.Chat simulator. */
export interface RocketChatSimulator extends SimulatorServer<RocketChatFaultMode> {
  readonly users: readonly RocketChatUser[];
  addDepartment(spec: DepartmentSpec): Department;
  removeDepartment(id: string): boolean;
}

/** The default demo credentials (manager permissions, subject to the rate limiter). */
export const demoRocketChatUser: RocketChatUser = {
  userId: 'demo-user',
  token: 'demo-token',
  username: 'demo.manager',
};

const MANAGER_PERMISSIONS = ['view-livechat-manager', 'view-livechat-departments', 'view-l-room'];
const API = '/api/v1/';
const DASHBOARDS = `${API}livechat/analytics/dashboards/`;

interface Route {
  schema: QuerySchema | null;
  /** Any one of these suffices; empty = authenticated only. */
  permissions: readonly string[];
  auth: boolean;
  handle(query: Record<string, string | string[]>, user: RocketChatUser | undefined): Record<string, unknown>;
}

/** Creates a Rocket.Chat Omnichannel analytics simulator (newest-build behaviour, docs/upstream/rocketchat.md §1). */
export function createRocketChatSimulator(options: RocketChatSimulatorOptions = {}): RocketChatSimulator {
  const clock = options.clock ?? systemClock;
  const server = createSimulatorServer<RocketChatFaultMode>(options, clock, {
    kind: 'rocketchat',
    faultModes: rocketChatFaultModes,
    departments: options.departments ?? defaultRocketChatDepartments,
    agentsPerDepartment: options.agentsPerDepartment ?? 3,
    control: {
      addDepartment: (body) => toDepartmentObject(addDepartment(body as unknown as DepartmentSpec)),
      removeDepartment,
    },
    state,
    answerFault,
    serve,
  });
  const { world, requests, faults } = server;
  const users = options.users ?? [demoRocketChatUser];
  const rateLimit = options.rateLimit === undefined ? { limit: 10, periodMs: 60_000 } : options.rateLimit;
  const limiter = rateLimit ? createFixedWindowLimiter({ clock, ...rateLimit }) : undefined;
  const cache = createTtlCache<DashboardBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 });
  const metrics = createDashboardMetrics({ world });

  const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
  const toDashboardQuery = (query: Record<string, string | string[]>): DashboardQuery => {
    const dep = str(query.departmentId);
    return {
      start: str(query.start) ?? '',
      end: str(query.end) ?? '',
      ...(dep && dep !== 'undefined' && { departmentId: dep }),
    };
  };
  const dashboard = (name: string, fn: (q: DashboardQuery) => DashboardBody): Route => ({
    schema: dashboardQuerySchema,
    permissions: ['view-livechat-manager'],
    auth: true,
    handle(query) {
      const q = toDashboardQuery(query);
      return cache.get(JSON.stringify([name, q.start, q.end, q.departmentId ?? null]), () => fn(q));
    },
  });

  const routes = new Map<string, Route>([
    [`${DASHBOARDS}conversation-totalizers`, dashboard('ct', metrics.conversationTotalizers)],
    [`${DASHBOARDS}agents-productivity-totalizers`, dashboard('apt', metrics.agentsProductivityTotalizers)],
    [`${DASHBOARDS}chats-totalizers`, dashboard('cht', metrics.chatsTotalizers)],
    [`${DASHBOARDS}productivity-totalizers`, dashboard('pt', metrics.productivityTotalizers)],
    [`${DASHBOARDS}charts/chats`, dashboard('chats', metrics.chats)],
    [`${DASHBOARDS}charts/chats-per-agent`, dashboard('cpa', metrics.chatsPerAgent)],
    [`${DASHBOARDS}charts/chats-per-department`, dashboard('cpd', metrics.chatsPerDepartment)],
    [`${DASHBOARDS}charts/timings`, dashboard('timings', metrics.timings)],
    [
      `${DASHBOARDS}charts/agents-status`,
      {
        schema: agentsStatusQuerySchema,
        permissions: ['view-livechat-manager'],
        auth: true,
        handle(query) {
          const dep = str(query.departmentId);
          const departmentId = dep && dep !== 'undefined' ? dep : undefined;
          return cache.get(JSON.stringify(['as', departmentId ?? null]), () => metrics.agentsStatus(departmentId));
        },
      },
    ],
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
    ['/api/info', { schema: null, permissions: [], auth: false, handle: () => ({ version: '7.5.0' }) }],
  ]);

  function authenticate(req: IncomingMessage): RocketChatUser | undefined {
    const userId = req.headers['x-user-id'];
    const token = req.headers['x-auth-token'];
    if (typeof userId !== 'string' || typeof token !== 'string') return undefined;
    return users.find((u) => u.userId === userId && u.token === token);
  }

  const limitHeaders = (d: LimitDecision): Record<string, string> => ({
    'x-ratelimit-limit': String(d.limit),
    'x-ratelimit-remaining': String(d.remaining),
    'x-ratelimit-reset': String(d.resetAt),
  });

  /** Answers the faults that are Rocket.Chat's own (its error bodies and rate-limit headers). */
  function answerFault(mode: RocketChatOwnFaultMode, spec: FaultSpec, { req, res, entry }: SimulatorRequest): void {
    switch (mode) {
      case 'http_500':
        send(res, entry, 500, { success: false, error: 'Internal server error' });
        return;
      case 'invalid_json':
        send(res, entry, 200, '{"totalizers":[{"title":"Total_conversations","value":7},{"title":"Open_conv', {
          'content-type': 'application/json',
        });
        return;
      case 'unauthorized':
        send(res, entry, 401, rocketChatErrors.unauthorized());
        return;
      case 'forbidden':
        send(res, entry, 403, rocketChatErrors.forbidden());
        return;
      case 'rate_limited': {
        const wait = spec.retryAfterSeconds ?? 60;
        send(res, entry, 429, rocketChatErrors.tooManyRequests(wait), {
          'x-ratelimit-limit': String(rateLimit ? rateLimit.limit : 10),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(clock.now() + wait * 1000),
        });
        return;
      }
      case 'echo_secret': {
        const userId = String(req.headers['x-user-id'] ?? '');
        const token = String(req.headers['x-auth-token'] ?? '');
        send(res, entry, 500, {
          success: false,
          error: `Internal error while serving user ${userId} with token ${token}`,
          stack: `Error: upstream rejected\n    headers: {"x-user-id":"${userId}","x-auth-token":"${token}"}`,
        });
        return;
      }
    }
  }

  function serve({ req, res, entry, path, query }: SimulatorRequest): void {
    const route = routes.get(path);
    if (!route || req.method !== 'GET') {
      send(res, entry, 404, rocketChatErrors.notFound());
      return;
    }
    // Order of checks as in the older ApiClass (docs/upstream/rocketchat.md §8.1):
    // auth -> rate limit -> validation -> permission -> handler.
    const user = authenticate(req);
    if (route.auth && !user) {
      send(res, entry, 401, rocketChatErrors.unauthorized());
      return;
    }
    let headers: Record<string, string> = {};
    if (limiter && route.auth && !user?.bypassRateLimit) {
      const decision = limiter.hit(`${path}get|${entry.ip}`);
      headers = limitHeaders(decision);
      if (!decision.allowed) {
        send(res, entry, 429, rocketChatErrors.tooManyRequests(Math.ceil(decision.timeToReset / 1000)), headers);
        return;
      }
    }
    if (route.schema) {
      const errors = validateQuery(route.schema, query);
      if (errors.length > 0) {
        send(res, entry, 400, rocketChatErrors.invalidParams(errors), headers);
        return;
      }
    }
    if (route.permissions.length > 0) {
      const perms = user?.permissions ?? MANAGER_PERMISSIONS;
      if (!route.permissions.some((p) => perms.includes(p))) {
        send(res, entry, 403, rocketChatErrors.forbidden(), headers);
        return;
      }
    }
    if (route.schema === dashboardQuerySchema) {
      for (const param of ['start', 'end'] as const) {
        if (Number.isNaN(Date.parse(str(query[param]) ?? ''))) {
          send(res, entry, 400, rocketChatErrors.invalidDate(param), headers);
          return;
        }
      }
    }
    send(res, entry, 200, { ...route.handle(query, user), success: true }, headers);
  }

  function addDepartment(spec: DepartmentSpec): Department {
    if (typeof spec.name !== 'string') throw new Error('name is required');
    return world.addDepartment(spec);
  }
  function removeDepartment(id: string): boolean {
    return world.removeDepartment(id);
  }
  /** This upstream's part of GET /_simulator/state. */
  function state(now: number): Record<string, unknown> {
    return {
      timezone: world.zone.name,
      departments: world.departments().map((d) => ({
        id: d.id,
        name: d.name,
        enabled: d.enabled,
        agents: d.agents.map((a) => ({ username: a.username, status: world.agentStatus(a) })),
        current: world.stateCounts(world.retentionStart(), now, [d.id]),
      })),
      current: world.stateCounts(world.retentionStart(), now),
      world: world.stats(),
      requestsLogged: requests.size,
      faults: faults.list(),
      users: users.map((u) => ({ userId: u.userId, bypassRateLimit: u.bypassRateLimit ?? false })),
    };
  }

  return Object.assign(server, { users, addDepartment, removeDepartment });
}
