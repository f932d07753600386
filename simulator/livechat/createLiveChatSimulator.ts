import type { IncomingMessage, ServerResponse } from 'node:http';
import { systemClock } from '../../src/clock';
import type { SharedFaultMode } from '../http/answerSharedFault';
import type { FaultSpec } from '../http/createFaultInjector';
import { createFixedWindowLimiter } from '../http/createFixedWindowLimiter';
import type { RequestLogEntry } from '../http/createRequestLog';
import { createSimulatorServer, type SimulatorRequest } from '../http/createSimulatorServer';
import { createTtlCache } from '../http/createTtlCache';
import { send } from '../http/send';
import type { CommonSimulatorOptions, SimulatorServer } from '../http/SimulatorServer';
import { defaultLiveChatGroups } from '../world/defaultLiveChatGroups';
import type { Department } from '../world/types';
import { createReports } from './reports/createReports';
import type { ReportBody } from './reports/reportFields';
import { LIVECHAT_ERROR_STATUS, liveChatError, type LiveChatErrorType } from './liveChatError';
import {
  DEFAULT_LIFECYCLE,
  isLegacyVersion,
  LIVECHAT_VERSIONS,
  METHODS_BY_VERSION,
  type LifecycleHeader,
  type LiveChatVersion,
  type ReportMethod,
} from './LiveChatVersion';
import { parseReportRequest, ReportValidationError } from './parseReportRequest';

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
  'too_many_requests',
  'service_unavailable',
  'internal',
  'misdirected_request',
  'authentication',
  'authorization',
] as const;
/** One of liveChatFaultModes. */
export type LiveChatFaultMode = (typeof liveChatFaultModes)[number];
/** The modes answered here; the rest are the network's and proxies', see answerSharedFault. */
type LiveChatOwnFaultMode = Exclude<LiveChatFaultMode, SharedFaultMode>;

/** Options of createLiveChatSimulator; all optional. */
export interface LiveChatSimulatorOptions extends CommonSimulatorOptions {
  /** Groups (id, name); default defaultLiveChatGroups (0..4). */
  groups?: readonly { id: number; name: string }[];
  /** Agents per group; default 3. */
  agentsPerGroup?: number;
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
}

/** A LiveChat Reports API simulator. */
export interface LiveChatSimulator extends SimulatorServer<LiveChatFaultMode> {
  readonly accounts: readonly LiveChatAccount[];
  /** Adds a group (id defaults to the next free number). */
  addGroup(group: { id?: number; name: string }): Department;
  /** Removes a group by id (number or string). */
  removeGroup(id: number | string): boolean;
}

/** The default demo PAT account. */
export const demoLiveChatAccount: LiveChatAccount = { accountId: 'demo-account', pat: 'demo-pat' };
/** The default demo Bearer token (region prefix "dal"). */
export const demoLiveChatBearerToken = 'dal:demo-bearer-token';

const PATH = /^\/v(\d+\.\d+)\/reports\/([a-z_]+)\/([a-z_]+)\/?$/;

