import { createManualClock } from '../../src/clock';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
  type RocketChatSimulatorOptions,
  type RocketChatUser,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import type { RequestLogEntry } from '../../simulator/http/createRequestLog';

/** The clock type tests share between simulators and the exporter. */
export type ManualClock = ReturnType<typeof createManualClock>;

/** Wednesday 2024-05-15 14:30:00 UTC: inside business hours, so the simulated world has traffic. */
export const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);

/** The exporter's service account in most tests: subject to the simulator's rate limiter. */
export const EXPORTER_USER: RocketChatUser = { userId: 'exporter-user', token: 'exporter-token-0123456789' };

/** A service account with api-bypass-rate-limit: no limiter, no X-RateLimit headers. */
export const BOT_USER: RocketChatUser = { userId: 'bot-user', token: 'bot-token-0123456789', bypassRateLimit: true };

/** A started simulator. */
export interface RocketChatHarness {
  readonly sim: RocketChatSimulator;
  readonly url: string;
}

/** Starts a Rocket.Chat simulator on 127.0.0.1, port 0, on the given (shared) manual clock. */
export async function startRocketChat(
  clock: ManualClock,
  options: Omit<RocketChatSimulatorOptions, 'clock'> = {},
): Promise<RocketChatHarness> {
  const sim = createRocketChatSimulator({ users: [EXPORTER_USER, BOT_USER], ...options, clock });
  const url = await sim.listen(0);
  return { sim, url };
}

/** Prefix of every dashboard path. */
export const DASHBOARDS = '/api/v1/livechat/analytics/dashboards/';

/** The exporter's endpoint name (config key, `endpoint` label) of a dashboard path, e.g. `charts-chats`. */
export function endpointOfPath(path: string): string | undefined {
  if (path === '/api/v1/livechat/department') return 'livechat-department';
  if (!path.startsWith(DASHBOARDS)) return undefined;
  return path.slice(DASHBOARDS.length).replace('/', '-');
}

/** Logged dashboard and discovery requests (the simulator's control API excluded). */
export function upstreamRequests(sim: RocketChatSimulator): RequestLogEntry[] {
  return sim.requests.all().filter((e) => endpointOfPath(e.path) !== undefined);
}
