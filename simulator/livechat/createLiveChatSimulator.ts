import { systemClock } from '../../src/clock';
import { createFixedWindowLimiter } from '../http/createFixedWindowLimiter';
import { createSimulatorServer } from '../http/createSimulatorServer';
import { createTtlCache } from '../http/createTtlCache';
import type { CommonSimulatorOptions, SimulatorServer } from '../http/SimulatorServer';
import type { World } from '../world/createWorld';
import { defaultLiveChatGroups } from '../world/defaultLiveChatGroups';
import type { Department } from '../world/types';
import { answerLiveChatFault } from './answerLiveChatFault';
import { createLiveChatApi } from './createLiveChatApi';
import {
  createLiveChatAuthenticator,
  demoLiveChatAccount,
  demoLiveChatBearerToken,
  type LiveChatAccount,
  type LiveChatBearerToken,
} from './liveChatCredentials';
import { liveChatFaultModes, type LiveChatFaultMode } from './liveChatFaultModes';
import { DEFAULT_LIFECYCLE, type LifecycleHeader, type LiveChatVersion } from './LiveChatVersion';
import { createLiveStateApi, isLiveStatePath } from './live/createLiveStateApi';
import { groupRoutingStatus } from './live/liveRouting';
import { parseReportPath } from './parseReportPath';
import { createReports } from './reports/createReports';
import type { ReportBody } from './reports/reportFields';

/** Options of createLiveChatSimulator; all optional. */
export interface LiveChatSimulatorOptions extends CommonSimulatorOptions {
  /**
   * Groups (id, name, and optionally how many agents and how much traffic relative to the others); default
   * defaultLiveChatGroups (0..4).
   */
  groups?: readonly { id: number; name: string; agents?: number; weight?: number }[];
  /** Agents per group; default 3. */
  agentsPerGroup?: number;
  /** Default [demoLiveChatAccount]. */
  accounts?: readonly LiveChatAccount[];
  /** Default ['dal:demo-bearer-token']. */
  bearerTokens?: readonly LiveChatBearerToken[];
  /** When set, requests whose region (X-Region, else the Bearer prefix, else 'dal') differs get misdirected_request. */
  region?: string;
  /** Lifecycle header per version; null = none. Merged over DEFAULT_LIFECYCLE. */
  lifecycle?: Partial<Record<LiveChatVersion, LifecycleHeader | null>>;
  /** Per-credential fixed window; default off. */
  rateLimit?: { limit: number; periodMs: number } | false;
}

/** A group to add: its name, and optionally its id (default the next free number) and number of agents. */
interface NewGroup {
  id?: number;
  name: string;
  agents?: number;
}

/** A LiveChat simulator: the Reports API, and the Agent Chat and Configuration calls of live state. */
export interface LiveChatSimulator extends SimulatorServer<LiveChatFaultMode> {
  readonly accounts: readonly LiveChatAccount[];
  /** Adds a group. */
  addGroup(group: NewGroup): Department;
  /** Removes a group by id (number or string). */
  removeGroup(id: number | string): boolean;
}

/** A group as the control API shows it. */
const groupSummary = (d: Department): Record<string, unknown> => ({
  id: d.groupId,
  name: d.name,
  agents: d.agents.map((a) => a.email),
});

/** The name a control call gives a new group: a string or number; anything else is no name. */
const groupName = (raw: unknown): string => (typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '');

function addGroup(world: World, group: NewGroup): Department {
  if (!group.name) throw new Error('name is required');
  const id = group.id ?? world.departments().reduce((max, d) => Math.max(max, d.groupId + 1), 0);
  return world.addDepartment({
    id: String(id),
    groupId: id,
    name: group.name,
    ...(group.agents !== undefined && { agents: group.agents }),
  });
}

/** This upstream's part of GET /_simulator/state. */
function liveChatState(
  server: SimulatorServer<LiveChatFaultMode>,
  region: string | undefined,
  lifecycle: Record<LiveChatVersion, LifecycleHeader | null>,
  now: number,
): Record<string, unknown> {
  const { world } = server;
  return {
    region: region ?? null,
    lifecycle,
    groups: world.departments().map((d) => ({
      ...groupSummary(d),
      // By the group a chat started in; list_chats also lists some chats under General (live/liveRouting.ts).
      current: world.stateCounts(world.retentionStart(), now, [d.id]),
      routingStatus: groupRoutingStatus(world, d),
    })),
    current: world.stateCounts(world.retentionStart(), now),
    tags: world.tags(),
    world: world.stats(),
    requestsLogged: server.requests.size,
    faults: server.faults.list(),
  };
}

/**
 * Creates a LiveChat (livechatinc.com) simulator: the Reports API v3.2-v3.6, and list_chats,
 * list_routing_statuses and list_groups of the v3.6 Agent Chat and Configuration APIs, all from one world.
 */
export function createLiveChatSimulator(options: LiveChatSimulatorOptions = {}): LiveChatSimulator {
  const clock = options.clock ?? systemClock;
  const accounts = options.accounts ?? [demoLiveChatAccount];
  const lifecycle: Record<LiveChatVersion, LifecycleHeader | null> = { ...DEFAULT_LIFECYCLE, ...options.lifecycle };
  const groups: NonNullable<LiveChatSimulatorOptions['groups']> = options.groups ?? defaultLiveChatGroups;
  // The server calls serve and state only once requests arrive, after `serve` below is set.
  const server: SimulatorServer<LiveChatFaultMode> = createSimulatorServer(options, clock, {
    kind: 'livechat',
    faultModes: liveChatFaultModes,
    departments: groups.map((g) => ({
      id: String(g.id),
      groupId: g.id,
      name: g.name,
      ...(g.agents !== undefined && { agents: g.agents }),
      ...(g.weight !== undefined && { weight: g.weight }),
    })),
    agentsPerDepartment: options.agentsPerGroup ?? 3,
    readsPostBodies: true,
    control: {
      addDepartment: (body) =>
        groupSummary(
          addGroup(world, {
            name: groupName(body.name),
            ...(typeof body.id === 'number' && { id: body.id }),
            ...(typeof body.agents === 'number' && { agents: body.agents }),
          }),
        ),
      removeDepartment: (id) => world.removeDepartment(String(id)),
    },
    state: (now) => liveChatState(server, options.region, lifecycle, now),
    answerFault: (mode, fault, request) =>
      answerLiveChatFault(mode, fault, request, parseReportPath(request.path, lifecycle).headers),
    serve: (request) => (isLiveStatePath(request.path) ? serveLive(request) : serveReports(request)),
  });
  const { world } = server;
  const authenticate = createLiveChatAuthenticator(accounts, options.bearerTokens ?? [demoLiveChatBearerToken]);
  // One limiter per credential for every API: LiveChat's limits are per account.
  const limiter = options.rateLimit ? createFixedWindowLimiter({ clock, ...options.rateLimit }) : undefined;
  const serveReports = createLiveChatApi({
    clock,
    authenticate,
    region: options.region,
    lifecycle,
    limiter,
    cache: createTtlCache<ReportBody>({ clock, ttlMs: options.cacheTtlMs ?? 5000 }),
    reports: createReports({ world }),
  });
  const serveLive = createLiveStateApi({ world, authenticate, region: options.region, limiter, lifecycle });
  return Object.assign(server, {
    accounts,
    addGroup: (group: NewGroup) => addGroup(world, group),
    removeGroup: (id: number | string) => world.removeDepartment(String(id)),
  });
}
