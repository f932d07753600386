import type { IncomingMessage } from 'node:http';

/** One account membership of a token's user, as `GET /api/v1/profile` lists it. */
export interface ChatwootMembership {
  readonly id: number;
  readonly role: 'administrator' | 'agent';
  /** A custom role's permissions (Enterprise), e.g. ['report_manage']. */
  readonly customRole?: readonly string[];
}

/** An access token the simulator accepts: a user's, an agent bot's or a platform app's. */
export interface ChatwootToken {
  readonly token: string;
  readonly owner: 'user' | 'bot' | 'platform';
  /** For users: the user id (an account user with this id exists in each of its accounts). */
  readonly userId?: number;
  readonly name?: string;
  readonly accounts?: readonly ChatwootMembership[];
}

/** The simulator's demo administrator of account 1 (`npm run simulator`, the demo). */
export const demoChatwootToken: ChatwootToken = {
  token: 'cwDemoAdminToken2026xyzAB',
  owner: 'user',
  userId: 9001,
  name: 'Demo Admin',
  accounts: [{ id: 1, role: 'administrator' }],
};

/** More tokens the simulator knows by default: an agent, a report_manage custom role, a bot, a platform app. */
export const otherChatwootTokens: readonly ChatwootToken[] = [
  {
    token: 'cwAgentToken2026xyzABCDE',
    owner: 'user',
    userId: 9002,
    name: 'Plain Agent',
    accounts: [{ id: 1, role: 'agent' }],
  },
  {
    token: 'cwReportRoleToken2026xyz',
    owner: 'user',
    userId: 9003,
    name: 'Report Reader',
    accounts: [{ id: 1, role: 'agent', customRole: ['report_manage'] }],
  },
  { token: 'cwBotToken2026xyzABCDEFG', owner: 'bot' },
  { token: 'cwPlatformToken2026xyzAB', owner: 'platform' },
];

/** The token a request sends, under either spelling (Puma maps both to one Rack key). */
export function tokenOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['api-access-token'] ?? req.headers['api_access_token'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** `GET /api/v1/profile` for a user token (it echoes the token, as Chatwoot does). */
export function profileOf(t: ChatwootToken, accountName: string) {
  return {
    id: t.userId,
    name: t.name,
    email: `user${t.userId}@example.com`,
    access_token: t.token,
    accounts: (t.accounts ?? []).map((m) => ({
      id: m.id,
      name: accountName,
      status: 'active',
      role: m.role,
      permissions: m.customRole ? [...m.customRole, 'custom_role'] : [m.role],
    })),
  };
}
