import type { SimulatorRequest } from '../http/createSimulatorServer';
import { send } from '../http/send';
import { chatwootErrors, RETRY_LATER } from './chatwootErrors';
import { profileOf, tokenOf, type ChatwootMembership, type ChatwootToken } from './chatwootTokens';
import type { ChatwootHistory } from './createChatwootHistory';
import type { createRackAttack } from './createRackAttack';
import { CHATWOOT_ROUTES, type Answer, type ChatwootRoute } from './createChatwootRoutes';

/** What the API needs. */
export interface ChatwootApiDeps {
  readonly history: ChatwootHistory;
  readonly tokens: readonly ChatwootToken[];
  readonly version: readonly [number, number, number];
  readonly versionText: string;
  /** Community builds ignore custom roles: only administrators may read reports. */
  readonly edition: 'enterprise' | 'community';
  readonly rackAttack: ReturnType<typeof createRackAttack> | undefined;
  readonly now: () => number;
}

const ACCOUNT_PATH = /^\/api\/(v1|v2)\/accounts\/([^/]+)\/(.+?)(?:\.json)?$/;

function atLeast(v: readonly number[], since: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== since[i]) return v[i]! > since[i]!;
  return true;
}

/** The route of a path, only when this version has it (older servers answer the routing 404). */
function routeOf(deps: ChatwootApiDeps, path: string): { route: ChatwootRoute; account: string } | undefined {
  const m = ACCOUNT_PATH.exec(path);
  if (!m) return undefined;
  const route = CHATWOOT_ROUTES.find((r) => r.api === m[1] && r.path === m[3]);
  return route && atLeast(deps.version, route.since) ? { route, account: m[2]! } : undefined;
}

/** Steps 1–2 of §3.2: the token, then the bot check. A string is the 401 body to send. */
function authenticate(deps: ChatwootApiDeps, sent: string | undefined): ChatwootToken | object {
  if (sent === undefined) return chatwootErrors.signIn;
  const token = deps.tokens.find((t) => t.token === sent);
  if (!token) return chatwootErrors.invalidToken;
  if (token.owner !== 'user') return chatwootErrors.bots;
  return token;
}

/** Step 3 and on: the account (Ruby to_i on the id), the controller checks, the policy, the action. */
function serveAccount(
  deps: ChatwootApiDeps,
  token: ChatwootToken,
  route: ChatwootRoute,
  accountText: string,
  query: Record<string, string | string[]>,
): Answer {
  const accountId = Number(/^\d+/.exec(accountText)?.[0] ?? 0);
  if (accountId !== deps.history.account.id) return { status: 404, body: chatwootErrors.noResource };
  const member: ChatwootMembership | undefined = token.accounts?.find((a) => a.id === accountId);
  if (!member) return { status: 401, body: chatwootErrors.notMember };
  const ctx = { query, now: deps.now(), member, history: deps.history };
  const failed = route.check?.(ctx);
  if (failed) return failed;
  const reports =
    member.role === 'administrator' ||
    (deps.edition === 'enterprise' && (member.customRole ?? []).includes('report_manage'));
  if (route.policy === 'report' && !reports) return { status: 401, body: chatwootErrors.policy };
  return route.handle(ctx);
}

/** The routing 404: JSON when Accept asks for it, else Rails' HTML page (§3.2). */
function notFound(accept: string | undefined, res: SimulatorRequest['res'], entry: SimulatorRequest['entry']): void {
  if (/json/i.test(accept ?? '')) return send(res, entry, 404, chatwootErrors.notFound);
  send(res, entry, 404, '<!DOCTYPE html><html><body>The page you were looking for does not exist.</body></html>', {
    'content-type': 'text/html; charset=utf-8',
  });
}

/**
 * Creates the request handler in Chatwoot's order (docs/upstream/chatwoot.md §3.2, §13): Rack::Attack counts
 * first (before routing and auth, so 401s and 404s spend budget too), then routing, token, bot check,
 * account, controller checks, policy and the action.
 */
export function createChatwootApi(deps: ChatwootApiDeps): (request: SimulatorRequest) => void {
  return ({ req, res, entry, path, query, method }) => {
    const sent = tokenOf(req);
    if (deps.rackAttack && !deps.rackAttack.admit({ ip: entry.ip, method, path, token: sent }))
      return send(res, entry, 429, RETRY_LATER, { 'content-type': 'text/plain' });
    if (method !== 'GET') return notFound(req.headers.accept, res, entry);
    if (path === '/api')
      return send(res, entry, 200, {
        version: deps.versionText,
        timestamp: new Date(deps.now()).toISOString().slice(0, 19).replace('T', ' '),
        queue_services: 'ok',
        data_services: 'ok',
      });
    if (path === '/health' && atLeast(deps.version, [4, 11, 0])) return send(res, entry, 200, { status: 'woot' });
    const found = path === '/api/v1/profile' ? undefined : routeOf(deps, path);
    if (!found && path !== '/api/v1/profile') return notFound(req.headers.accept, res, entry);
    const token = authenticate(deps, sent);
    if (!('owner' in token)) return send(res, entry, 401, token);
    if (!found) return send(res, entry, 200, profileOf(token, 'Simulated account'));
    const answer = serveAccount(deps, token, found.route, found.account, query);
    send(
      res,
      entry,
      answer.status,
      answer.body,
      answer.status === 500 ? {} : { 'content-type': 'application/json; charset=utf-8' },
    );
  };
}
