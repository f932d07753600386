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
  { req, res, entry }: SimulatorRequest,
  deps: { clock: Clock; rateLimit: { limit: number } | false; errors: RocketChatErrors },
): void {
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
    case 'echo_secret': {
      const userId = String(req.headers['x-user-id'] ?? '');
      const token = String(req.headers['x-auth-token'] ?? '');
      send(res, entry, 500, {
        success: false,
        error: `Internal error while serving user ${userId} with token ${token}`,
        stack: `Error: upstream rejected\n    headers: {"x-user-id":"${userId}","x-auth-token":"${token}"}`,
      });
      return;
    }
  }
}
