import type { IncomingMessage, ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../../clock';
import { CONTROL_PREFIX, handleControl } from '../http/control-api';
import { createFaultInjector, type FaultInjector, type FaultSpec } from '../http/fault-injector';
import { HTML_LOGIN_PAGE, proxyErrorPage } from '../http/fault-pages';
import { createFixedWindowLimiter, type LimitDecision } from '../http/fixed-window-limiter';
import { clientIp, parseQuery, send } from '../http/http-io';
import { createRequestLog, type RequestLog, type RequestLogEntry } from '../http/request-log';
import { createServerHost } from '../http/server-host';
import { createTtlCache } from '../http/ttl-cache';
import { defaultRocketChatDepartments } from '../world/default-departments';
import type { Conversation, Department, DepartmentSpec } from '../world/types';
import { createWorld, type BurstOptions, type World } from '../world/world';
import { createDashboardMetrics, type DashboardBody, type DashboardQuery } from './dashboard-metrics';
import { listDepartments, toDepartmentObject } from './department-list';
import { rocketChatErrors } from './rocketchat-errors';
import {
  agentsStatusQuerySchema, dashboardQuerySchema, departmentListQuerySchema, validateQuery, type QuerySchema,
} from './validate-query';

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
  'timeout', 'http_500', 'http_502', 'http_503', 'invalid_json', 'html_login', 'unauthorized', 'forbidden',
  'rate_limited', 'slow', 'echo_secret',
] as const;
/** One of rocketChatFaultModes. */
export type RocketChatFaultMode = (typeof rocketChatFaultModes)[number];

/** Options of createRocketChatSimulator; all optional. */
export interface RocketChatSimulatorOptions {
  /** Default systemClock. */
  clock?: Clock;
  /** Default 1. */
  seed?: number;
  /** Reporting timezone (Default_Timezone_For_Reporting) and business-hours timezone; default 'UTC'. */
  timezone?: string;
  /** Default: defaultRocketChatDepartments (awkward names). */
  departments?: readonly DepartmentSpec[];
  /** Default 3. */
  agentsPerDepartment?: number;
  /** Peak conversations/hour for a department of weight 1; default 10. */
  arrivalsPerHour?: number;
  /** Default: one demo manager without rate-limit bypass (demoRocketChatUser). */
  users?: readonly RocketChatUser[];
  /** REST limiter per route per client IP; default { limit: 10, periodMs: 60000 }; false disables it. */
  rateLimit?: { limit: number; periodMs: number } | false;
  /** Fixed latency added to every request (benchmarks); default 0. */
  latencyMs?: number;
  /** Request log size; default 1000 (0 disables). */
  maxRequestLog?: number;
  /** Server-side answer cache per exact query (RC's mem maxAge); default 5000 ms, 0 disables. */
  cacheTtlMs?: number;
  /** Share a world instead of creating one (then seed/timezone/departments/agents options are ignored). */
  world?: World;
}

/** A running-or-not Rocket.Chat simulator. */
export interface RocketChatSimulator {
  /** Starts the HTTP server; resolves with its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Base URL once listening. */
  readonly url: string | undefined;
  readonly world: World;
  readonly requests: RequestLog;
  readonly faults: FaultInjector<RocketChatFaultMode>;
  readonly users: readonly RocketChatUser[];
  burst(options: BurstOptions): Conversation[];
  addDepartment(spec: DepartmentSpec): Department;
  removeDepartment(id: string): boolean;
  /** Same as GET /_simulator/state. */
  state(): Record<string, unknown>;
}

/** The default demo credentials (manager permissions, subject to the rate limiter). */
export const demoRocketChatUser: RocketChatUser = { userId: 'demo-user', token: 'demo-token', username: 'demo.manager' };

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

