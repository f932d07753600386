import type { UpstreamRequest } from '../../upstream/UpstreamHttp';

/**
 * The API version live state is read from, whatever the target's Reports
 * `api_version`: v3.6 is the first that lists only active chats
 * (`filters.active`), and v3.7 renames the fields (docs/upstream/livechat.md §11).
 */
export const LIVE_API_VERSION = '3.6';

/** One live call: its `endpoint` (budget bucket and label), path and the PAT scopes it needs (§4). */
export interface LiveCall {
  readonly endpoint: string;
  readonly path: string;
  readonly scopes: string;
}

/** The calls of one live cycle, in the order they are made. */
export const LIVE_CALLS = {
  groups: {
    endpoint: 'list_groups',
    path: `/v${LIVE_API_VERSION}/configuration/action/list_groups`,
    scopes: 'groups--all:ro',
  },
  statuses: {
    endpoint: 'list_routing_statuses',
    path: `/v${LIVE_API_VERSION}/agent/action/list_routing_statuses`,
    scopes: 'agents--all:ro and agents-bot--all:ro',
  },
  chats: {
    endpoint: 'list_chats',
    path: `/v${LIVE_API_VERSION}/agent/action/list_chats`,
    scopes: "chats--all:ro (chats--access:ro sees only the groups of the token's owner)",
  },
} as const satisfies Record<string, LiveCall>;

/** The endpoints of the live calls, for telling their responses from the reports'. */
export const LIVE_ENDPOINTS: ReadonlySet<string> = new Set(Object.values(LIVE_CALLS).map((c) => c.endpoint));

/** What a refused live call tells the operator: the scopes of that call and of live state as a whole. */
export function liveScopeHint(call: LiveCall): string {
  return (
    `this call needs the PAT scope ${call.scopes}; live state needs a PAT with chats--all:ro, agents--all:ro, ` +
    'agents-bot--all:ro and groups--all:ro (plus reports_read if the same PAT polls the reports). ' +
    'Scopes cannot be added to an existing PAT: create a new one, or turn live.enabled off. The reports are not affected'
  );
}

/** Chats per list_chats page: the documented maximum (§9). */
export const CHATS_PER_PAGE = 100;

/**
 * The request of one live call. list_chats sends its filters, limit and order
 * on the first page only; later pages send nothing but the page_id (§11.2).
 * Newest threads first, so a walk cut by live.max_pages keeps the chats most
 * likely to be queued.
 */
export function liveRequest(call: LiveCall, pageId?: string): UpstreamRequest {
  let body: Record<string, unknown> = {};
  if (call === LIVE_CALLS.groups) body = { fields: ['agent_priorities', 'routing_status'] };
  if (call === LIVE_CALLS.chats)
    body =
      pageId === undefined
        ? { filters: { active: true }, sort_order: 'desc', limit: CHATS_PER_PAGE }
        : { page_id: pageId };
  return { endpoint: call.endpoint, method: 'POST', path: call.path, body };
}
