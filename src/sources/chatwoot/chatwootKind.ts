import { createHash } from 'node:crypto';
import type { TargetConfig } from '../../config/types';
import type { SharedLimit } from '../../upstream/createBudget';
import type { SourceKind } from '../SourceKind';
import { createChatwootSource } from './createChatwootSource';
import { ENDPOINTS, type Throttle } from './endpoints';
import { chatwootMetrics } from './metrics';
import { readChatwootOptions, type ChatwootOptions } from './readChatwootOptions';

const MINUTE = 60_000;

/** The token's identity in budget keys: a short hash, never the token. */
function tokenKey(t: TargetConfig<ChatwootOptions>): string {
  return createHash('sha256').update(t.options.token.reveal()).digest('hex').slice(0, 16);
}

const endpointsOf = (throttle: Throttle): string[] =>
  ENDPOINTS.filter((e) => e.throttle === throttle).map((e) => e.name);

/**
 * Rack::Attack's rules as shared limits, counted in fixed UTC minutes as the server counts them
 * (docs/upstream/chatwoot.md §13): every request per client IP (targets on one origin share the exporter's
 * IP), the requests under /reports per token and account and per account, and those to conversations/meta
 * per token and account.
 */
function sharedLimits(t: TargetConfig<ChatwootOptions>): SharedLimit[] {
  const origin = new URL(t.url).origin;
  const user = `${t.options.accountId}|${tokenKey(t)}`;
  const l = t.options.rateLimits;
  return [
    { key: `chatwoot|${origin}|ip`, requests: l.perIp, perMs: MINUTE, window: 'fixed' },
    {
      key: `chatwoot|${origin}|reports|${user}`,
      requests: l.reports,
      perMs: MINUTE,
      window: 'fixed',
      endpoints: endpointsOf('reports'),
    },
    {
      key: `chatwoot|${origin}|reports-account|${t.options.accountId}`,
      requests: l.reportsAccount,
      perMs: MINUTE,
      window: 'fixed',
      endpoints: endpointsOf('reports'),
    },
    {
      key: `chatwoot|${origin}|meta|${user}`,
      requests: l.conversationsMeta,
      perMs: MINUTE,
      window: 'fixed',
      endpoints: endpointsOf('meta'),
    },
  ];
}

/** `kind: chatwoot`: Chatwoot's live reports and v2 summary reports, self-hosted or app.chatwoot.com. */
export const chatwootKind: SourceKind<ChatwootOptions> = {
  kind: 'chatwoot',
  // Per endpoint, counted like Rack::Attack in UTC minutes. The binding limits are the shared ones below;
  // this only caps one endpoint's share of them (e.g. many windows of one summary).
  defaultBudget: { requests: 60, perMs: MINUTE, window: 'fixed' },
  defaultSettings: {
    // Reporting events are written by Sidekiq seconds after the fact (§11.1): windows end a minute in the past.
    alignMs: MINUTE,
    delayMs: MINUTE,
    // Away from :00, where Rack::Attack's windows turn over: a cycle's calls never straddle the boundary.
    schedule: '30 * * * * *',
    liveSchedule: '15,45 * * * * *',
  },
  metrics: chatwootMetrics,
  readOptions: (r, secrets) => readChatwootOptions(r, secrets),
  usesLiveCycle: (o) => ENDPOINTS.some((e) => e.cycle === 'live' && o.endpoints.includes(e.name)),
  // The per-endpoint budget follows the server's per-token buckets: one per origin, account and token.
  budgetScope: (t) => `${new URL(t.url).origin}|${t.options.accountId}|${tokenKey(t)}`,
  sharedLimits,
  createSource: createChatwootSource,
};
