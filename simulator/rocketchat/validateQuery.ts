/** A minimal ajv-like schema for flat query objects: the subset Rocket.Chat's query schemas use. */
export interface QuerySchema {
  properties: Record<string, 'string' | 'number'>;
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
    if (value === undefined) continue;
    // A repeated key arrives as an array; ajv's scalar coercion does not unwrap arrays.
    if (Array.isArray(value)) errors.push(`must be ${type}`);
    else if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value))))
      errors.push('must be number');
  }
  return errors;
}
