import type { TargetConfig } from '../../config/types';
import { computeWindow } from '../../upstream/computeWindow';
import { linkAbortSignals } from '../../upstream/linkAbortSignals';
import { BudgetExhausted, UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { UpstreamRequest, UpstreamResponse } from '../../upstream/UpstreamHttp';
import type { Job, JobContext, Source } from '../Source';
import { buildReportRequest } from './buildReportRequest';
import { createBackoffGate, type BackoffGate } from './createBackoffGate';
import { createLifecycleTracker } from './createLifecycleTracker';
import { decodeLiveChatError } from './decodeLiveChatError';
import { liveChatAuthorization, redactAuthorization } from './liveChatAuthorization';
import type { LiveChatOptions } from './readLiveChatOptions';
import { REPORTS } from './reports';

/**
 * Sends a request unless the target is backing off, and aborts it when another
 * request starts a backoff. Either way the report is carried over like an
 * exhausted budget (the last good values stay until max_staleness), not failed.
 */
async function fetchGated(
  ctx: JobContext,
  gate: BackoffGate,
  now: number,
  endpoint: string,
  send: (signal: AbortSignal) => Promise<UpstreamResponse>,
): Promise<UpstreamResponse> {
  const backoff = gate.signal();
  if (gate.blocked(now)) throw new BudgetExhausted(endpoint);
  const link = linkAbortSignals([ctx.signal, backoff]);
  try {
    return await send(link.signal);
  } catch (err) {
    // Dropped because another request started a backoff: not a failure of this report.
    const dropped = err instanceof UpstreamError && (err.reason === 'network' || err.reason === 'timeout');
    if (backoff.aborted && !ctx.signal.aborted && dropped) throw new BudgetExhausted(endpoint);
    throw err;
  } finally {
    link.dispose();
  }
}

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

  /** One request; a misdirected_request naming another region is retried once there (X-Region is sent from then on). */
  async function send(ctx: JobContext, req: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse> {
    const sentRegion = region;
    try {
      return await ctx.http.request(req, signal);
    } catch (err) {
      const named = err instanceof UpstreamError ? err.details.region : undefined;
      if (named === undefined || named === sentRegion) throw err;
      if (region !== named)
        log.info('upstream named another region; using it from now on', { endpoint: req.endpoint, region: named });
      region = named;
      return await ctx.http.request(req, signal);
    }
  }

  return {
    requestHeaders: () => ({ authorization: authorization(), ...(region !== undefined && { 'x-region': region }) }),
    decodeError(status, json, headers) {
      const err = redactAuthorization(decodeLiveChatError(status, json, headers), authorization());
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
          const req = buildReportRequest(report, bounds.get(w)!, {
            version: o.version,
            timezone: target.timezone,
            filters: o.filters,
          });
          jobs.push({
            key: `${report.name}|${w.label}`,
            endpoint: report.name,
            labels: { window: w.label },
            run: async (ctx) => {
              const res = await fetchGated(ctx, gate, deps.clock.now(), report.name, (signal) =>
                send(ctx, req, signal),
              );
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
