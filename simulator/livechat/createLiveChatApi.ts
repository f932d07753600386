import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../src/clock';
import type { FixedWindowLimiter } from '../http/createFixedWindowLimiter';
import type { SimulatorRequest } from '../http/createSimulatorServer';
import type { TtlCache } from '../http/createTtlCache';
import { send } from '../http/send';
import { callerRegion, type LiveChatCaller } from './liveChatCredentials';
import { sendLiveChatError, type LiveChatErrorType } from './liveChatError';
import { hasScope } from './liveChatScopes';
import {
  isLegacyVersion,
  METHODS_BY_VERSION,
  type LifecycleHeader,
  type LiveChatVersion,
  type ReportMethod,
} from './LiveChatVersion';
import { parseReportPath } from './parseReportPath';
import { parseReportRequest, ReportValidationError, type ReportRequest } from './parseReportRequest';
import type { Reports } from './reports/createReports';
import type { ReportBody } from './reports/reportFields';

/** What the Reports API answers from. */
export interface LiveChatApiDeps {
  clock: Clock;
  authenticate(req: IncomingMessage): LiveChatCaller | undefined;
  /** When set, callers from other regions get misdirected_request. */
  region: string | undefined;
  lifecycle: Record<LiveChatVersion, LifecycleHeader | null>;
  /** Per credential; undefined = no limit. */
  limiter: FixedWindowLimiter | undefined;
  cache: TtlCache<ReportBody>;
  reports: Reports;
}

/** Cache key of a validated request: everything its answer depends on. */
const cacheKey = (version: LiveChatVersion, method: ReportMethod, r: ReportRequest): string =>
  JSON.stringify([
    version,
    method,
    r.distribution,
    r.zone.name,
    r.from,
    r.to,
    r.groups,
    r.agents,
    r.tags,
    r.countries,
    r.page,
  ]);

/**
 * Creates the Reports API's request handler, checking in LiveChat's order: credentials, path, version, scope,
 * region, rate limit, method and HTTP verb, body; then the (cached) report, with the version's lifecycle header.
 */
export function createLiveChatApi(deps: LiveChatApiDeps): (request: SimulatorRequest) => void {
  const { clock, limiter, cache, reports } = deps;
  return ({ req, res, entry, method, path, query, body }) => {
    const { method: rawMethod, version, headers } = parseReportPath(path, deps.lifecycle);
    const fail = (
      type: LiveChatErrorType,
      h: Record<string, string>,
      message?: string,
      data?: Record<string, unknown>,
    ) => sendLiveChatError(res, entry, type, h, message, data);
    const caller = deps.authenticate(req);
    if (!caller) return fail('authentication', headers, 'Invalid access token');
    if (rawMethod === undefined) return fail('not_found', headers);
    if (!version) return fail('unsupported_version', headers);
    if (!hasScope(caller.scopes, 'reports_read'))
      return fail('authorization', headers, 'Insufficient scopes: reports_read is required');
    if (deps.region !== undefined && callerRegion(req, caller) !== deps.region)
      return fail('misdirected_request', headers, undefined, { region: deps.region });
    const decision = limiter?.hit(String(req.headers.authorization));
    if (decision && !decision.allowed)
      return fail('too_many_requests', { ...headers, 'retry-after': String(Math.ceil(decision.timeToReset / 1000)) });
    const reportMethod = rawMethod as ReportMethod;
    const httpOk = method === 'GET' || (method === 'POST' && !isLegacyVersion(version));
    if (!METHODS_BY_VERSION[version].includes(reportMethod) || !httpOk) return fail('not_found', headers);
    if (method === 'POST' && typeof body === 'string')
      return fail('validation', headers, 'Request body is not valid JSON');
    let report: ReportBody;
    try {
      const parsed = parseReportRequest(
        version,
        reportMethod,
        query,
        method === 'POST' ? body : undefined,
        clock.now(),
      );
      report = cache.get(cacheKey(version, reportMethod, parsed), () => reports.run(parsed));
    } catch (err) {
      if (err instanceof ReportValidationError) return fail('validation', headers, err.message);
      throw err;
    }
    send(res, entry, 200, report, headers);
  };
}
