import { createManualClock } from '../../src/clock';
import {
  createLiveChatSimulator,
  type LiveChatSimulator,
  type LiveChatSimulatorOptions,
} from '../../simulator/livechat/createLiveChatSimulator';
import { readResponse, type SimResponse } from './readResponse';
import { T0, type ManualClock } from './startRocketChat';

/** `Basic base64(demo-account:demo-pat)`: the simulator's demo PAT account, computed independently of the source. */
export const DEMO_BASIC = `Basic ${Buffer.from('demo-account:demo-pat').toString('base64')}`;

/** A started LiveChat simulator, the manual clock it runs on and request helpers. */
export interface LiveChatHarness {
  readonly sim: LiveChatSimulator;
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly clock: ManualClock;
  /** POSTs a JSON body (a string is sent as is), as the demo account unless other headers are given. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<SimResponse>;
  /** GETs a path, as the demo account unless other headers are given. */
  get(path: string, headers?: Record<string, string>): Promise<SimResponse>;
}

/**
 * Starts a LiveChat simulator on 127.0.0.1, port 0, on `options.clock` (share it with the
 * exporter under test) or a manual clock of its own at T0.
 */
export async function startLiveChat(
  options: Omit<LiveChatSimulatorOptions, 'clock'> & { clock?: ManualClock } = {},
): Promise<LiveChatHarness> {
  const clock = options.clock ?? createManualClock(T0);
  const sim = createLiveChatSimulator({ ...options, clock });
  const url = await sim.listen(0, '127.0.0.1');
  return {
    sim,
    url,
    clock,
    post: async (path, body, headers = { authorization: DEMO_BASIC }) =>
      readResponse(
        await fetch(url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    get: async (path, headers = { authorization: DEMO_BASIC }) => readResponse(await fetch(url + path, { headers })),
  };
}

/** A week ending at T0 in RFC3339. */
export const WEEK_FILTERS = { from: '2024-05-08T00:00:00Z', to: '2024-05-15T23:59:59Z' };
