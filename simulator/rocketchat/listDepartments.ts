import type { Department } from '../world/types';

/** Rocket.Chat pagination settings (API_Default_Count, API_Upper_Count_Limit, API_Allow_Infinite_Count). */
const DEFAULT_COUNT = 50;
const UPPER_COUNT = 100;

/** An ILivechatDepartment as GET livechat/department returns it. */
export function toDepartmentObject(d: Department): Record<string, unknown> {
  return {
    _id: d.id,
    name: d.name,
    enabled: d.enabled,
    description: d.description,
    showOnRegistration: true,
    showOnOfflineForm: true,
    email: d.email,
    offlineMessageChannelName: '',
    numAgents: d.agents.length,
    requestTagBeforeClosingChat: false,
    chatClosingTags: [],
    type: 'd',
    ...(d.archived && { archived: true }),
    _updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

/**
 * GET /api/v1/livechat/department body (without success) for an already-validated query: text/enabled/
 * showArchived/excludeDepartmentId filters, sort (default {name:1}), getPaginationItems count/offset.
 */
export function listDepartments(
  all: readonly Department[],
  query: Record<string, string | string[]>,
): Record<string, unknown> {
  const q = (k: string): string | undefined => {
    const v = query[k];
    return Array.isArray(v) ? v[0] : v;
  };
  let list = all.filter((d) => q('showArchived') === 'true' || !d.archived);
  if (q('enabled') === 'true') list = list.filter((d) => d.enabled);
  const exclude = q('excludeDepartmentId');
  if (exclude) list = list.filter((d) => d.id !== exclude);
  const text = q('text');
  if (text) {
    const re = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    list = list.filter((d) => re.test(d.name));
  }
  let sortField: 'name' | '_updatedAt' = 'name';
  let dir = 1;
  try {
    const parsed = JSON.parse(q('sort') ?? '{"name":1}') as Record<string, number>;
    const [field, value] = Object.entries(parsed)[0] ?? ['name', 1];
    if (field === '_updatedAt') sortField = '_updatedAt';
    dir = value === -1 ? -1 : 1;
  } catch {
    // RC rejects malformed sort JSON; the simulator just keeps the default order.
  }
  list = [...list].sort((a, b) => {
    const c = sortField === 'name' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.updatedAt - b.updatedAt;
    return c * dir;
  });
  const rawCount = q('count');
  let count = rawCount === undefined ? DEFAULT_COUNT : Math.trunc(Number(rawCount));
  if (count > UPPER_COUNT) count = UPPER_COUNT;
  const offset = Math.max(0, Math.trunc(Number(q('offset') ?? 0)));
  // count=0 means "no limit" because API_Allow_Infinite_Count defaults to true.
  const page = count === 0 ? list.slice(offset) : list.slice(offset, offset + Math.max(0, count));
  return { departments: page.map(toDepartmentObject), count: page.length, offset, total: list.length };
}
