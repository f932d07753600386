import { UpstreamError } from '../../upstream/UpstreamError';
import type { JobContext } from '../Source';
import type { Directory } from './endpoints';
import { parseId, parseVersion } from './parseValues';

/** What the version probe, the profile check and discovery found. */
export interface AccountFacts {
  /** Undefined when `GET /api` did not name a version the exporter can read. */
  readonly version: readonly [number, number, number] | undefined;
  readonly versionText: string | undefined;
  readonly directory: Directory;
}

async function get(ctx: JobContext, endpoint: string, path: string): Promise<unknown> {
  return (await ctx.http.request({ endpoint, method: 'GET', path }, ctx.signal)).json;
}

/** `GET /api` (no auth): `{version, timestamp, queue_services, data_services}` (docs/upstream/chatwoot.md §14). */
async function probeVersion(ctx: JobContext): Promise<string | undefined> {
  const body = await get(ctx, 'api', '/api');
  const version = body !== null && typeof body === 'object' ? (body as { version?: unknown }).version : undefined;
  if (typeof version !== 'string' || parseVersion(version) === undefined) {
    ctx.problem(`GET /api: no readable version (${JSON.stringify(version)?.slice(0, 40)}); polling every endpoint`);
    return undefined;
  }
  return version.slice(0, 40);
}

/**
 * `GET /api/v1/profile`: the token's user may read reports in the account when it is an administrator there,
 * or its custom role has `report_manage` (Enterprise; docs/upstream/chatwoot.md §3.3). Anything else is the
 * one clear configuration error the target stops on until a reload, instead of a 401 per request per cycle.
 * The body echoes the token: nothing of it is logged.
 */
async function checkProfile(ctx: JobContext, accountId: string): Promise<void> {
  const body = await get(ctx, 'profile', '/api/v1/profile');
  const accounts = body !== null && typeof body === 'object' ? (body as { accounts?: unknown }).accounts : undefined;
  if (!Array.isArray(accounts)) throw new UpstreamError('parse', 'GET /api/v1/profile: no accounts list');
  const account = (accounts as unknown[]).find(
    (a): a is Record<string, unknown> =>
      a !== null && typeof a === 'object' && String((a as { id?: unknown }).id) === accountId,
  );
  if (!account)
    throw new UpstreamError('auth', `the token's user is not a member of account ${accountId} (check account_id)`, {
      status: 401,
    });
  const role = typeof account.role === 'string' ? account.role.slice(0, 30) : 'unknown';
  const permissions = Array.isArray(account.permissions) ? (account.permissions as unknown[]) : [];
  if (role === 'administrator' || permissions.includes('report_manage')) return;
  throw new UpstreamError(
    'auth',
    `the token's user (role ${role}) may not read reports in account ${accountId}: make it an administrator, or ` +
      `give its custom role report_manage (Enterprise only; Community builds allow administrators only)`,
    { status: 401 },
  );
}

/** Ids and names of one listing: `{payload: [...]}` (inboxes, labels) or a bare array (teams, agents). */
async function list(ctx: JobContext, accountId: string, what: keyof Directory, nameKey: string) {
  const body = await get(ctx, what, `/api/v1/accounts/${accountId}/${what}`);
  const items =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { payload?: unknown }).payload : body;
  if (!Array.isArray(items)) throw new UpstreamError('parse', `${what}: expected a list`);
  const out = new Map<string, string>();
  for (const item of items as unknown[]) {
    const { id, [nameKey]: name } = (item ?? {}) as Record<string, unknown>;
    const key = parseId(id);
    if (key === undefined) ctx.problem(`${what}: an entry without a valid id`);
    else out.set(key, typeof name === 'string' ? name.slice(0, 200) : '');
  }
  return out;
}

/**
 * The background task's work: the version, the permission check, then every listing. Inboxes give the
 * per-inbox jobs and names, teams and agents the groups to zero-fill, labels their count.
 */
export async function discoverAccount(ctx: JobContext, accountId: string): Promise<AccountFacts> {
  const versionText = await probeVersion(ctx);
  await checkProfile(ctx, accountId);
  const inboxes = await list(ctx, accountId, 'inboxes', 'name');
  const teams = await list(ctx, accountId, 'teams', 'name');
  const agents = await list(ctx, accountId, 'agents', 'name');
  const labels = await list(ctx, accountId, 'labels', 'title');
  return { version: parseVersion(versionText), versionText, directory: { inboxes, teams, agents, labels } };
}
