import { businessFactor } from './businessFactor';
import { createRandom, deriveSeed } from './createRandom';
import { HOUR_MS, type Zone } from './createZone';
import type { AgentStatus } from './types';

/**
 * Status of an agent during one UTC hour: mostly available in business hours, mostly offline otherwise.
 * Constant within the hour and a pure function of (seed, agent, hour), so repeated calls agree.
 */
export function agentStatusForHour(seed: number, agentId: string, hourIndex: number, zone: Zone): AgentStatus {
  const at = hourIndex * HOUR_MS;
  const factor = businessFactor(zone.weekday(at), zone.localHour(at));
  const r = createRandom(deriveSeed(seed, 'status', agentId, hourIndex)).next();
  if (factor >= 0.3) {
    if (r < 0.72) return 'available';
    if (r < 0.82) return 'away';
    if (r < 0.9) return 'busy';
    return 'offline';
  }
  if (r < 0.12) return 'available';
  if (r < 0.16) return 'away';
  return 'offline';
}
