import { UpstreamError } from '../../upstream/UpstreamError';
import type { JobContext } from '../Source';

/** One GET of a Rocket.Chat route, as a job asks it. */
export interface RocketChatGet {
  /** The budget bucket and `endpoint` label: one per upstream route, since the limiter counts per route. */
  readonly endpoint: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The permission a 403 from this route means the exporter's user lacks (named in the error). */
  readonly permission: string;
}

/**
 * GETs a route and returns its JSON object. A 403 (a missing permission, whatever the body says in this build
 * or mode: docs/upstream/rocketchat.md §8.3) is re-raised naming the permission, so the status page, the log and
 * the last error say what to grant; the endpoint is then blocked on its own, while a 401 blocks the target.
 */
export async function requestJson(ctx: JobContext, get: RocketChatGet): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = (
      await ctx.http.request({ endpoint: get.endpoint, method: 'GET', path: get.path, query: get.query }, ctx.signal)
    ).json;
  } catch (err) {
    if (err instanceof UpstreamError && err.reason === 'auth' && err.details.endpointOnly)
      throw new UpstreamError(
        'auth',
        `${err.message} (the exporter's user needs ${get.permission} for ${get.path.replace(/^\/api\/v1\//, '')})`,
        err.details,
      );
    throw err;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new UpstreamError('parse', `${get.endpoint}: expected a JSON object`);
  return json as Record<string, unknown>;
}
