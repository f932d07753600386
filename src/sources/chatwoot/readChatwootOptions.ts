import type { ObjectReader } from '../../config/ObjectReader';
import { readSecret, type SecretContext } from '../../config/readSecret';
import type { Secret } from '../../config/Secret';
import { ENDPOINTS } from './endpoints';

/** Limits of the server's Rack::Attack rules the exporter keeps under (docs/upstream/chatwoot.md §13). */
export interface ChatwootRateLimits {
  /** Every request from the exporter's IP, per minute (rule req/ip, 3000 by default, shared with others). */
  readonly perIp: number;
  /** Requests under /reports per minute for this token and account (100 by default). */
  readonly reports: number;
  /** Requests under /reports per minute for the whole account, every user together (1000 by default). */
  readonly reportsAccount: number;
  /** conversations/meta calls per minute for this user and account (30 since 4.11.2). */
  readonly conversationsMeta: number;
}

/** The Chatwoot-specific part of a target's config. */
export interface ChatwootOptions {
  /** The account id, as a decimal string (it is part of every path). */
  readonly accountId: string;
  /** The user access token, sent as `api-access-token`. */
  readonly token: Secret;
  /** Names of the endpoints to poll, in ENDPOINTS order. */
  readonly endpoints: readonly string[];
  /** Cron expression of the version, profile and discovery task. */
  readonly discoverySchedule: string;
  /** Sends business_hours=true with the windowed reports. */
  readonly businessHours: boolean;
  readonly rateLimits: ChatwootRateLimits;
}

/**
 * Conservative defaults: Chatwoot Cloud does not publish its values. The per-IP bucket is shared with
 * everything else behind the exporter's egress IP, so the exporter takes a third of the default; the
 * reports bucket is the token's own; the account-wide one (1000) is shared with people reading reports, so all
 * the exporter's targets on one account together take at most 300 of it.
 */
export const DEFAULT_RATE_LIMITS: ChatwootRateLimits = {
  perIp: 1000,
  reports: 80,
  reportsAccount: 300,
  conversationsMeta: 30,
};

const AUTH_HINT = '{token: {env|file}} (a user access token from Profile settings)';

function readAccountId(r: ObjectReader): string | undefined {
  const raw = r.raw('account_id');
  if (raw === undefined) {
    r.problem('account_id', 'is required (the number in /app/accounts/<id>/ of the dashboard URL)');
    return undefined;
  }
  // Chatwoot reads the id with Ruby's to_i: "3-x" would be account 3, so only a plain number is accepted.
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,18}$/.test(text)) {
    r.problem('account_id', 'must be a positive whole number');
    return undefined;
  }
  return text;
}

function readEndpoints(r: ObjectReader): string[] {
  const enabled = new Set(ENDPOINTS.filter((e) => !e.optIn).map((e) => e.name));
  const m = r.object('endpoints');
  if (m) {
    for (const name of m.keys()) {
      const on = m.boolean(name);
      if (!ENDPOINTS.some((e) => e.name === name))
        m.problem(name, `unknown endpoint (known: ${ENDPOINTS.map((e) => e.name).join(', ')})`);
      else if (on === true) enabled.add(name);
      else if (on === false) enabled.delete(name);
    }
  }
  return ENDPOINTS.filter((e) => enabled.has(e.name)).map((e) => e.name);
}

function readRateLimits(r: ObjectReader): ChatwootRateLimits {
  const l = r.object('rate_limits');
  if (!l) return DEFAULT_RATE_LIMITS;
  const n = (key: string) => l.number(key, { integer: true, min: 1, max: 1_000_000 });
  const out = {
    perIp: n('per_ip') ?? DEFAULT_RATE_LIMITS.perIp,
    reports: n('reports') ?? DEFAULT_RATE_LIMITS.reports,
    reportsAccount: n('reports_account') ?? DEFAULT_RATE_LIMITS.reportsAccount,
    conversationsMeta: n('conversations_meta') ?? DEFAULT_RATE_LIMITS.conversationsMeta,
  };
  l.finish();
  return out;
}

/** Reads `account_id`, `auth`, `endpoints`, `discovery`, `business_hours` and `rate_limits` of a `kind: chatwoot` target. */
export function readChatwootOptions(r: ObjectReader, secrets: SecretContext): ChatwootOptions | undefined {
  const accountId = readAccountId(r);
  const auth = r.object('auth');
  if (!r.has('auth')) r.problem('auth', `is required (${AUTH_HINT})`);
  const token = auth && readSecret(auth, 'token', secrets);
  auth?.finish();
  const endpoints = readEndpoints(r);
  const d = r.object('discovery');
  const discoverySchedule = d?.cron('schedule') ?? '*/10 * * * *';
  d?.finish();
  const businessHours = r.boolean('business_hours') ?? false;
  const rateLimits = readRateLimits(r);
  if (accountId === undefined || !token) return undefined;
  return { accountId, token, endpoints, discoverySchedule, businessHours, rateLimits };
}
