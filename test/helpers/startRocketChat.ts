import { createManualClock } from '../../src/clock';
import type { RequestLogEntry } from '../../simulator/http/createRequestLog';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
  type RocketChatSimulatorOptions,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import type { RocketChatUser } from '../../simulator/rocketchat/RocketChatUser';
import { readResponse, type SimResponse } from './readResponse';

/** The clock type tests share between simulators and the exporter. */
export type ManualClock = ReturnType<typeof createManualClock>;

/** Wednesday 2024-05-15 14:30:00 UTC: inside business hours, so the simulated world has traffic and available agents. */
export const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);

/** The exporter's service account in most tests: subject to the simulator's rate limiter. */
export const EXPORTER_USER: RocketChatUser = { userId: 'exporter-user', token: 'exporter-token-0123456789' };

/** A service account with api-bypass-rate-limit: no limiter, no X-RateLimit headers. */
export const BOT_USER: RocketChatUser = { userId: 'bot-user', token: 'bot-token-0123456789', bypassRateLimit: true };

/** The simulator's own demo account (what it serves when given no users), which the simulator tests call as. */
const DEMO_USER: RocketChatUser = { userId: 'demo-user', token: 'demo-token' };

/** The demo account's credentials as request headers. */
export const DEMO_HEADERS = { 'X-User-Id': DEMO_USER.userId, 'X-Auth-Token': DEMO_USER.token };

/** A started simulator, the manual clock it runs on and a small fetch helper. */
export interface RocketChatHarness {
  readonly sim: RocketChatSimulator;
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly clock: ManualClock;
  /** GETs a path, as the demo account unless other headers are given. */
  get(path: string, headers?: Record<string, string>): Promise<SimResponse>;
}

/**
 * Starts a Rocket.Chat simulator on 127.0.0.1, port 0, on `options.clock` (share it with the
 * exporter under test) or a manual clock of its own at T0. Unless `options.users` says otherwise
 * it knows EXPORTER_USER, BOT_USER and DEMO_USER.
 */
export async function startRocketChat(
  options: Omit<RocketChatSimulatorOptions, 'clock'> & { clock?: ManualClock } = {},
): Promise<RocketChatHarness> {
  const clock = options.clock ?? createManualClock(T0);
  const sim = createRocketChatSimulator({ users: [EXPORTER_USER, BOT_USER, DEMO_USER], ...options, clock });
  const url = await sim.listen(0, '127.0.0.1');
  return {
    sim,
    url,
    clock,
    get: async (path, headers = DEMO_HEADERS) => readResponse(await fetch(url + path, { headers })),
  };
}

/** Prefix of every dashboard path. */
export const DASHBOARDS = '/api/v1/livechat/analytics/dashboards/';

/** Path of a dashboard endpoint, e.g. `dash('charts/chats')`. */
export const dash = (endpoint: string): string => `${DASHBOARDS}${endpoint}`;

/** Query string (with its `?`) for a dashboard endpoint. */
export function qs(params: Record<string, string>): string {
  return '?' + new URLSearchParams(params).toString();
}

/** The exporter's endpoint name of each live-state path. */
const LIVE_PATHS: Record<string, string> = {
  '/api/v1/livechat/rooms': 'livechat-rooms',
  '/api/v1/livechat/users/agent': 'livechat-users-agent',
  '/api/v1/livechat/config': 'livechat-config',
};

/** The exporter's endpoint name (config key, `endpoint` label) of a path, e.g. `charts-chats` or `livechat-rooms`. */
export function endpointOfPath(path: string): string | undefined {
  if (path === '/api/v1/livechat/department') return 'livechat-department';
  if (LIVE_PATHS[path]) return LIVE_PATHS[path];
  if (!path.startsWith(DASHBOARDS)) return undefined;
  return path.slice(DASHBOARDS.length).replace('/', '-');
}

/** Logged dashboard, live-state and discovery requests (the simulator's control API excluded). */
export function upstreamRequests(sim: RocketChatSimulator): RequestLogEntry[] {
  return sim.requests.all().filter((e) => endpointOfPath(e.path) !== undefined);
}
