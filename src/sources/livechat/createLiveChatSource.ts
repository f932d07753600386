import type { TargetConfig } from '../../config/types';
import { computeWindow } from '../../upstream/computeWindow';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { UpstreamRequest, UpstreamResponse } from '../../upstream/UpstreamHttp';
import type { Job, JobContext, Source } from '../Source';
import { annotateError } from './annotateError';
import { buildReportRequest } from './buildReportRequest';
import { createBackoffGate } from './createBackoffGate';
import { createLifecycleTracker } from './createLifecycleTracker';
import { createLiveJob } from './createLiveJob';
import { decodeLiveChatError } from './decodeLiveChatError';
import { LIVE_API_VERSION, LIVE_ENDPOINTS } from './liveCalls';
import { liveChatAuthorization } from './liveChatAuthorization';
import type { LiveChatOptions } from './readLiveChatOptions';
import { REPORTS, type LiveChatReport } from './reports';

/** A report refused for a missing scope names the one the Reports API needs. */
const REPORTS_SCOPE_HINT = 'the token needs the reports_read scope';

/** Sends a request the source's way: held while the target backs off, following region redirects. */
type SendGated = (ctx: JobContext, req: UpstreamRequest) => Promise<UpstreamResponse>;

/** The job of one report over one window. */
function reportJob(
  report: LiveChatReport,
  window: string,
  req: UpstreamRequest,
  o: LiveChatOptions,
  sendGated: SendGated,
): Job {
  return {
    key: `${report.name}|${window}`,
    endpoint: report.name,
    labels: { window },
    run: async (ctx) => {
      const res = await sendGated(ctx, req).catch((err: unknown) => {
        throw annotateError(err, undefined, REPORTS_SCOPE_HINT);
      });
      const json = res.json;
      if (json === null || typeof json !== 'object' || Array.isArray(json))
        throw new UpstreamError('parse', `${report.name}: expected a JSON object`);
      const parseContext = { warn: (m: string) => ctx.problem(m), version: o.version, tagsLimit: o.tagsLimit };
      return report.parse(json as Record<string, unknown>, parseContext);
    },
  };
}

/**
 * Builds the LiveChat source of one target: one job per enabled report × window,
 * and with `live.enabled` one live job on the live cycle. Besides what the core
 * does, it keeps the region upstream redirects it to, backs the whole target
 * (reports and live calls alike: limits are per account) off when upstream asks
 * to wait, and remembers each API version's lifecycle dates from response headers.
 */
export function createLiveChatSource(target: TargetConfig<LiveChatOptions>, deps: SourceDeps): Source {
  const o = target.options;
  const log = deps.logger.child({ target: target.name });
  const gate = createBackoffGate();
  const lifecycle = createLifecycleTracker(o.version);
  // Live state is read at v3.6 whatever the Reports version: its headers describe that version.
  const liveLifecycle =
    o.version === LIVE_API_VERSION
      ? lifecycle
      : createLifecycleTracker(LIVE_API_VERSION, 'Agent Chat API (live state)');
  let region = o.region;

  const authorization = () => liveChatAuthorization(o.auth);

  /** One request; a misdirected_request naming another region is retried once there (X-Region is sent from then on). */
  async function send(ctx: JobContext, req: UpstreamRequest): Promise<UpstreamResponse> {
    const sentRegion = region;
    try {
      return await ctx.http.request(req, ctx.signal);
    } catch (err) {
      const named = err instanceof UpstreamError ? err.details.region : undefined;
      if (named === undefined || named === sentRegion) throw err;
      if (region !== named)
        log.info('upstream named another region; using it from now on', { endpoint: req.endpoint, region: named });
      region = named;
      return await ctx.http.request(req, ctx.signal);
    }
  }

  // While upstream has asked the account to wait, nothing is asked (retries included); requests already in
  // flight finish, so each 429 of an episode is counted once, under its own status code.
  const hold = () => gate.blocked(deps.clock.now());
  const sendGated: SendGated = (ctx, req) => send(ctx, { ...req, hold });
  const live = o.live.enabled ? createLiveJob({ maxPages: o.live.maxPages, log, send: sendGated }) : undefined;

  return {
    requestHeaders: () => ({ authorization: authorization(), ...(region !== undefined && { 'x-region': region }) }),
    decodeError(status, json, headers) {
      const err = decodeLiveChatError(status, json, headers);
      // Upstream asked everyone to wait: hold the whole target back, not only this report (limits are per account).
      if (
        err.reason === 'rate_limited' ||
        (err.reason === 'http_5xx' && (err.details.retryAfterMs !== undefined || err.details.retryAt !== undefined))
      ) {
        const now = deps.clock.now();
        gate.backOff(err.details.retryAt ?? now + (err.details.retryAfterMs ?? 0), now);
      }
      return err;
    },
    observeResponse: (endpoint, headers) => (LIVE_ENDPOINTS.has(endpoint) ? liveLifecycle : lifecycle).observe(headers),
    targetSamples: () =>
      liveLifecycle === lifecycle ? lifecycle.samples() : [...lifecycle.samples(), ...liveLifecycle.samples()],
    notices: (now) =>
      liveLifecycle === lifecycle ? lifecycle.notices(now) : [...lifecycle.notices(now), ...liveLifecycle.notices(now)],
    plan(now: number): Job[] {
      const jobs: Job[] = [];
      // Once per window, not per report: the timezone math is the costly part of planning.
      const bounds = new Map(target.windows.map((w) => [w, computeWindow(now, w, target)] as const));
      for (const report of REPORTS) {
        if (!o.reports.includes(report.name)) continue;
        for (const w of target.windows) {
          const req = buildReportRequest(report, bounds.get(w)!, {
            version: o.version,
            timezone: target.timezone,
            filters: o.filters,
          });
          jobs.push(reportJob(report, w.label, req, o, sendGated));
        }
      }
      if (live) jobs.push(live);
      return jobs;
    },
  };
}
