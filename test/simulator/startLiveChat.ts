import { createManualClock } from '../../src/clock';
import {
  createLiveChatSimulator,
  type LiveChatSimulator,
  type LiveChatSimulatorOptions,
} from '../../simulator/livechat/createLiveChatSimulator';
import { readResponse, type SimResponse } from './readResponse';
import { T0 } from './startRocketChat';

/** Authorization header of the demo PAT account. */
export const BASIC = 'Basic ' + Buffer.from('demo-account:demo-pat').toString('base64');

/** A started LiveChat simulator with a manual clock and request helpers. */
export interface LcHarness {
  sim: LiveChatSimulator;
  base: string;
  clock: ReturnType<typeof createManualClock>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<SimResponse>;
  get(path: string, headers?: Record<string, string>): Promise<SimResponse>;
}

/** Starts a LiveChat simulator on port 0 with a manual clock at T0. */
export async function startLiveChat(options: LiveChatSimulatorOptions = {}): Promise<LcHarness> {
  const clock = createManualClock(T0);
  const sim = createLiveChatSimulator({ clock, ...options });
  const base = await sim.listen(0);
  return {
    sim,
    base,
    clock,
    post: async (path, body, headers = { authorization: BASIC }) =>
      readResponse(
        await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    get: async (path, headers = { authorization: BASIC }) => readResponse(await fetch(base + path, { headers })),
  };
}

/** A week ending at T0 in RFC3339. */
export const WEEK_FILTERS = { from: '2024-05-08T00:00:00Z', to: '2024-05-15T23:59:59Z' };
