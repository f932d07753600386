import type { FixedWindowLimiter, LimitDecision } from '../http/createFixedWindowLimiter';
import type { SimulatorRequest } from '../http/createSimulatorServer';
import { firstValue } from '../http/parseQuery';
import { send } from '../http/send';
import type { Route } from './createRocketChatRoutes';
import type { RocketChatErrors } from './rocketChatErrors';
import { authenticateRocketChatUser, permissionsOf, type RocketChatUser } from './RocketChatUser';
import { RouteFailure } from './RouteFailure';
import { dashboardQuerySchema, validateQuery } from './validateQuery';

const limitHeaders = (d: LimitDecision): Record<string, string> => ({
  'x-ratelimit-limit': String(d.limit),
  'x-ratelimit-remaining': String(d.remaining),
  'x-ratelimit-reset': String(d.resetAt),
});

/** The 400 of a dashboard whose start or end Date.parse rejects, if any (the handler's own check, after ajv's). */
function invalidDate(
  route: Route,
  query: Record<string, string | string[]>,
  errors: RocketChatErrors,
): Record<string, unknown> | undefined {
  if (route.schema !== dashboardQuerySchema) return undefined;
  for (const param of ['start', 'end'] as const)
    if (Number.isNaN(Date.parse(firstValue(query[param]) ?? ''))) return errors.invalidDate(param);
  return undefined;
}

/** Whether `user` holds one of the route's permissions (or the route needs none). */
function permitted(route: Route, user: RocketChatUser | undefined): boolean {
  if (route.permissions.length === 0) return true;
  const perms = permissionsOf(user);
  return route.permissions.some((p) => perms.includes(p));
}

/** The query as `qs` reads it: `key[]=a&key[]=b` is the array `key`, like a repeated `key`. */
function withBracketArrays(query: Record<string, string | string[]>): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(query)) {
    if (!k.endsWith('[]')) {
      out[k] = v;
      continue;
    }
    const key = k.slice(0, -2);
    const prev = out[key];
    out[key] = [...(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]), ...(Array.isArray(v) ? v : [v])];
  }
  return out;
}

/**
 * Creates the REST API's request handler: the route's answer behind Rocket.Chat's checks, in the order of the older
 * ApiClass (docs/upstream/rocketchat.md §8.1): auth -> rate limit (per route pattern and client IP, unless the user
 * bypasses it) -> validation -> route permission -> handler (whose own checks, e.g. livechat/rooms' permission,
 * come last and so spend budget). Error bodies are those of the simulated era.
 */
export function createRocketChatApi(deps: {
  routes: ReadonlyMap<string, Route>;
  users: readonly RocketChatUser[];
  limiter: FixedWindowLimiter | undefined;
  errors: RocketChatErrors;
}): (request: SimulatorRequest) => void {
  const { routes, users, limiter, errors } = deps;
  return ({ req, res, entry, path, query: raw }) => {
    const route = routes.get(path);
    if (!route || req.method !== 'GET') return send(res, entry, 404, errors.notFound());
    const query = withBracketArrays(raw);
    const user = authenticateRocketChatUser(req, users);
    if (route.auth && !user) return send(res, entry, 401, errors.unauthorized());
    let headers: Record<string, string> = {};
    if (limiter && (route.rateLimited ?? route.auth) && !user?.bypassRateLimit) {
      const decision = limiter.hit(`${route.limiterKey ?? path}get|${entry.ip}`);
      headers = limitHeaders(decision);
      if (!decision.allowed)
        return send(res, entry, 429, errors.tooManyRequests(Math.ceil(decision.timeToReset / 1000)), headers);
    }
    const invalid = route.schema ? validateQuery(route.schema, query) : [];
    if (invalid.length > 0) return send(res, entry, 400, errors.invalidParams(invalid), headers);
    if (!permitted(route, user)) return send(res, entry, 403, errors.forbidden(), headers);
    const badDate = invalidDate(route, query, errors);
    if (badDate) return send(res, entry, 400, badDate, headers);
    try {
      send(res, entry, 200, { ...route.handle(query, user, errors), success: true }, headers);
    } catch (err) {
      if (!(err instanceof RouteFailure)) throw err;
      send(res, entry, err.status, err.body, headers);
    }
  };
}
