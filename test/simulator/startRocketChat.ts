import { createManualClock } from '../../src/clock';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
  type RocketChatSimulatorOptions,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import { readResponse, type SimResponse } from './readResponse';

/** Wednesday 2024-05-15 14:30 UTC: inside business hours, so there is traffic and available agents. */
export const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);

/** Demo credentials as headers. */
export const DEMO_HEADERS = { 'X-User-Id': 'demo-user', 'X-Auth-Token': 'demo-token' };

/** A started Rocket.Chat simulator with its manual clock and a small fetch helper. */
export interface RcHarness {
  sim: RocketChatSimulator;
  base: string;
  clock: ReturnType<typeof createManualClock>;
  get(path: string, headers?: Record<string, string>): Promise<SimResponse>;
}

/** Starts a Rocket.Chat simulator on port 0 with a manual clock at `at` (default T0). */
export async function startRocketChat(options: RocketChatSimulatorOptions = {}, at = T0): Promise<RcHarness> {
  const clock = createManualClock(at);
  const sim = createRocketChatSimulator({ clock, ...options });
  const base = await sim.listen(0);
  return {
    sim,
    base,
    clock,
    get: async (path, headers = DEMO_HEADERS) => readResponse(await fetch(base + path, { headers })),
  };
}

/** Query string for a dashboard endpoint. */
export function qs(params: Record<string, string>): string {
  return '?' + new URLSearchParams(params).toString();
}

/** Path of a dashboard endpoint. */
export const dash = (endpoint: string): string => `/api/v1/livechat/analytics/dashboards/${endpoint}`;
