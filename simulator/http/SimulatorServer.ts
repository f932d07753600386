import type { Clock } from '../../src/clock';
import type { BurstOptions, World } from '../world/createWorld';
import type { Conversation } from '../world/types';
import type { FaultInjector } from './createFaultInjector';
import type { RequestLog } from './createRequestLog';

/** Options both simulators take; each adds its own credentials, departments/groups and rate limit. */
export interface CommonSimulatorOptions {
  /** Default systemClock. */
  clock?: Clock;
  /** Default 1. */
  seed?: number;
  /** Business-hours timezone of the world (Rocket.Chat also reports in it); default 'UTC'. */
  timezone?: string;
  /** Peak conversations/hour for a department (group) of weight 1; default 10. */
  arrivalsPerHour?: number;
  /** Fixed latency added to every request (benchmarks); default 0. */
  latencyMs?: number;
  /** Request log size; default 1000 (0 disables). */
  maxRequestLog?: number;
  /** Server-side answer cache per exact request (Rocket.Chat's mem maxAge); default 5000 ms, 0 disables. */
  cacheTtlMs?: number;
  /**
   * Share a world instead of creating one (then seed, timezone, arrivals and the department/group and agent
   * options are ignored); LiveChat uses its departments' groupId as group ids.
   */
  world?: World;
}

/** What every simulator offers, whichever upstream it imitates. */
export interface SimulatorServer<Mode extends string> {
  /** Starts the HTTP server; resolves with its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server, dropping hung requests and open connections. */
  close(): Promise<void>;
  /** Base URL once listening. */
  readonly url: string | undefined;
  readonly world: World;
  readonly requests: RequestLog;
  readonly faults: FaultInjector<Mode>;
  burst(options: BurstOptions): Conversation[];
  /** Same as GET /_simulator/state. */
  state(): Record<string, unknown>;
}
