import { createManualClock } from '../../src/clock';
import {
  createChatwootSimulator,
  type ChatwootSimulator,
  type ChatwootSimulatorOptions,
} from '../../simulator/chatwoot/createChatwootSimulator';
import type { SecretEnv } from './startExporter';

/** Wednesday 2024-05-15 14:30:20 UTC: business hours, 20 s into a UTC minute. */
export const CW_T0 = Date.UTC(2024, 4, 15, 14, 30, 20);

/** Tokens the simulator knows by default (simulator/chatwoot/chatwootTokens.ts). */
export const CW_TOKENS = {
  admin: 'cwDemoAdminToken2026xyzAB',
  agent: 'cwAgentToken2026xyzABCDE',
  reportRole: 'cwReportRoleToken2026xyz',
  bot: 'cwBotToken2026xyzABCDEFG',
  platform: 'cwPlatformToken2026xyzAB',
} as const;

/** A started Chatwoot simulator and its manual clock. */
export interface ChatwootHarness {
  readonly sim: ChatwootSimulator;
  readonly url: string;
  readonly clock: ReturnType<typeof createManualClock>;
}

/** Starts a Chatwoot simulator on 127.0.0.1, port 0, on `options.clock` or a manual clock at CW_T0. */
export async function startChatwoot(
  options: Omit<ChatwootSimulatorOptions, 'clock'> & { clock?: ReturnType<typeof createManualClock> } = {},
): Promise<ChatwootHarness> {
  const clock = options.clock ?? createManualClock(CW_T0);
  const sim = createChatwootSimulator({ ...options, clock });
  const url = await sim.listen(0, '127.0.0.1');
  return { sim, url, clock };
}

/** A `kind: chatwoot` target as a plain object for configOf; the token is read from an env var. */
export function cwTarget(
  name: string,
  url: string,
  token: string,
  extra: Record<string, unknown> = {},
): { target: Record<string, unknown>; env: SecretEnv } {
  const key = `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_CHATWOOT_TOKEN`;
  return {
    target: { name, kind: 'chatwoot', url, account_id: 1, auth: { token: { env: key } }, ...extra },
    env: { [key]: token },
  };
}
