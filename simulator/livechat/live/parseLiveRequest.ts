/** Thrown for an invalid live-call body; becomes a `validation` envelope. */
export class LiveValidationError extends Error {}

const fail = (message: string): never => {
  throw new LiveValidationError(message);
};

/** A validated list_chats query: the first page's filters, order and size, and where the page starts. */
export interface ChatsQuery {
  /** true: active chats only; false: inactive only; null: both. */
  readonly active: boolean | null;
  readonly groupIds: readonly number[] | undefined;
  readonly sort: 'asc' | 'desc';
  readonly limit: number;
  /** The sort key (thread creation, chat id) of the last chat of the previous page; undefined on the first. */
  readonly after: readonly [number, string] | undefined;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The body as an object: absent is `{}`, a string is what readJsonBody left of invalid JSON. */
function bodyObject(body: unknown): Obj {
  if (body === undefined) return {};
  if (typeof body === 'string') return fail('Request body is not valid JSON');
  return isObject(body) ? body : fail('request body must be a JSON object');
}

function groupIds(raw: unknown, field: string): number[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || !raw.every((g) => typeof g === 'number' && Number.isInteger(g) && g >= 0))
    return fail(`${field} must be an array of group IDs`);
  if (raw.length > 200) fail(`${field} can contain at most 200 IDs`);
  return raw as number[];
}

const FILTER_KEYS = ['active', 'include_chats_without_threads', 'group_ids', 'properties'];

function chatFilters(raw: unknown): Pick<ChatsQuery, 'active' | 'groupIds'> {
  if (raw === undefined) return { active: null, groupIds: undefined };
  if (!isObject(raw)) return fail('filters must be an object');
  // v3.6 replaced include_active with active: an old filter is refused rather than silently ignored.
  for (const k of Object.keys(raw)) if (!FILTER_KEYS.includes(k)) fail(`filters.${k} is not a valid filter`);
  const active = raw.active ?? null;
  if (active !== null && typeof active !== 'boolean') fail('filters.active must be a boolean or null');
  const without = raw.include_chats_without_threads;
  if (without !== undefined && typeof without !== 'boolean')
    fail('filters.include_chats_without_threads must be a boolean');
  if (raw.properties !== undefined && !isObject(raw.properties)) fail('filters.properties must be an object');
  return { active: active as boolean | null, groupIds: groupIds(raw.group_ids, 'filters.group_ids') };
}

/** A page_id: the first request's query and the position, so later pages need (and take) nothing else. */
export function encodePageId(q: ChatsQuery, after: readonly [number, string]): string {
  return Buffer.from(JSON.stringify([q.active, q.groupIds ?? null, q.sort, q.limit, after[0], after[1]])).toString(
    'base64',
  );
}

function decodePageId(raw: unknown): ChatsQuery {
  if (typeof raw !== 'string' || raw === '') return fail('page_id must be a non-empty string');
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    return fail('Invalid page_id');
  }
  if (!Array.isArray(v) || v.length !== 6) return fail('Invalid page_id');
  const [active, groups, sort, limit, at, id] = v as unknown[];
  const ok =
    (active === null || typeof active === 'boolean') &&
    (groups === null || Array.isArray(groups)) &&
    (sort === 'asc' || sort === 'desc') &&
    typeof limit === 'number' &&
    typeof at === 'number' &&
    typeof id === 'string';
  if (!ok) return fail('Invalid page_id');
  return {
    active: active,
    groupIds: (groups as number[] | null) ?? undefined,
    sort: sort,
    limit: limit,
    after: [at, id],
  };
}

/**
 * list_chats (v3.6): `filters`, `sort_order` and `limit` on the first request; later ones send only
 * `page_id`, and combining it with any of them is a validation error (docs/upstream/livechat.md §11.2).
 */
export function parseListChats(body: unknown): ChatsQuery {
  const b = bodyObject(body);
  if (b.page_id !== undefined) {
    if (b.filters !== undefined || b.limit !== undefined || b.sort_order !== undefined)
      fail('page_id cannot be combined with filters, limit or sort_order');
    return decodePageId(b.page_id);
  }
  const sort = b.sort_order ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') fail('sort_order must be one of: asc, desc');
  const limit = b.limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)
    fail('limit must be an integer between 1 and 100');
  return { ...chatFilters(b.filters), sort: sort as 'asc' | 'desc', limit: limit as number, after: undefined };
}

/** list_routing_statuses: optional `filters.group_ids`. */
export function parseListRoutingStatuses(body: unknown): readonly number[] | undefined {
  const b = bodyObject(body);
  if (b.filters === undefined) return undefined;
  if (!isObject(b.filters)) return fail('filters must be an object');
  for (const k of Object.keys(b.filters)) if (k !== 'group_ids') fail(`filters.${k} is not a valid filter`);
  return groupIds(b.filters.group_ids, 'filters.group_ids');
}

const GROUP_FIELDS = ['agent_priorities', 'routing_status'];

/** list_groups: optional `fields`; whether `agent_priorities` was asked for (routing_status is always sent). */
export function parseListGroups(body: unknown): { priorities: boolean } {
  const fields = bodyObject(body).fields;
  if (fields === undefined) return { priorities: false };
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string' && GROUP_FIELDS.includes(f)))
    return fail(`fields must be an array of: ${GROUP_FIELDS.join(', ')}`);
  return { priorities: fields.includes('agent_priorities') };
}