/** Creates a LiveChat (livechatinc.com) Reports API v3.2-v3.6 simulator. */
export function createLiveChatSimulator(options: LiveChatSimulatorOptions = {}): LiveChatSimulator {
  const clock = options.clock ?? systemClock;
  const server = createSimulatorServer<LiveChatFaultMode>(options, clock, {
    kind: 'livechat',
    faultModes: liveChatFaultModes,
    departments: (options.groups ?? defaultLiveChatGroups).map((g) => ({
      id: String(g.id),
      groupId: g.id,
      name: g.name,
    })),
    agentsPerDepartment: options.agentsPerGroup ?? 3,
    readsPostBodies: true,
    control: {
      addDepartment: (body) =>
        summary(addGroup({ name: String(body.name ?? ''), ...(typeof body.id === 'number' && { id: body.id }) })),
      removeDepartment: (id) => removeGroup(id),
    },
    state,
    answerFault,
    serve,
  });
  const { world, requests, faults } = server;
  const accounts = options.accounts ?? [demoLiveChatAccount];
  const bearers = (options.bearerTokens ?? [demoLiveChatBearerToken]).map((b) =>
    typeof b === 'string' ? { token: b } : b,
  );
  const lifecycle: Record<LiveChatVersion, LifecycleHeader | null> = { ...DEFAULT_LIFECYCLE, ...options.lifecycle };
  const limiter = options.rateLimit ? createFixedWindowLimiter({ clock, ...options.rateLimit }) : undefined;
  const cache = createTtlCache<ReportBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 });
  const reports = createReports({ world });

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

  const envelope = (
    res: ServerResponse,
    entry: RequestLogEntry,
    type: LiveChatErrorType,
    headers: Record<string, string>,
    message?: string,
    data?: Record<string, unknown>,
  ): void => send(res, entry, LIVECHAT_ERROR_STATUS[type], liveChatError(type, message, data), headers);

  /**
   * Splits a report path. `version` is set only for a version this simulator serves; `headers` are its lifecycle
   * headers, which every answer carries, errors and faults included.
   */
  function parseReportPath(path: string): {
    m: RegExpExecArray | null;
    version: LiveChatVersion | undefined;
    headers: Record<string, string>;
  } {
    const m = PATH.exec(path);
    const raw = m?.[1];
    const version =
      raw !== undefined && (LIVECHAT_VERSIONS as readonly string[]).includes(raw)
        ? (raw as LiveChatVersion)
        : undefined;
    const life = version !== undefined ? lifecycle[version] : null;
    return { m, version, headers: life ? { [life.header]: life.date } : {} };
  }

  /** Answers the faults that are LiveChat's own: mostly its error envelopes, with the lifecycle headers. */
  function answerFault(mode: LiveChatOwnFaultMode, spec: FaultSpec, { req, res, entry, path }: SimulatorRequest): void {
    const { headers } = parseReportPath(path);
    const retryAfter: Record<string, string> =
      spec.retryAfterSeconds !== undefined ? { 'retry-after': String(spec.retryAfterSeconds) } : {};
    switch (mode) {
      case 'http_500':
        return send(res, entry, 500, 'Internal Server Error', { 'content-type': 'text/plain; charset=utf-8' });
      case 'invalid_json':
        return send(
          res,
          entry,
          200,
          '{"name":"total-chats-report","total":369,"records":{"2021-04-08":{"total":37,"contin',
          { ...headers, 'content-type': 'application/json' },
        );
      case 'unauthorized':
      case 'authentication':
        return envelope(res, entry, 'authentication', headers, 'Invalid access token');
      case 'forbidden':
      case 'authorization':
        return envelope(res, entry, 'authorization', headers);
      case 'rate_limited':
      case 'too_many_requests':
        return envelope(res, entry, 'too_many_requests', { ...headers, ...retryAfter });
      case 'service_unavailable':
        return envelope(res, entry, 'service_unavailable', { ...headers, ...retryAfter });
      case 'internal':
        return envelope(res, entry, 'internal', headers);
      case 'misdirected_request':
        return envelope(res, entry, 'misdirected_request', headers, undefined, { region: spec.region ?? 'fra' });
      case 'echo_secret':
        return envelope(
          res,
          entry,
          'internal',
          headers,
          `Request failed; received Authorization: ${String(req.headers.authorization ?? '')}`,
        );
    }
  }

  function serve({ req, res, entry, method, path, query, body }: SimulatorRequest): void {
    const { m, version, headers } = parseReportPath(path);
    const auth = authenticate(req);
    if (!auth) return envelope(res, entry, 'authentication', headers, 'Invalid access token');
    if (!m) return envelope(res, entry, 'not_found', headers);
    if (!version) return envelope(res, entry, 'unsupported_version', headers);
    if (!auth.scopes.includes('reports_read'))
      return envelope(res, entry, 'authorization', headers, 'Insufficient scopes: reports_read is required');
    const requestRegion =
      (typeof req.headers['x-region'] === 'string' ? req.headers['x-region'] : undefined) ?? auth.region ?? 'dal';
    if (options.region !== undefined && requestRegion !== options.region) {
      return envelope(res, entry, 'misdirected_request', headers, undefined, { region: options.region });
    }
    if (limiter) {
      const d = limiter.hit(String(req.headers.authorization));
      if (!d.allowed)
        return envelope(res, entry, 'too_many_requests', {
          ...headers,
          'retry-after': String(Math.ceil(d.timeToReset / 1000)),
        });
    }
    const reportMethod = `${m[2]}/${m[3]}` as ReportMethod;
    const httpOk = method === 'GET' || (method === 'POST' && !isLegacyVersion(version));
    if (!METHODS_BY_VERSION[version].includes(reportMethod) || !httpOk)
      return envelope(res, entry, 'not_found', headers);
    if (method === 'POST' && typeof body === 'string')
      return envelope(res, entry, 'validation', headers, 'Request body is not valid JSON');
    let report: ReportBody;
    try {
      const parsed = parseReportRequest(
        version,
        reportMethod,
        query,
        method === 'POST' ? body : undefined,
        clock.now(),
      );
      const key = JSON.stringify([
        version,
        reportMethod,
        parsed.distribution,
        parsed.zone.name,
        parsed.from,
        parsed.to,
        parsed.groups,
        parsed.agents,
        parsed.tags,
        parsed.countries,
        parsed.page,
      ]);
      report = cache.get(key, () => reports.run(parsed));
    } catch (err) {
      if (err instanceof ReportValidationError) return envelope(res, entry, 'validation', headers, err.message);
      throw err;
    }
    send(res, entry, 200, report, headers);
  }

  const summary = (d: Department): Record<string, unknown> => ({
    id: d.groupId,
    name: d.name,
    agents: d.agents.map((a) => a.email),
  });
  function addGroup(group: { id?: number; name: string }): Department {
    if (!group.name) throw new Error('name is required');
    const id = group.id ?? world.departments().reduce((max, d) => Math.max(max, d.groupId + 1), 0);
    return world.addDepartment({ id: String(id), groupId: id, name: group.name });
  }
  function removeGroup(id: number | string): boolean {
    return world.removeDepartment(String(id));
  }
  /** This upstream's part of GET /_simulator/state. */
  function state(now: number): Record<string, unknown> {
    return {
      region: options.region ?? null,
      lifecycle,
      groups: world
        .departments()
        .map((d) => ({ ...summary(d), current: world.stateCounts(world.retentionStart(), now, [d.id]) })),
      current: world.stateCounts(world.retentionStart(), now),
      tags: world.tags(),
      world: world.stats(),
      requestsLogged: requests.size,
      faults: faults.list(),
    };
  }

  return Object.assign(server, { accounts, addGroup, removeGroup });
}
