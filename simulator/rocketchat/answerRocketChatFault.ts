import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../src/clock';
import type { FaultSpec } from '../http/createFaultInjector';
import type { SimulatorRequest } from '../http/createSimulatorServer';
import { send } from '../http/send';
import type { RocketChatOwnFaultMode } from './rocketChatFaultModes';
import type { RocketChatErrors } from './rocketChatErrors';

/** Answers the faults that are Rocket.Chat's own: its error bodies and rate-limit headers. */
export function answerRocketChatFault(
  mode: RocketChatOwnFaultMode,
  spec: FaultSpec,
  request: SimulatorRequest,
  deps: { clock: Clock; rateLimit: { limit: number } | false; errors: RocketChatErrors },
): void {
  const { req, res, entry } = request;
  switch (mode) {
    case 'http_500':
      send(res, entry, 500, { success: false, error: 'Internal server error' });
      return;
    case 'invalid_json':
      send(res, entry, 200, '{"totalizers":[{"title":"Total_conversations","value":7},{"title":"Open_conv', {
        'content-type': 'application/json',
      });
      return;
    case 'unauthorized':
      send(res, entry, 401, deps.errors.unauthorized());
      return;
    case 'forbidden':
      send(res, entry, 403, deps.errors.forbidden());
      return;
    case 'rate_limited': {
      const wait = spec.retryAfterSeconds ?? 60;
      send(res, entry, 429, deps.errors.tooManyRequests(wait), {
        'x-ratelimit-limit': String(deps.rateLimit ? deps.rateLimit.limit : 10),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(deps.clock.now() + wait * 1000),
      });
      return;
    }
    case 'echo_secret':
      echoSecrets(req.headers, { res, entry, path: request.path });
      return;
  }
}

/**
 * Echoes the credentials a request carried (X-User-Id, X-Auth-Token) back as
 * data where the exporter makes labels of it: as department ids and names in
 * the department list, as totalizer titles on a totalizer endpoint; anywhere
 * else in a 500 error body, as a server that logs its request would.
 */
function echoSecrets(
  headers: IncomingHttpHeaders,
  { res, entry, path }: Pick<SimulatorRequest, 'res' | 'entry' | 'path'>,
): void {
  const userId = String(headers['x-user-id'] ?? '');
  const token = String(headers['x-auth-token'] ?? '');
  if (path === '/api/v1/livechat/department') {
    const departments = [
      { _id: 'echo-token-dept', name: token, enabled: true },
      { _id: userId, name: `user ${userId}`, enabled: true },
    ];
    return send(res, entry, 200, { departments, count: 2, offset: 0, total: 2, success: true });
  }
  if (path.endsWith('-totalizers')) {
    const totalizers = [
      { title: token, value: 1 },
      { title: `user ${userId}`, value: 2 },
    ];
    return send(res, entry, 200, { totalizers, success: true });
  }
  send(res, entry, 500, {
    success: false,
    error: `Internal error while serving user ${userId} with token ${token}`,
    stack: `Error: upstream rejected\n    headers: {"x-user-id":"${userId}","x-auth-token":"${token}"}`,
  });
}
