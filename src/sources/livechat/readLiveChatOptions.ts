import { describeType, type ObjectReader } from '../../config/ObjectReader';
import { readSecret, type SecretContext } from '../../config/readSecret';
import type { Secret } from '../../config/Secret';
import type { CommonSettings } from '../../config/types';
import { API_VERSIONS, DEFAULT_API_VERSION, isQueryStringVersion, type ApiVersion } from './apiVersions';
import { readLiveOptions, type LiveOptions } from './readLiveOptions';
import { REPORTS, versionsOf } from './reports';

/** How the target authenticates: a PAT (Basic account_id:token) or an OAuth access token (Bearer). */
export type LiveChatAuth =
  | { readonly type: 'pat'; readonly accountId: Secret; readonly token: Secret }
  | { readonly type: 'bearer'; readonly token: Secret };

/** Upstream filters applied to every report that accepts them. */
export interface LiveChatFilters {
  readonly groups?: readonly number[];
  readonly agents?: readonly string[];
  readonly tags?: readonly string[];
}

/** The LiveChat-specific part of a target's config. */
export interface LiveChatOptions {
  readonly version: ApiVersion;
  readonly auth: LiveChatAuth;
  /** Initial X-Region; a misdirected_request answer replaces it at run time. */
  readonly region: string | undefined;
  /** Names of the reports to poll, in REPORTS order (a list, not a Set, so it shows in the target's fingerprint). */
  readonly reports: readonly string[];
  readonly filters: LiveChatFilters;
  readonly tagsLimit: number;
  /** Live state (Agent Chat and Configuration APIs v3.6), on the live cycle. */
  readonly live: LiveOptions;
}

/** Distinct tags per series family unless `tags_limit` says otherwise: enough for a dashboard, bounded for Prometheus. */
export const DEFAULT_TAGS_LIMIT = 20;

const REGION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const AUTH_HINT = '{type: pat, account_id: {env|file}, token: {env|file}} or {type: bearer, token: {env|file}}';

function readAuth(r: ObjectReader, secrets: SecretContext): LiveChatAuth | undefined {
  if (!r.has('auth')) {
    r.problem('auth', `is required (${AUTH_HINT})`);
    return undefined;
  }
  const a = r.object('auth');
  if (!a) return undefined;
  const type = a.string('type', { required: true, oneOf: ['pat', 'bearer'] });
  let auth: LiveChatAuth | undefined;
  if (type === 'pat') {
    const accountId = readSecret(a, 'account_id', secrets);
    const token = readSecret(a, 'token', secrets);
    if (accountId && token) auth = { type, accountId, token };
  } else if (type === 'bearer') {
    if (a.has('account_id')) a.problem('account_id', 'is only used with type: pat');
    const token = readSecret(a, 'token', secrets);
    if (token) auth = { type, token };
  } else {
    // Without a valid type the secrets cannot be checked, but their keys are not unknown.
    a.allow('account_id', 'token');
  }
  a.finish();
  return auth;
}

type Item<T> = { readonly ok: T } | { readonly error: string };

/** A list filter: when present, it must be non-empty and every item must pass `item`. */
function readList<T>(f: ObjectReader, key: string, item: (v: unknown) => Item<T>): T[] | undefined {
  const items = f.list(key);
  if (!items) return undefined;
  if (items.length === 0) {
    f.problem(key, 'must list at least one value (or leave the key out)');
    return undefined;
  }
  const out: T[] = [];
  for (const { value, path } of items) {
    const v = item(value);
    if ('ok' in v) out.push(v.ok);
    else f.problems.push(`${path}: ${v.error}`);
  }
  return out;
}

const groupId = (v: unknown): Item<number> =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0
    ? { ok: v }
    : { error: `expected a group id (a whole number), got ${describeType(v)}` };
const text = (v: unknown): Item<string> =>
  typeof v === 'string' && v !== '' ? { ok: v } : { error: `expected a non-empty string, got ${describeType(v)}` };

function readFilters(r: ObjectReader, version: ApiVersion | undefined): LiveChatFilters {
  const f = r.object('filters');
  if (!f) return {};
  const groups = readList(f, 'groups', groupId);
  const agents = readList(f, 'agents', text);
  const tags = readList(f, 'tags', text);
  // v3.2/v3.3 take comma-separated lists: a value with a comma cannot be sent.
  if (version !== undefined && isQueryStringVersion(version)) {
    for (const [key, list] of [
      ['agents', agents],
      ['tags', tags],
    ] as const) {
      list?.forEach((v, i) => {
        if (v.includes(','))
          f.problems.push(
            `${f.path}.${key}[${i}]: contains a comma, which API v${version} cannot send (its lists are comma-separated)`,
          );
      });
    }
  }
  f.finish();
  return { ...(groups && { groups }), ...(agents && { agents }), ...(tags && { tags }) };
}

function readReports(r: ObjectReader, version: ApiVersion | undefined): string[] {
  const enabled = new Set(REPORTS.filter((x) => !x.optIn).map((x) => x.name));
  const m = r.object('reports');
  if (m) {
    for (const name of m.keys()) {
      const on = m.boolean(name);
      const report = REPORTS.find((x) => x.name === name);
      if (!report) m.problem(name, `unknown report (known: ${REPORTS.map((x) => x.name).join(', ')})`);
      else if (on === true && version !== undefined && report.paths[version] === undefined) {
        m.problem(name, `not available in API v${version} (available in ${versionsOf(report).join(', ')})`);
      } else if (on === true) enabled.add(name);
      else if (on === false) enabled.delete(name);
    }
  }
  // Default-on reports the version lacks are simply not polled; only an explicit `true` is an error.
  return REPORTS.filter((x) => enabled.has(x.name) && (version === undefined || x.paths[version] !== undefined)).map(
    (x) => x.name,
  );
}

/** Reads `api_version`, `auth`, `region`, `reports`, `filters`, `tags_limit` and `live` of a `kind: livechat` target. */
export function readLiveChatOptions(
  r: ObjectReader,
  secrets: SecretContext,
  common: CommonSettings,
): LiveChatOptions | undefined {
  // A YAML number (api_version: 3.6) reads as "3.6" too.
  const version = r.has('api_version')
    ? (r.string('api_version', { oneOf: API_VERSIONS }) as ApiVersion | undefined)
    : DEFAULT_API_VERSION;
  const auth = readAuth(r, secrets);
  const region = r.string('region', { pattern: REGION, patternHint: 'must be a region name such as dal or fra' });
  const reports = readReports(r, version);
  const filters = readFilters(r, version);
  const tagsLimit = r.number('tags_limit', { integer: true, min: 0, max: 1000 }) ?? DEFAULT_TAGS_LIMIT;
  const live = readLiveOptions(r, common);
  if (!auth || version === undefined) return undefined;
  return { version, auth, region, reports, filters, tagsLimit, live };
}
