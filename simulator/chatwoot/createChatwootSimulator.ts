import { systemClock } from '../../src/clock';
import { createSimulatorServer } from '../http/createSimulatorServer';
import type { CommonSimulatorOptions, SimulatorServer } from '../http/SimulatorServer';
import { defaultRocketChatDepartments } from '../world/defaultRocketChatDepartments';
import type { DepartmentSpec } from '../world/types';
import { conversationMetrics } from './answers/liveReports';
import { answerChatwootFault } from './answerChatwootFault';
import { createChatwootAccount, defaultChatwootInboxes, type ChatwootInbox } from './chatwootAccount';
import { chatwootFaultModes, type ChatwootFaultMode } from './chatwootFaultModes';
import { demoChatwootToken, otherChatwootTokens, type ChatwootToken } from './chatwootTokens';
import { createChatwootApi } from './createChatwootApi';
import { createChatwootHistory } from './createChatwootHistory';
import { createRackAttack, RACK_ATTACK_DEFAULTS, type RackAttackLimits } from './createRackAttack';

/** Options of createChatwootSimulator; all optional. */
export interface ChatwootSimulatorOptions extends CommonSimulatorOptions {
  /** What GET /api reports and which endpoints exist (docs/upstream/chatwoot.md §14); default 4.15.1. */
  version?: string;
  /** Default enterprise (custom roles with report_manage may read reports). */
  edition?: 'enterprise' | 'community';
  /** Default 1. */
  accountId?: number;
  /** Default: the demo administrator and otherChatwootTokens. */
  tokens?: readonly ChatwootToken[];
  /** Default defaultChatwootInboxes. */
  inboxes?: readonly ChatwootInbox[];
  /** Teams: the world's departments; default the Rocket.Chat demo departments (awkward names). */
  teams?: readonly DepartmentSpec[];
  /** Rack::Attack; default its code defaults; false disables it (ENABLE_RACK_ATTACK=false). */
  rackAttack?: Partial<RackAttackLimits> | false;
  /** How far back the server has conversations; default 8 days. */
  historyDays?: number;
}

/** A Chatwoot simulator. */
export interface ChatwootSimulator extends SimulatorServer<ChatwootFaultMode> {
  readonly tokens: readonly ChatwootToken[];
  readonly accountId: number;
}

function parseVersion(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`invalid Chatwoot version ${JSON.stringify(v)} (use e.g. 4.15.1)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Creates a Chatwoot simulator (v4.15.1 behaviour unless `version` says otherwise): live reports, summaries,
 * discovery, profile and conversations/meta over the shared world, behind Chatwoot's auth chain and
 * Rack::Attack, with its error bodies and faults.
 */
export function createChatwootSimulator(options: ChatwootSimulatorOptions = {}): ChatwootSimulator {
  const clock = options.clock ?? systemClock;
  const versionText = options.version ?? '4.15.1';
  const version = parseVersion(versionText);
  const tokens = options.tokens ?? [demoChatwootToken, ...otherChatwootTokens];
  const accountId = options.accountId ?? 1;
  const server: SimulatorServer<ChatwootFaultMode> = createSimulatorServer(options, clock, {
    kind: 'chatwoot',
    faultModes: chatwootFaultModes,
    departments: options.teams ?? defaultRocketChatDepartments,
    agentsPerDepartment: 3,
    control: {
      addDepartment: (body) => server.world.addDepartment(body as unknown as DepartmentSpec),
      removeDepartment: (id) => server.world.removeDepartment(id),
    },
    state: (now) => ({
      version: versionText,
      accountId,
      current: conversationMetrics(history, now, undefined),
      teams: account.teams().map((t) => ({ id: t.id, name: t.name })),
      inboxes: account.inboxes,
      world: server.world.stats(),
      requestsLogged: server.requests.size,
      faults: server.faults.list(),
    }),
    answerFault: (mode, _fault, request) => answerChatwootFault(mode, request),
    serve: (request) => serve(request),
  });
  const admins = tokens.filter(
    (t) => t.owner === 'user' && t.userId !== undefined && t.accounts?.some((a) => a.id === accountId),
  );
  const account = createChatwootAccount(
    server.world,
    accountId,
    options.inboxes ?? defaultChatwootInboxes,
    admins.map((t) => ({ id: t.userId!, name: t.name ?? `User ${t.userId}` })),
  );
  const history = createChatwootHistory(server.world, account, options.historyDays ?? 8);
  const serve = createChatwootApi({
    history,
    tokens,
    version,
    versionText,
    edition: options.edition ?? 'enterprise',
    rackAttack:
      options.rackAttack === false
        ? undefined
        : createRackAttack(clock, { ...RACK_ATTACK_DEFAULTS, ...options.rackAttack }),
    now: () => clock.now(),
  });
  return Object.assign(server, { tokens, accountId });
}
