import { systemClock } from '../../src/clock';
import { createFixedWindowLimiter } from '../http/createFixedWindowLimiter';
import { createSimulatorServer } from '../http/createSimulatorServer';
import { createTtlCache } from '../http/createTtlCache';
import type { CommonSimulatorOptions, SimulatorServer } from '../http/SimulatorServer';
import type { World } from '../world/createWorld';
import { defaultRocketChatDepartments } from '../world/defaultRocketChatDepartments';
import type { Department, DepartmentSpec } from '../world/types';
import { answerRocketChatFault } from './answerRocketChatFault';
import { createRocketChatApi } from './createRocketChatApi';
import { createRocketChatRoutes } from './createRocketChatRoutes';
import type { DashboardBody } from './dashboards/DashboardQuery';
import { toDepartmentObject } from './listDepartments';
import { rocketChatFaultModes, type RocketChatFaultMode } from './rocketChatFaultModes';
import { rocketChatErrors } from './rocketChatErrors';
import { demoRocketChatBot, demoRocketChatUser, type RocketChatUser } from './RocketChatUser';
import { NEWEST_ERA, serverEra } from './serverEra';

/** Options of createRocketChatSimulator; all optional. The timezone is also Default_Timezone_For_Reporting. */
export interface RocketChatSimulatorOptions extends CommonSimulatorOptions {
  /** Default: defaultRocketChatDepartments (awkward names). */
  departments?: readonly DepartmentSpec[];
  /** Default 3. */
  agentsPerDepartment?: number;
  /** Default: the demo manager without rate-limit bypass (demoRocketChatUser) and the demo bot with it (demoRocketChatBot). */
  users?: readonly RocketChatUser[];
  /** REST limiter per route per client IP; default { limit: 10, periodMs: 60000 }; false disables it. */
  rateLimit?: { limit: number; periodMs: number } | false;
  /**
   * The build imitated (default 7.5.0): before 6.11 livechat/rooms has no `queued` (400) and `open=true` includes
   * queued rooms; 401/403 bodies follow the era (serverEra.ts).
   */
  version?: string;
  /** Rocket.Chat's 9.0 breaking-change mode (applyBreakingChanges): other 401 and 403 bodies. */
  breakingChanges?: boolean;
}

/** A running-or-not Rocket.Chat simulator. */
export interface RocketChatSimulator extends SimulatorServer<RocketChatFaultMode> {
  readonly users: readonly RocketChatUser[];
  addDepartment(spec: DepartmentSpec): Department;
  removeDepartment(id: string): boolean;
}

/** This upstream's part of GET /_simulator/state. */
function rocketChatState(
  world: World,
  server: SimulatorServer<RocketChatFaultMode>,
  users: readonly RocketChatUser[],
  now: number,
): Record<string, unknown> {
  return {
    timezone: world.zone.name,
    departments: world.departments().map((d) => ({
      id: d.id,
      name: d.name,
      enabled: d.enabled,
      agents: d.agents.map((a) => ({ username: a.username, status: world.agentStatus(a) })),
      current: world.stateCounts(world.retentionStart(), now, [d.id]),
    })),
    current: world.stateCounts(world.retentionStart(), now),
    world: world.stats(),
    requestsLogged: server.requests.size,
    faults: server.faults.list(),
    users: users.map((u) => ({ userId: u.userId, bypassRateLimit: u.bypassRateLimit ?? false })),
  };
}

function addDepartment(world: World, spec: DepartmentSpec): Department {
  if (typeof spec.name !== 'string') throw new Error('name is required');
  return world.addDepartment(spec);
}

/**
 * Creates a Rocket.Chat Omnichannel simulator: the analytics dashboards and the live state (rooms, agents, the
 * widget's config), newest-build behaviour unless `version` or `breakingChanges` say otherwise
 * (docs/upstream/rocketchat.md §1).
 */
export function createRocketChatSimulator(options: RocketChatSimulatorOptions = {}): RocketChatSimulator {
  const clock = options.clock ?? systemClock;
  const users = options.users ?? [demoRocketChatUser, demoRocketChatBot];
  const rateLimit = options.rateLimit === undefined ? { limit: 10, periodMs: 60_000 } : options.rateLimit;
  const era = serverEra(options.version ?? NEWEST_ERA.version, options.breakingChanges ?? false);
  const errors = rocketChatErrors(era);
  // The server calls serve and state only once requests arrive, after `serve` below is set.
  const server: SimulatorServer<RocketChatFaultMode> = createSimulatorServer(options, clock, {
    kind: 'rocketchat',
    faultModes: rocketChatFaultModes,
    departments: options.departments ?? defaultRocketChatDepartments,
    agentsPerDepartment: options.agentsPerDepartment ?? 3,
    control: {
      addDepartment: (body) => toDepartmentObject(addDepartment(world, body as unknown as DepartmentSpec)),
      removeDepartment: (id) => world.removeDepartment(id),
    },
    state: (now) => rocketChatState(world, server, users, now),
    answerFault: (mode, fault, request) => answerRocketChatFault(mode, fault, request, { clock, rateLimit, errors }),
    serve: (request) => serve(request),
  });
  const { world } = server;
  const serve = createRocketChatApi({
    routes: createRocketChatRoutes({
      world,
      cache: createTtlCache<DashboardBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 }),
      era,
    }),
    users,
    limiter: rateLimit ? createFixedWindowLimiter({ clock, ...rateLimit }) : undefined,
    errors,
  });
  return Object.assign(server, {
    users,
    addDepartment: (spec: DepartmentSpec) => addDepartment(world, spec),
    removeDepartment: (id: string) => world.removeDepartment(id),
  });
}
