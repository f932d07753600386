import { createZone, isValidZoneName, type Zone } from '../world/createZone';
import { isLegacyVersion, type LiveChatVersion, type ReportMethod } from './LiveChatVersion';

/** A string/integer filter (`values`, `exclude_values`, `exists`, `require_every_value`). */
export interface ValueFilter<T> {
  values?: readonly T[];
  exclude?: readonly T[];
  exists?: boolean;
  requireEvery?: boolean;
}

/** Report distribution. */
export type Distribution = 'hour' | 'day' | 'day-hours' | 'month' | 'year';

/** A validated report request, whatever version/method/encoding it came in. */
export interface ReportRequest {
  version: LiveChatVersion;
  method: ReportMethod;
  distribution: Distribution;
  zone: Zone;
  /** Inclusive window, epoch ms. */
  from: number;
  to: number;
  groups?: ValueFilter<number>;
  agents?: ValueFilter<string>;
  tags?: ValueFilter<string>;
  countries?: ValueFilter<string>;
  page: number;
}

/** Thrown for invalid requests; becomes a `validation` envelope. */
export class ReportValidationError extends Error {}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const CHAT_DISTRIBUTIONS: readonly Distribution[] = ['hour', 'day', 'day-hours', 'month', 'year'];
const AGENT_DISTRIBUTIONS: readonly Distribution[] = ['hour', 'day'];
const FILTER_KEYS = ['values', 'exclude_values', 'exists', 'require_every_value'];

const fail = (message: string): never => {
  throw new ReportValidationError(message);
};

function parseTime(raw: unknown, field: string): { ms: number; offset: string } {
  if (typeof raw !== 'string') return fail(`${field} is required and must be a date in RFC3339 format`);
  const m = RFC3339.exec(raw);
  const ms = Date.parse(raw);
  if (!m || Number.isNaN(ms)) return fail(`${field} must be a date in RFC3339 format`);
  return { ms, offset: m[8]?.toUpperCase() === 'Z' ? 'Z' : `${m[9]}${m[10]}:${m[11]}` };
}

