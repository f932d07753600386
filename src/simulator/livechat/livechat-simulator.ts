import type { IncomingMessage, ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../../clock';
import { CONTROL_PREFIX, handleControl } from '../http/control-api';
import { createFaultInjector, type FaultInjector, type FaultSpec } from '../http/fault-injector';
import { HTML_LOGIN_PAGE, proxyErrorPage } from '../http/fault-pages';
import { createFixedWindowLimiter } from '../http/fixed-window-limiter';
import { clientIp, parseJsonBody, parseQuery, readBody, send } from '../http/http-io';
import { createRequestLog, type RequestLog, type RequestLogEntry } from '../http/request-log';
import { createServerHost } from '../http/server-host';
import { createTtlCache } from '../http/ttl-cache';
import { defaultLiveChatGroups } from '../world/default-departments';
import type { Conversation, Department } from '../world/types';
import { createWorld, type BurstOptions, type World } from '../world/world';
import { LIVECHAT_ERROR_STATUS, liveChatError, type LiveChatErrorType } from './livechat-errors';
import {
  DEFAULT_LIFECYCLE, isLegacyVersion, LIVECHAT_VERSIONS, METHODS_BY_VERSION, type LifecycleHeader, type LiveChatVersion,
  type ReportMethod,
} from './method-table';
import { parseReportRequest, ReportValidationError } from './report-request';
import { createReports, type ReportBody } from './reports';

/** A PAT credential: Authorization: Basic base64(accountId:pat). */
export interface LiveChatAccount {
  accountId: string;
  pat: string;
  /** Default ['reports_read']; without it every report answers `authorization` (403). */
  scopes?: string[];
}

/** A Bearer token, optionally with scopes (default ['reports_read']). */
export type LiveChatBearerToken = string | { token: string; scopes?: string[] };

/** Fault modes of the LiveChat simulator. */
export const liveChatFaultModes = [
  'timeout', 'http_500', 'http_502', 'http_503', 'invalid_json', 'html_login', 'unauthorized', 'forbidden',
  'rate_limited', 'slow', 'echo_secret', 'too_many_requests', 'service_unavailable', 'internal',
  'misdirected_request', 'authentication', 'authorization',
] as const;
/** One of liveChatFaultModes. */
export type LiveChatFaultMode = (typeof liveChatFaultModes)[number];

/** Options of createLiveChatSimulator; all optional. */
export interface LiveChatSimulatorOptions {
  clock?: Clock;
  seed?: number;
  /** Business-hours timezone of the world; default 'UTC'. */
  timezone?: string;
  /** Groups (id, name); default defaultLiveChatGroups (0..4). */
  groups?: readonly { id: number; name: string }[];
  /** Agents per group; default 3. */
  agentsPerGroup?: number;
  /** Peak chats/hour for a group of weight 1; default 10. */
  arrivalsPerHour?: number;
  /** Default [demoLiveChatAccount]. */
  accounts?: readonly LiveChatAccount[];
  /** Default ['dal:demo-bearer-token']. */
  bearerTokens?: readonly LiveChatBearerToken[];
  /** When set, requests whose region (X-Region, else the Bearer prefix, else 'dal') differs get misdirected_request. */
  region?: string;
  /** Lifecycle header per version; null = none. Merged over DEFAULT_LIFECYCLE. */
  lifecycle?: Partial<Record<LiveChatVersion, LifecycleHeader | null>>;
  /** Per-credential fixed window; default off. */
  rateLimit?: { limit: number; periodMs: number } | false;
  latencyMs?: number;
  /** Default 1000 (0 disables). */
  maxRequestLog?: number;
  /** Answer cache per exact request; default 5000 ms, 0 disables. */
  cacheTtlMs?: number;
  /** Share a world (its departments' groupId are the LiveChat group ids). */
  world?: World;
}

/** A LiveChat Reports API simulator. */
export interface LiveChatSimulator {
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string | undefined;
  readonly world: World;
  readonly requests: RequestLog;
  readonly faults: FaultInjector<LiveChatFaultMode>;
  readonly accounts: readonly LiveChatAccount[];
  burst(options: BurstOptions): Conversation[];
  /** Adds a group (id defaults to the next free number). */
  addGroup(group: { id?: number; name: string }): Department;
  /** Removes a group by id (number or string). */
  removeGroup(id: number | string): boolean;
  state(): Record<string, unknown>;
}

/** The default demo PAT account. */
export const demoLiveChatAccount: LiveChatAccount = { accountId: 'demo-account', pat: 'demo-pat' };
/** The default demo Bearer token (region prefix "dal"). */
export const demoLiveChatBearerToken = 'dal:demo-bearer-token';

const PATH = /^\/v(\d+\.\d+)\/reports\/([a-z_]+)\/([a-z_]+)\/?$/;

/** Creates a LiveChat (livechatinc.com) Reports API v3.2-v3.6 simulator. */
export function createLiveChatSimulator(options: LiveChatSimulatorOptions = {}): LiveChatSimulator {
  const clock = options.clock ?? systemClock;
  const world = options.world ?? createWorld({
    clock,
    seed: options.seed ?? 1,
    timezone: options.timezone ?? 'UTC',
    departments: (options.groups ?? defaultLiveChatGroups).map((g) => ({ id: String(g.id), groupId: g.id, name: g.name })),
    agentsPerDepartment: options.agentsPerGroup ?? 3,
    arrivalsPerHour: options.arrivalsPerHour ?? 10,
  });
  const accounts = options.accounts ?? [demoLiveChatAccount];
  const bearers = (options.bearerTokens ?? [demoLiveChatBearerToken]).map((b) => (typeof b === 'string' ? { token: b } : b));
  const lifecycle: Record<LiveChatVersion, LifecycleHeader | null> = { ...DEFAULT_LIFECYCLE, ...options.lifecycle };
  const limiter = options.rateLimit ? createFixedWindowLimiter({ clock, ...options.rateLimit }) : undefined;
  const requests = createRequestLog(options.maxRequestLog ?? 1000);
  const faults = createFaultInjector(liveChatFaultModes);
  const cache = createTtlCache<ReportBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 });
  const reports = createReports({ world });
  const latencyMs = options.latencyMs ?? 0;

  /** Resolves the caller's scopes, or undefined when the credentials are missing/wrong. */
  function authenticate(req: IncomingMessage): { scopes: string[]; region: string | undefined } | undefined {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      const account = accounts.find((a) => a.accountId === decoded.slice(0, sep) && a.pat === decoded.slice(sep + 1));
      return account && sep >= 0 ? { scopes: account.scopes ?? ['reports_read'], region: undefined } : undefined;
    }
    if (scheme?.toLowerCase() === 'bearer') {
      const bearer = bearers.find((b) => b.token === value);
      const prefix = /^([a-z]+(?:-[a-z])?)[:-]/.exec(value)?.[1];
      return bearer ? { scopes: bearer.scopes ?? ['reports_read'], region: prefix } : undefined;
    }
    return undefined;
  }

  const envelope = (res: ServerResponse, entry: RequestLogEntry, type: LiveChatErrorType, headers: Record<string, string>, message?: string, data?: Record<string, unknown>): void =>
    send(res, entry, LIVECHAT_ERROR_STATUS[type], liveChatError(type, message, data), headers);

  async function applyFault(mode: LiveChatFaultMode, spec: FaultSpec, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, headers: Record<string, string>): Promise<boolean> {
    entry.fault = mode;
    const retryAfter: Record<string, string> = spec.retryAfterSeconds !== undefined ? { 'retry-after': String(spec.retryAfterSeconds) } : {};
    switch (mode) {
      case 'timeout':
        return true;
      case 'slow':
        return !(await host.wait(spec.delayMs ?? 2000));
      case 'http_500':
        send(res, entry, 500, 'Internal Server Error', { 'content-type': 'text/plain; charset=utf-8' });
        return true;
      case 'http_502':
      case 'http_503':
        send(res, entry, mode === 'http_502' ? 502 : 503, proxyErrorPage(mode === 'http_502' ? 502 : 503), { 'content-type': 'text/html' });
        return true;
      case 'invalid_json':
        send(res, entry, 200, '{"name":"total-chats-report","total":369,"records":{"2021-04-08":{"total":37,"contin', { ...headers, 'content-type': 'application/json' });
        return true;
      case 'html_login':
        send(res, entry, 200, HTML_LOGIN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
        return true;
      case 'unauthorized':
      case 'authentication':
        envelope(res, entry, 'authentication', headers, 'Invalid access token');
        return true;
      case 'forbidden':
      case 'authorization':
        envelope(res, entry, 'authorization', headers);
        return true;
      case 'rate_limited':
      case 'too_many_requests':
        envelope(res, entry, 'too_many_requests', { ...headers, ...retryAfter });
        return true;
      case 'service_unavailable':
        envelope(res, entry, 'service_unavailable', { ...headers, ...retryAfter });
        return true;
      case 'internal':
        envelope(res, entry, 'internal', headers);
        return true;
      case 'misdirected_request':
        envelope(res, entry, 'misdirected_request', headers, undefined, { region: spec.region ?? 'fra' });
        return true;
      case 'echo_secret':
        envelope(res, entry, 'internal', headers, `Request failed; received Authorization: ${String(req.headers.authorization ?? '')}`);
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    const query = parseQuery(url.searchParams);
    const method = req.method ?? 'GET';
    const entry = requests.record({ time: clock.now(), method, path, query, headers: { ...req.headers }, ip: clientIp(req) });
    if (path.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, entry, path, {
        world, faults, requests,
        addDepartment: (body) => summary(addGroup({ name: String(body.name ?? ''), ...(typeof body.id === 'number' && { id: body.id }) })),
        removeDepartment: (id) => removeGroup(id),
        state,
      });
      return;
    }
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req);
      body = parseJsonBody(text);
      entry.body = body;
    }
    if (latencyMs > 0 && !(await host.wait(latencyMs))) return;
    const m = PATH.exec(path);
    const version = m?.[1] as LiveChatVersion | undefined;
    const known = version !== undefined && (LIVECHAT_VERSIONS as readonly string[]).includes(version);
    const life = known ? lifecycle[version] : null;
    const headers: Record<string, string> = life ? { [life.header]: life.date } : {};

    const fault = faults.take(path);
    if (fault && (await applyFault(fault.mode, fault, req, res, entry, headers))) return;

    const auth = authenticate(req);
    if (!auth) return envelope(res, entry, 'authentication', headers, 'Invalid access token');
    if (!m) return envelope(res, entry, 'not_found', headers);
    if (!known) return envelope(res, entry, 'unsupported_version', headers);
    if (!auth.scopes.includes('reports_read')) return envelope(res, entry, 'authorization', headers, 'Insufficient scopes: reports_read is required');
    const requestRegion = (typeof req.headers['x-region'] === 'string' ? req.headers['x-region'] : undefined) ?? auth.region ?? 'dal';
    if (options.region !== undefined && requestRegion !== options.region) {
      return envelope(res, entry, 'misdirected_request', headers, undefined, { region: options.region });
    }
    if (limiter) {
      const d = limiter.hit(String(req.headers.authorization));
      if (!d.allowed) return envelope(res, entry, 'too_many_requests', { ...headers, 'retry-after': String(Math.ceil(d.timeToReset / 1000)) });
    }
    const reportMethod = `${m[2]}/${m[3]}` as ReportMethod;
    const httpOk = method === 'GET' || (method === 'POST' && !isLegacyVersion(version));
    if (!METHODS_BY_VERSION[version].includes(reportMethod) || !httpOk) return envelope(res, entry, 'not_found', headers);
    if (method === 'POST' && typeof body === 'string') return envelope(res, entry, 'validation', headers, 'Request body is not valid JSON');
    let report: ReportBody;
    try {
      const parsed = parseReportRequest(version, reportMethod, query, method === 'POST' ? body : undefined, clock.now());
      const key = JSON.stringify([version, reportMethod, parsed.distribution, parsed.zone.name, parsed.from, parsed.to, parsed.groups, parsed.agents, parsed.tags, parsed.countries, parsed.page]);
      report = cache.get(key, () => reports.run(parsed));
    } catch (err) {
      if (err instanceof ReportValidationError) return envelope(res, entry, 'validation', headers, err.message);
      throw err;
    }
    send(res, entry, 200, report, headers);
  }

  const host = createServerHost(handle);

  const summary = (d: Department): Record<string, unknown> => ({ id: d.groupId, name: d.name, agents: d.agents.map((a) => a.email) });
  function addGroup(group: { id?: number; name: string }): Department {
    if (!group.name) throw new Error('name is required');
    const id = group.id ?? world.departments().reduce((max, d) => Math.max(max, d.groupId + 1), 0);
    return world.addDepartment({ id: String(id), groupId: id, name: group.name });
  }
  function removeGroup(id: number | string): boolean {
    return world.removeDepartment(String(id));
  }
  function state(): Record<string, unknown> {
    const now = clock.now();
    return {
      kind: 'livechat',
      now: new Date(now).toISOString(),
      seed: world.seed,
      region: options.region ?? null,
      lifecycle,
      groups: world.departments().map((d) => ({ ...summary(d), current: world.stateCounts(world.retentionStart(), now, [d.id]) })),
      current: world.stateCounts(world.retentionStart(), now),
      tags: world.tags(),
      world: world.stats(),
      requestsLogged: requests.size,
      faults: faults.list(),
    };
  }

  return {
    listen: (port, h) => host.listen(port, h),
    close: () => host.close(),
    get url() {
      return host.url();
    },
    world,
    requests,
    faults,
    accounts,
    burst: (o) => world.burst(o),
    addGroup,
    removeGroup,
    state,
  };
}
