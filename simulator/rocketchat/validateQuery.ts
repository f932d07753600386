/**
 * Property types of the query schemas: plain `string`, `number` and `boolean` (coerced from query text like
 * ajvQuery does), `array` (of strings), `stringOrArray` (oneOf string, array) and `stringOrBoolean` (anyOf).
 */
type QueryType = 'string' | 'number' | 'boolean' | 'array' | 'stringOrArray' | 'stringOrBoolean';

/** A minimal ajv-like schema for flat query objects: the subset Rocket.Chat's query schemas use. */
export interface QuerySchema {
  properties: Record<string, QueryType>;
  required: readonly string[];
  additionalProperties: boolean;
}

/** Dashboard endpoints (isGETDashboardTotalizerParams): start, end, optional departmentId, nothing else. */
export const dashboardQuerySchema: QuerySchema = {
  properties: { start: 'string', end: 'string', departmentId: 'string' },
  required: ['start', 'end'],
  additionalProperties: false,
};

/** charts/agents-status (isGETDashboardsAgentStatusParams): optional departmentId, extra keys accepted. */
export const agentsStatusQuerySchema: QuerySchema = {
  properties: { departmentId: 'string' },
  required: [],
  additionalProperties: true,
};

/** livechat/department (isGETLivechatDepartmentProps). */
export const departmentListQuerySchema: QuerySchema = {
  properties: {
    text: 'string',
    enabled: 'string',
    onlyMyDepartments: 'string',
    excludeDepartmentId: 'string',
    showArchived: 'string',
    count: 'number',
    offset: 'number',
    sort: 'string',
    query: 'string',
  },
  required: [],
  additionalProperties: false,
};

const PAGING = { count: 'number', offset: 'number', sort: 'string', query: 'string', fields: 'string' } as const;

/** livechat/rooms (GETLivechatRoomsParamsSchema), newest: `queued` (6.11+), `departmentId` one id or several, `units`. */
export const roomsQuerySchema: QuerySchema = {
  properties: {
    ...PAGING,
    createdAt: 'string',
    closedAt: 'string',
    customFields: 'string',
    agents: 'array',
    roomName: 'string',
    departmentId: 'stringOrArray',
    open: 'stringOrBoolean',
    onhold: 'stringOrBoolean',
    queued: 'stringOrBoolean',
    tags: 'array',
    units: 'array',
  },
  required: [],
  additionalProperties: false,
};

/** livechat/rooms before 6.11: no `queued` (a 400 "must NOT have additional properties"), no `units`, one department. */
export const legacyRoomsQuerySchema: QuerySchema = {
  properties: Object.fromEntries(
    Object.entries({ ...roomsQuerySchema.properties, departmentId: 'string' }).filter(
      ([k]) => k !== 'queued' && k !== 'units',
    ),
  ) as Record<string, QueryType>,
  required: [],
  additionalProperties: false,
};

/** livechat/users/:type (LivechatUsersManagerGETSchema). */
export const agentsQuerySchema: QuerySchema = {
  properties: { ...PAGING, text: 'string', onlyAvailable: 'boolean', excludeId: 'string', showIdleAgents: 'boolean' },
  required: [],
  additionalProperties: false,
};

/** livechat/config: what the visitor widget sends. */
export const configQuerySchema: QuerySchema = {
  properties: { token: 'string', department: 'string', businessUnit: 'string' },
  required: [],
  additionalProperties: false,
};

/** ajv's messages for one value that does not have `type`; [] when it does. */
function typeErrors(type: QueryType, value: string | string[]): string[] {
  if (Array.isArray(value)) {
    if (type === 'array' || type === 'stringOrArray') return [];
    // A repeated key arrives as an array; ajv's scalar coercion does not unwrap arrays.
    if (type === 'stringOrBoolean') return ['must be string', 'must be boolean', 'must match a schema in anyOf'];
    return [`must be ${type}`];
  }
  if (type === 'array') return ['must be array'];
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return ['must be number'];
  if (type === 'boolean' && value !== 'true' && value !== 'false') return ['must be boolean'];
  return [];
}

/**
 * Validates like ajv with { coerceTypes: true, allErrors: true }: returns every error message in ajv's
 * keyword order (required first, then additionalProperties, then property types), or [] when valid.
 */
export function validateQuery(schema: QuerySchema, query: Record<string, string | string[]>): string[] {
  const errors: string[] = [];
  for (const key of schema.required) if (!(key in query)) errors.push(`must have required property '${key}'`);
  if (!schema.additionalProperties) {
    for (const key of Object.keys(query))
      if (!(key in schema.properties)) errors.push('must NOT have additional properties');
  }
  for (const [key, type] of Object.entries(schema.properties)) {
    const value = query[key];
    if (value !== undefined) errors.push(...typeErrors(type, value));
  }
  return errors;
}