function parseFilter<T>(raw: unknown, field: string, item: (v: unknown) => T | undefined): ValueFilter<T> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${field} must be an object`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!FILTER_KEYS.includes(k)) fail(`${field}.${k} is not a valid filter key`);
  const present = ['exists', 'values', 'exclude_values'].filter((k) => obj[k] !== undefined);
  if (present.length > 1)
    fail(`${field}: you can pass only one of the following values at a time: exists, values or exclude_values`);
  const list = (key: string): T[] | undefined => {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return fail(`${field}.${key} must be an array`);
    return v.map((x) => item(x) ?? fail(`${field}.${key} contains an invalid value`));
  };
  const bool = (key: string): boolean | undefined => {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return fail(`${field}.${key} must be a boolean`);
    return v;
  };
  const values = list('values');
  const exclude = list('exclude_values');
  const exists = bool('exists');
  const requireEvery = bool('require_every_value');
  return {
    ...(values && { values }),
    ...(exclude && { exclude }),
    ...(exists !== undefined && { exists }),
    ...(requireEvery !== undefined && { requireEvery }),
  };
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asInt = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};

/**
 * Turns a GET query with dotted keys (`filters.groups.values=1&filters.groups.values=2`) into the POST body
 * shape. `values`/`exclude_values` are always arrays; `exists`/`require_every_value` become booleans;
 * `filters.properties[ns][name].*` keys are accepted and ignored (the simulator has no chat properties).
 */
function dottedQueryToBody(query: Record<string, string | string[]>): Record<string, unknown> {
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(query)) {
    const list = Array.isArray(raw) ? raw : [raw];
    const parts = key.split('.');
    const leaf = parts[parts.length - 1] ?? '';
    let value: unknown = list.length === 1 ? list[0] : list;
    if (leaf === 'values' || leaf === 'exclude_values') value = list;
    else if (leaf === 'exists' || leaf === 'require_every_value') value = list[0] === 'true' || list[0] === '1';
    let node = body;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i] ?? '';
      const next = node[p];
      if (typeof next !== 'object' || next === null || Array.isArray(next))
        node[p] = Object.create(null) as Record<string, unknown>;
      node = node[p] as Record<string, unknown>;
    }
    node[leaf] = value;
  }
  return body;
}

function resolveZone(timezone: unknown, fromOffset: string): Zone {
  if (timezone !== undefined) {
    if (typeof timezone !== 'string' || !isValidZoneName(timezone))
      return fail('timezone must be a valid TZ database name');
    return createZone(timezone);
  }
  // Without a timezone, the offset written in `from` decides (the agent's timezone is unknown here).
  return createZone(fromOffset);
}

function distributionOf(raw: unknown, method: ReportMethod, required: boolean): Distribution {
  if (raw === undefined || raw === '') {
    if (required) fail('distribution is required');
    return 'day';
  }
  const allowed = method.startsWith('agents/') ? AGENT_DISTRIBUTIONS : CHAT_DISTRIBUTIONS;
  if (typeof raw !== 'string' || !allowed.includes(raw as Distribution))
    return fail(`distribution must be one of: ${allowed.join(', ')}`);
  return raw as Distribution;
}

function window(fromRaw: unknown, toRaw: unknown, prefix: string): { from: number; to: number; offset: string } {
  const from = parseTime(fromRaw, `${prefix}from`);
  const to = parseTime(toRaw, `${prefix}to`);
  if (from.ms > to.ms) fail(`${prefix}from must not be after ${prefix}to`);
  return { from: from.ms, to: to.ms, offset: from.offset };
}

/** v3.2/v3.3 GET query string: from, to, distribution, agents, groups, tags/names, tagged, (3.3) timezone. */
function parseLegacy(
  version: LiveChatVersion,
  method: ReportMethod,
  query: Record<string, string | string[]>,
): ReportRequest {
  const q = (k: string): string | undefined => {
    const v = query[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const w = window(q('from'), q('to'), '');
  const csv = (s: string | undefined): string[] | undefined => (s === undefined || s === '' ? undefined : s.split(','));
  const agents = csv(q('agents'));
  const groupIds = csv(q('groups'))?.map((g) => asInt(g.trim()) ?? fail('groups must be comma-separated group IDs'));
  let tags: ValueFilter<string> | undefined;
  const names = q('names') ?? q('tags');
  if (names === ':without:') tags = { exists: false };
  else if (names === ':with:') tags = { exists: true };
  else if (names !== undefined && names !== '') tags = { values: names.split(',') };
  const tagged = q('tagged');
  if (tagged !== undefined) {
    if (!['true', '1', 'false', '0'].includes(tagged)) fail('tagged must be one of: true, 1, false, 0');
    tags = { ...tags, exists: tagged === 'true' || tagged === '1' };
  }
  return {
    version,
    method,
    distribution: distributionOf(q('distribution'), method, method === 'chats/tags'),
    zone: resolveZone(version === '3.3' ? q('timezone') : undefined, w.offset),
    from: w.from,
    to: w.to,
    ...(groupIds && { groups: { values: groupIds } }),
    ...(agents && { agents: { values: agents } }),
    ...(tags && { tags }),
    page: 1,
  };
}

/** v3.4+ body (POST JSON, or a GET query converted by dottedQueryToBody). */
function parseModern(version: LiveChatVersion, method: ReportMethod, body: unknown, now: number): ReportRequest {
  if (body === undefined) body = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('request body must be a JSON object');
  const b = body as Record<string, unknown>;
  const filters = b.filters;
  let w: { from: number; to: number; offset: string };
  let f: Record<string, unknown> = {};
  if (filters === undefined) {
    // "If none provided, your report will span the last seven days."
    w = { from: now - 7 * 86_400_000, to: now, offset: 'Z' };
  } else {
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
      return fail('filters must be an object');
    f = filters as Record<string, unknown>;
    const greetings = f.greetings as Record<string, unknown> | undefined;
    if (
      f.from === undefined &&
      f.to === undefined &&
      method === 'chats/greetings_conversion' &&
      greetings?.from !== undefined
    ) {
      w = window(greetings.from, greetings.to, 'filters.greetings.');
    } else {
      w = window(f.from, f.to, 'filters.');
    }
  }
  const groups = parseFilter(f.groups, 'filters.groups', asInt);
  const agents = parseFilter(f.agents, 'filters.agents', asString);
  const tags = parseFilter(f.tags, 'filters.tags', asString);
  const countries = parseFilter(f.customer_countries, 'filters.customer_countries', asString);
  let page = 1;
  if (b.page !== undefined) {
    const p = asInt(b.page);
    if (p === undefined || p < 1) fail('page must be a positive integer');
    page = p ?? 1;
  }
  return {
    version,
    method,
    distribution: distributionOf(b.distribution, method, false),
    zone: resolveZone(b.timezone, w.offset),
    from: w.from,
    to: w.to,
    ...(groups && { groups }),
    ...(agents && { agents }),
    ...(tags && { tags }),
    ...(countries && { countries }),
    page,
  };
}

/**
 * Validates and normalises a report request. `body` is the parsed POST body (v3.4+) or, for GET,
 * undefined (then `query` is used: flat for v3.2/3.3, dotted for v3.4+). Throws ReportValidationError.
 */
export function parseReportRequest(
  version: LiveChatVersion,
  method: ReportMethod,
  query: Record<string, string | string[]>,
  body: unknown,
  now: number,
): ReportRequest {
  if (isLegacyVersion(version)) return parseLegacy(version, method, query);
  return parseModern(version, method, body === undefined ? dottedQueryToBody(query) : body, now);
}
