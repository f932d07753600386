import { firstValue } from '../http/parseQuery';
import { CHATWOOT_LABELS } from './chatwootAccount';
import { chatwootErrors } from './chatwootErrors';
import type { ChatwootMembership } from './chatwootTokens';
import type { ChatwootHistory } from './createChatwootHistory';
import { conversationMetrics, conversationsMeta, groupedConversationMetrics } from './answers/liveReports';
import { accountSummary, botSummary, summaryRows, timeseries, type Range } from './answers/summaries';
import { parseRange } from './parseRange';

/** An answer: status and JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** What a route's handler gets once the token, account and policy checks passed. */
export interface RouteContext {
  readonly query: Record<string, string | string[]>;
  readonly now: number;
  readonly member: ChatwootMembership;
  readonly history: ChatwootHistory;
}

/** One account route: who may call it, which version added it, its controller checks and its action. */
export interface ChatwootRoute {
  readonly api: 'v1' | 'v2';
  readonly path: string;
  readonly since: readonly [number, number, number];
  /** `report`: ReportPolicy (administrator, or Enterprise report_manage); `member`: any account user. */
  readonly policy: 'report' | 'member';
  /** Checks that run before the policy (live reports' team_id and group_by). */
  readonly check?: (ctx: RouteContext) => Answer | undefined;
  handle(ctx: RouteContext): Answer;
}

const ok = (body: unknown): Answer => ({ status: 200, body });

/** `team_id` when present: an unknown id or an empty value is a 404 (§5.1). */
function teamParam(ctx: RouteContext): number | undefined | 'unknown' {
  const raw = firstValue(ctx.query.team_id);
  if (raw === undefined) return undefined;
  const id = Number(raw);
  return ctx.history.account.teams().some((t) => t.id === id) && raw !== '' ? id : 'unknown';
}

const teamCheck = (ctx: RouteContext): Answer | undefined =>
  teamParam(ctx) === 'unknown' ? { status: 404, body: chatwootErrors.noResource } : undefined;

function windowed(answer: (ctx: RouteContext, range: Range) => unknown) {
  return (ctx: RouteContext): Answer => {
    const range = parseRange(ctx.query);
    return range === 'error' ? { status: 500, body: chatwootErrors.internal } : ok(answer(ctx, range));
  };
}

/** `type` is read with to_sym first: missing or unknown is a 500; only `account` is simulated. */
function accountType(answer: Parameters<typeof windowed>[0]) {
  const inner = windowed(answer);
  return (ctx: RouteContext): Answer =>
    firstValue(ctx.query.type) === 'account' ? inner(ctx) : { status: 500, body: chatwootErrors.internal };
}

const summary = (dim: 'inbox' | 'team' | 'agent'): ChatwootRoute => ({
  api: 'v2',
  path: `summary_reports/${dim}`,
  since: dim === 'inbox' ? [4, 0, 0] : [3, 6, 0],
  policy: 'report',
  handle: windowed((ctx, r) => summaryRows(ctx.history, ctx.now, dim, r)),
});

/** The account routes the simulator serves (paths after `/api/{v1,v2}/accounts/<id>/`). */
export const CHATWOOT_ROUTES: readonly ChatwootRoute[] = [
  {
    api: 'v2',
    path: 'live_reports/conversation_metrics',
    since: [4, 0, 3],
    policy: 'report',
    check: teamCheck,
    handle: (ctx) => ok(conversationMetrics(ctx.history, ctx.now, teamParam(ctx) as number | undefined)),
  },
  {
    api: 'v2',
    path: 'live_reports/grouped_conversation_metrics',
    since: [4, 0, 3],
    policy: 'report',
    check: (ctx) => {
      const groupBy = firstValue(ctx.query.group_by);
      if (groupBy !== 'team_id' && groupBy !== 'assignee_id')
        return { status: 422, body: chatwootErrors.invalidGroupBy };
      return teamCheck(ctx);
    },
    handle: (ctx) =>
      ok(
        groupedConversationMetrics(
          ctx.history,
          ctx.now,
          firstValue(ctx.query.group_by) as 'team_id' | 'assignee_id',
          teamParam(ctx) as number | undefined,
        ),
      ),
  },
  {
    api: 'v2',
    path: 'reports',
    since: [1, 20, 0],
    policy: 'report',
    handle: accountType((c, r) =>
      timeseries(c.history, r, firstValue(c.query.metric) ?? '', firstValue(c.query.group_by) ?? 'day'),
    ),
  },
  {
    api: 'v2',
    path: 'reports/summary',
    since: [1, 20, 0],
    policy: 'report',
    handle: accountType((c, r) => accountSummary(c.history, r)),
  },
  {
    api: 'v2',
    path: 'reports/bot_summary',
    since: [3, 7, 0],
    policy: 'report',
    handle: accountType((c, r) => botSummary(c.history, r)),
  },
  summary('inbox'),
  summary('team'),
  summary('agent'),
  {
    api: 'v1',
    path: 'conversations/meta',
    since: [1, 0, 0],
    policy: 'member',
    check: teamCheck,
    handle: (ctx) => {
      const inbox = firstValue(ctx.query.inbox_id);
      return ok(
        conversationsMeta(ctx.history, ctx.now, {
          inboxId: inbox === undefined ? undefined : Number(inbox),
          teamId: teamParam(ctx) as number | undefined,
          status: firstValue(ctx.query.status) || 'open',
          unattended: firstValue(ctx.query.conversation_type) === 'unattended',
          // A custom role without a conversation permission sees nothing (§12.5).
          visible:
            ctx.member.customRole === undefined || ctx.member.customRole.some((p) => p.startsWith('conversation_')),
        }),
      );
    },
  },
  {
    api: 'v1',
    path: 'inboxes',
    since: [1, 0, 0],
    policy: 'member',
    handle: (ctx) =>
      ok({
        payload: [...ctx.history.account.inboxes]
          .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
          .map((i) => ({
            id: i.id,
            name: i.name,
            channel_type: i.channelType,
            working_hours_enabled: false,
            hmac_token: 'secret-hmac',
          })),
      }),
  },
  {
    api: 'v1',
    path: 'teams',
    since: [1, 0, 0],
    policy: 'member',
    handle: (ctx) =>
      ok(
        ctx.history.account.teams().map((t) => ({
          id: t.id,
          name: t.name,
          description: '',
          allow_auto_assign: true,
          account_id: ctx.history.account.id,
          is_member: false,
        })),
      ),
  },
  {
    api: 'v1',
    path: 'agents',
    since: [1, 0, 0],
    policy: 'member',
    handle: (ctx) =>
      ok(
        [...ctx.history.account.users()]
          .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
          .map((u) => ({
            id: u.id,
            account_id: ctx.history.account.id,
            name: u.name,
            available_name: u.name,
            email: u.email,
            role: u.role,
            confirmed: true,
          })),
      ),
  },
  {
    api: 'v1',
    path: 'labels',
    since: [1, 0, 0],
    policy: 'member',
    handle: () =>
      ok({
        payload: CHATWOOT_LABELS.map((title, i) => ({
          id: i + 1,
          title,
          description: '',
          color: '#1f93ff',
          show_on_sidebar: true,
        })),
      }),
  },
];
