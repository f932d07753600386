import type { TargetConfig } from '../../config/types';
import { computeWindow } from '../../upstream/computeWindow';
import { linkAbortSignals } from '../../upstream/linkAbortSignals';
import { BudgetExhausted, UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { UpstreamRequest, UpstreamResponse } from '../../upstream/UpstreamHttp';
import type { Job, JobContext, Source } from '../Source';
import { buildReportRequest } from './buildReportRequest';
import { createBackoffGate } from './createBackoffGate';
import { createLifecycleTracker } from './createLifecycleTracker';
import { decodeLiveChatError } from './decodeLiveChatError';
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

  const authorization = (): string =>
    o.auth.type === 'pat'
      ? `Basic ${Buffer.from(`${o.auth.accountId.reveal()}:${o.auth.token.reveal()}`).toString('base64')}`
      : `Bearer ${o.auth.token.reveal()}`;

  // The core scrubs the raw secrets; the Basic value is derived from them, so it is scrubbed here.
  const redact = (err: UpstreamError): UpstreamError => {
    const value = authorization();
    const token = value.slice(value.indexOf(' ') + 1);
    let message = err.message.split(value).join('<redacted>');
    if (token.length >= 4) message = message.split(token).join('<redacted>');
    return message === err.message ? err : new UpstreamError(err.reason, message, err.details);
  };

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
      const err = redact(decodeLiveChatError(status, json, headers));
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
              const backoff = gate.signal();
              // Carried over like an exhausted budget: the last good values stay until max_staleness.
              if (gate.blocked(deps.clock.now())) throw new BudgetExhausted(report.name);
              let res: UpstreamResponse;
              const link = linkAbortSignals([ctx.signal, backoff]);
              try {
                res = await send(ctx, req, link.signal);
              } catch (err) {
                // Dropped because another request started a backoff: not a failure of this report.
                if (
                  backoff.aborted &&
                  !ctx.signal.aborted &&
                  err instanceof UpstreamError &&
                  (err.reason === 'network' || err.reason === 'timeout')
                )
                  throw new BudgetExhausted(report.name);
                throw err;
              } finally {
                link.dispose();
              }
              const json = res.json;
              if (json === null || typeof json !== 'object' || Array.isArray(json))
                throw new UpstreamError('parse', `${report.name}: expected a JSON object`);
              return report.parse(json as Record<string, unknown>, {
                warn: (m) => ctx.problem(m),
                version: o.version,
                tagsLimit: o.tagsLimit,
              });
            },
          });
        }
      }
      return jobs;
    },
  };
}