/** Creates a Rocket.Chat Omnichannel analytics simulator (newest-build behaviour, see the reference). */
export function createRocketChatSimulator(options: RocketChatSimulatorOptions = {}): RocketChatSimulator {
  const clock = options.clock ?? systemClock;
  const world = options.world ?? createWorld({
    clock,
    seed: options.seed ?? 1,
    timezone: options.timezone ?? 'UTC',
    departments: options.departments ?? defaultRocketChatDepartments,
    agentsPerDepartment: options.agentsPerDepartment ?? 3,
    arrivalsPerHour: options.arrivalsPerHour ?? 10,
  });
  const users = options.users ?? [demoRocketChatUser];
  const rateLimit = options.rateLimit === undefined ? { limit: 10, periodMs: 60_000 } : options.rateLimit;
  const limiter = rateLimit ? createFixedWindowLimiter({ clock, ...rateLimit }) : undefined;
  const requests = createRequestLog(options.maxRequestLog ?? 1000);
  const faults = createFaultInjector(rocketChatFaultModes);
  const cache = createTtlCache<DashboardBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 });
  const metrics = createDashboardMetrics({ world });
  const latencyMs = options.latencyMs ?? 0;

  const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
  const toDashboardQuery = (query: Record<string, string | string[]>): DashboardQuery => {
    const dep = str(query.departmentId);
    return { start: str(query.start) ?? '', end: str(query.end) ?? '', ...(dep && dep !== 'undefined' && { departmentId: dep }) };
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
    [`${DASHBOARDS}charts/agents-status`, {
      schema: agentsStatusQuerySchema,
      permissions: ['view-livechat-manager'],
      auth: true,
      handle(query) {
        const dep = str(query.departmentId);
        const departmentId = dep && dep !== 'undefined' ? dep : undefined;
        return cache.get(JSON.stringify(['as', departmentId ?? null]), () => metrics.agentsStatus(departmentId));
      },
    }],
    [`${API}livechat/department`, {
      schema: departmentListQuerySchema,
      permissions: ['view-livechat-departments', 'view-l-room'],
      auth: true,
      handle: (query) => listDepartments(world.departments(), query),
    }],
    [`${API}me`, {
      schema: null,
      permissions: [],
      auth: true,
      handle: (_q, user) => ({ _id: user?.userId, username: user?.username ?? user?.userId, status: 'online', active: true, roles: ['livechat-manager'] }),
    }],
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

  /** Applies a fault; returns true when the request is finished (or deliberately left hanging). */
  async function applyFault(mode: RocketChatFaultMode, spec: FaultSpec, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<boolean> {
    entry.fault = mode;
    switch (mode) {
      case 'timeout':
        // Never answer; the socket is destroyed by close() or when the client gives up.
        return true;
      case 'slow':
        return !(await host.wait(spec.delayMs ?? 2000));
      case 'http_500':
        send(res, entry, 500, { success: false, error: 'Internal server error' });
        return true;
      case 'http_502':
      case 'http_503':
        send(res, entry, mode === 'http_502' ? 502 : 503, proxyErrorPage(mode === 'http_502' ? 502 : 503), { 'content-type': 'text/html' });
        return true;
      case 'invalid_json':
        send(res, entry, 200, '{"totalizers":[{"title":"Total_conversations","value":7},{"title":"Open_conv', { 'content-type': 'application/json' });
        return true;
      case 'html_login':
        send(res, entry, 200, HTML_LOGIN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
        return true;
      case 'unauthorized':
        send(res, entry, 401, rocketChatErrors.unauthorized());
        return true;
      case 'forbidden':
        send(res, entry, 403, rocketChatErrors.forbidden());
        return true;
      case 'rate_limited': {
        const wait = spec.retryAfterSeconds ?? 60;
        send(res, entry, 429, rocketChatErrors.tooManyRequests(wait), {
          'x-ratelimit-limit': String(rateLimit ? rateLimit.limit : 10),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(clock.now() + wait * 1000),
        });
        return true;
      }
      case 'echo_secret': {
        const userId = String(req.headers['x-user-id'] ?? '');
        const token = String(req.headers['x-auth-token'] ?? '');
        send(res, entry, 500, {
          success: false,
          error: `Internal error while serving user ${userId} with token ${token}`,
          stack: `Error: upstream rejected\n    headers: {"x-user-id":"${userId}","x-auth-token":"${token}"}`,
        });
        return true;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    const query = parseQuery(url.searchParams);
    const entry = requests.record({
      time: clock.now(), method: req.method ?? 'GET', path, query, headers: { ...req.headers }, ip: clientIp(req),
    });
    if (path.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, entry, path, {
        world, faults, requests,
        addDepartment: (body) => toDepartmentObject(addDepartment(body as unknown as DepartmentSpec)),
        removeDepartment,
        state,
      });
      return;
    }
    if (latencyMs > 0 && !(await host.wait(latencyMs))) return;
    const fault = faults.take(path);
    if (fault && (await applyFault(fault.mode, fault, req, res, entry))) return;

    const route = routes.get(path);
    if (!route || req.method !== 'GET') {
      send(res, entry, 404, rocketChatErrors.notFound());
      return;
    }
    // Order of checks as in ApiClass (§8): auth -> rate limit -> validation -> permission -> handler.
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

  const host = createServerHost(handle);

  function addDepartment(spec: DepartmentSpec): Department {
    if (typeof spec.name !== 'string') throw new Error('name is required');
    return world.addDepartment(spec);
  }
  function removeDepartment(id: string): boolean {
    return world.removeDepartment(id);
  }
  function state(): Record<string, unknown> {
    const now = clock.now();
    return {
      kind: 'rocketchat',
      now: new Date(now).toISOString(),
      seed: world.seed,
      timezone: world.zone.name,
      departments: world.departments().map((d) => ({
        id: d.id, name: d.name, enabled: d.enabled, agents: d.agents.map((a) => ({ username: a.username, status: world.agentStatus(a) })),
        current: world.stateCounts(world.retentionStart(), now, [d.id]),
      })),
      current: world.stateCounts(world.retentionStart(), now),
      world: world.stats(),
      requestsLogged: requests.size,
      faults: faults.list(),
      users: users.map((u) => ({ userId: u.userId, bypassRateLimit: u.bypassRateLimit ?? false })),
    };
  }

  return {
    listen: (port, host_) => host.listen(port, host_),
    close: () => host.close(),
    get url() {
      return host.url();
    },
    world,
    requests,
    faults,
    users,
    burst: (o) => world.burst(o),
    addDepartment,
    removeDepartment,
    state,
  };
}
