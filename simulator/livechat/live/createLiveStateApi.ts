import type { IncomingMessage } from 'node:http';
import type { FixedWindowLimiter } from '../../http/createFixedWindowLimiter';
import type { SimulatorRequest } from '../../http/createSimulatorServer';
import { send } from '../../http/send';
import type { World } from '../../world/createWorld';
import { callerRegion, type LiveChatCaller } from '../liveChatCredentials';
import { sendLiveChatError, type LiveChatErrorType } from '../liveChatError';
import { hasScope } from '../liveChatScopes';
import type { LifecycleHeader, LiveChatVersion } from '../LiveChatVersion';
import { listChats } from './listChats';
import { listGroups } from './listGroups';
import { listRoutingStatuses } from './listRoutingStatuses';
import { LiveValidationError, parseListChats, parseListGroups, parseListRoutingStatuses } from './parseLiveRequest';

/** `/v<version>/<agent|configuration>/action/<action>`: the Agent Chat and Configuration Web APIs. */
const PATH = /^\/v(\d+\.\d+)\/(agent|configuration)\/action\/([a-z_]+)\/?$/;

/** Whether a path is one of the live-state APIs' (rather than the Reports API's). */
export function isLiveStatePath(path: string): boolean {
  return PATH.test(path);
}

/** One live call: the API it belongs to, the scopes it needs and its answer. */
interface LiveAction {
  readonly api: 'agent' | 'configuration';
  /** Any one scope of each inner list (docs/upstream/livechat.md §4). */
  readonly scopes: readonly (readonly string[])[];
  answer(world: World, body: unknown, caller: LiveChatCaller): unknown;
}

const ACTIONS: Readonly<Record<string, LiveAction>> = {
  list_chats: {
    api: 'agent',
    scopes: [['chats--all:ro', 'chats--access:ro']],
    // chats--access sees only the chats of the groups the token's owner belongs to.
    answer: (world, body, caller) =>
      listChats(world, parseListChats(body), hasScope(caller.scopes, 'chats--all:ro') ? undefined : caller.groups),
  },
  list_routing_statuses: {
    api: 'agent',
    scopes: [['agents--all:ro'], ['agents-bot--all:ro']],
    answer: (world, body) => listRoutingStatuses(world, parseListRoutingStatuses(body)),
  },
  list_groups: {
    api: 'configuration',
    scopes: [['groups--all:ro']],
    answer: (world, body) => listGroups(world, parseListGroups(body)),
  },
};

/** What the live-state APIs answer from; they share the Reports API's credentials, region, limiter and lifecycle. */
export interface LiveStateApiDeps {
  readonly world: World;
  /** The lifecycle header of each version, which every v3.6 answer carries (errors included), as the reports'. */
  readonly lifecycle: Record<LiveChatVersion, LifecycleHeader | null>;
  authenticate(req: IncomingMessage): LiveChatCaller | undefined;
  readonly region: string | undefined;
  readonly limiter: FixedWindowLimiter | undefined;
}

/** The scopes a caller lacks for an action, as one message; undefined when it has them. */
function missingScopes(action: LiveAction, caller: LiveChatCaller): string | undefined {
  const missing = action.scopes.filter((anyOf) => !anyOf.some((s) => hasScope(caller.scopes, s)));
  return missing.length === 0 ? undefined : `Insufficient scopes: ${missing.map((m) => m.join(' or ')).join(', ')}`;
}

/**
 * Creates the handler of the live calls the exporter makes (list_chats, list_routing_statuses, list_groups),
 * at v3.6 only, checking as the Reports API does: credentials, path, version, scopes, region, rate limit
 * (the same per-credential limiter), HTTP method, body; then answering from the world at its now.
 */
export function createLiveStateApi(deps: LiveStateApiDeps): (request: SimulatorRequest) => void {
  const life = deps.lifecycle['3.6'];
  const headers: Record<string, string> = life ? { [life.header]: life.date } : {};
  return ({ req, res, entry, method, path, body }) => {
    const m = PATH.exec(path);
    const h = m?.[1] === '3.6' ? headers : {};
    const fail = (type: LiveChatErrorType, message?: string, data?: Record<string, unknown>, extra = {}) =>
      sendLiveChatError(res, entry, type, { ...h, ...extra }, message, data);
    const caller = deps.authenticate(req);
    if (!caller) return fail('authentication', 'Invalid access token');
    const action = m ? ACTIONS[m[3]!] : undefined;
    if (!m || !action || action.api !== m[2]) return fail('not_found');
    if (m[1] !== '3.6') return fail('unsupported_version', 'The simulator serves this API at v3.6 only');
    const missing = missingScopes(action, caller);
    if (missing !== undefined) return fail('authorization', missing);
    if (deps.region !== undefined && callerRegion(req, caller) !== deps.region)
      return fail('misdirected_request', undefined, { region: deps.region });
    const decision = deps.limiter?.hit(String(req.headers.authorization));
    if (decision && !decision.allowed)
      return fail('too_many_requests', undefined, undefined, {
        'retry-after': String(Math.ceil(decision.timeToReset / 1000)),
      });
    if (method !== 'POST') return fail('not_found');
    try {
      send(res, entry, 200, action.answer(deps.world, body, caller), h);
    } catch (err) {
      if (err instanceof LiveValidationError) return fail('validation', err.message);
      throw err;
    }
  };
}
