import { UpstreamError } from '../../upstream/UpstreamError';
import type { JobContext } from '../Source';
import type { Department } from './Department';
import { requestJson } from './requestJson';

/** Upstream caps `count` at 100 (API_Upper_Count_Limit). */
const PAGE = 100;
/** A misbehaving server must not keep us paging forever. */
const MAX_PAGES = 200;

/** Lists departments via `GET /api/v1/livechat/department`, following pagination until `total`. */
export async function discoverDepartments(ctx: JobContext, opts: { includeDisabled: boolean }): Promise<Department[]> {
  const out: Department[] = [];
  const seen = new Set<string>();
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { count: String(PAGE), offset: String(offset) };
    if (!opts.includeDisabled) query.enabled = 'true';
    const body = await requestJson(ctx, {
      endpoint: 'livechat-department',
      path: '/api/v1/livechat/department',
      query,
      permission: 'view-livechat-departments or view-l-room',
    });
    if (!Array.isArray(body.departments) || typeof body.total !== 'number') {
      throw new UpstreamError('parse', 'livechat/department: expected {departments: [...], total}');
    }
    for (const d of body.departments as unknown[]) {
      const { _id, name } = (d ?? {}) as { _id?: unknown; name?: unknown };
      if (typeof _id !== 'string' || _id === '' || seen.has(_id)) continue;
      seen.add(_id);
      out.push({ id: _id, name: typeof name === 'string' ? name : _id });
    }
    offset += body.departments.length;
    if (body.departments.length === 0 || offset >= body.total) return out;
  }
  throw new UpstreamError('parse', `livechat/department: more than ${MAX_PAGES} pages`);
}
