import type { FixedWindowLimiter, LimitDecision } from '../http/createFixedWindowLimiter';
import type { SimulatorRequest } from '../http/createSimulatorServer';
import { firstValue } from '../http/parseQuery';
import { send } from '../http/send';
import type { Route } from './createRocketChatRoutes';
import { rocketChatErrors } from './rocketChatErrors';
import { authenticateRocketChatUser, MANAGER_PERMISSIONS, type RocketChatUser } from './RocketChatUser';
import { dashboardQuerySchema, validateQuery } from './validateQuery';

const limitHeaders = (d: LimitDecision): Record<string, string> => ({
  'x-ratelimit-limit': String(d.limit),
  'x-ratelimit-remaining': String(d.remaining),
  'x-ratelimit-reset': String(d.resetAt),
});

/** The 400 of a dashboard whose start or end Date.parse rejects, if any (the handler's own check, after ajv's). */
function invalidDate(route: Route, query: Record<string, string | string[]>): Record<string, unknown> | undefined {
  if (route.schema !== dashboardQuerySchema) return undefined;
  for (const param of ['start', 'end'] as const)
    if (Number.isNaN(Date.parse(firstValue(query[param]) ?? ''))) return rocketChatErrors.invalidDate(param);
  return undefined;
}

/** Whether `user` holds one of the route's permissions (or the route needs none). */
function permitted(route: Route, user: RocketChatUser | undefined): boolean {
  if (route.permissions.length === 0) return true;
  const perms = user?.permissions ?? MANAGER_PERMISSIONS;
  return route.permissions.some((p) => perms.includes(p));
}

/**
 * Creates the REST API's request handler: the route's answer behind Rocket.Chat's checks, in the order of the older
 * ApiClass (docs/upstream/rocketchat.md §8.1): auth -> rate limit (per route and client IP, unless the user bypasses
 * it) -> validation -> permission -> handler.
 */
export function createRocketChatApi(deps: {
  routes: ReadonlyMap<string, Route>;
  users: readonly RocketChatUser[];
  limiter: FixedWindowLimiter | undefined;
}): (request: SimulatorRequest) => void {
  const { routes, users, limiter } = deps;
  return ({ req, res, entry, path, query }) => {
    const route = routes.get(path);
    if (!route || req.method !== 'GET') return send(res, entry, 404, rocketChatErrors.notFound());
    const user = authenticateRocketChatUser(req, users);
    if (route.auth && !user) return send(res, entry, 401, rocketChatErrors.unauthorized());
    let headers: Record<string, string> = {};
    if (limiter && route.auth && !user?.bypassRateLimit) {
      const decision = limiter.hit(`${path}get|${entry.ip}`);
      headers = limitHeaders(decision);
      if (!decision.allowed)
        return send(res, entry, 429, rocketChatErrors.tooManyRequests(Math.ceil(decision.timeToReset / 1000)), headers);
    }
    const errors = route.schema ? validateQuery(route.schema, query) : [];
    if (errors.length > 0) return send(res, entry, 400, rocketChatErrors.invalidParams(errors), headers);
    if (!permitted(route, user)) return send(res, entry, 403, rocketChatErrors.forbidden(), headers);
    const badDate = invalidDate(route, query);
    if (badDate) return send(res, entry, 400, badDate, headers);
    send(res, entry, 200, { ...route.handle(query, user), success: true }, headers);
  };
}
