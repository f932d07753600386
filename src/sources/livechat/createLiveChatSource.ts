import type { TargetConfig } from '../../config/types';
import { computeWindow } from '../../upstream/computeWindow';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { UpstreamRequest, UpstreamResponse } from '../../upstream/UpstreamHttp';
import type { Job, JobContext, Source } from '../Source';
import { buildReportRequest } from './buildReportRequest';
import { createBackoffGate } from './createBackoffGate';
import { createLifecycleTracker } from './createLifecycleTracker';
import { decodeLiveChatError } from './decodeLiveChatError';
import { liveChatAuthorization } from './liveChatAuthorization';
import type { LiveChatOptions } from './readLiveChatOptions';
import { REPORTS } from './reports';

/**
 * Builds the LiveChat source of one target: one job per enabled report × window.
 * Besides what the core does, it keeps the region upstream redirects it to, backs
 * the whole target off when upstream asks to wait, and remembers the version's
 * lifecycle dates from response headers.
 */
export function createLiveChatSource(target: TargetConfig<LiveChatOptions>, deps: SourceDeps): Source {
  const o = target.options;
  const log = deps.logger.child({ target: target.name });
  const gate = createBackoffGate();
  const lifecycle = createLifecycleTracker(o.version);
  let region = o.region;

  const authorization = () => liveChatAuthorization(o.auth);
  // While upstream has asked the account to wait, no report asks anything (retries included).
  const hold = () => gate.blocked(deps.clock.now());

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
    observeResponse: (_endpoint, headers) => lifecycle.observe(headers),
    targetSamples: () => lifecycle.samples(),
    notices: (now) => lifecycle.notices(now),
    plan(now: number): Job[] {
      const jobs: Job[] = [];
      // Once per window, not per report: the timezone math is the costly part of planning.
      const bounds = new Map(target.windows.map((w) => [w, computeWindow(now, w, target)] as const));
      for (const report of REPORTS) {
        if (!o.reports.includes(report.name)) continue;
        for (const w of target.windows) {
          const req: UpstreamRequest = {
            ...buildReportRequest(report, bounds.get(w)!, {
              version: o.version,
              timezone: target.timezone,
              filters: o.filters,
            }),
            hold,
          };
          jobs.push({
            key: `${report.name}|${w.label}`,
            endpoint: report.name,
            labels: { window: w.label },
            run: async (ctx) => {
              const res = await send(ctx, req);
              const json = res.json;
              if (json === null || typeof json !== 'object' || Array.isArray(json))
                throw new UpstreamError('parse', `${report.name}: expected a JSON object`);
              const parseContext = { warn: (m: string) => ctx.problem(m), version: o.version, tagsLimit: o.tagsLimit };
              return report.parse(json as Record<string, unknown>, parseContext);
            },
          });
        }
      }
      return jobs;
    },
  };
}
