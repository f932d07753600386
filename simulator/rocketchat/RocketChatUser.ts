import type { IncomingMessage } from 'node:http';

/** A Rocket.Chat user the simulator accepts (PAT-style: X-User-Id + X-Auth-Token). */
export interface RocketChatUser {
  userId: string;
  token: string;
  username?: string;
  /** Has api-bypass-rate-limit: no limiter, no X-RateLimit-* headers. */
  bypassRateLimit?: boolean;
  /** Permissions; default: a livechat-manager's (MANAGER_PERMISSIONS). */
  permissions?: string[];
}

/** The default demo credentials (manager permissions, subject to the rate limiter). */
export const demoRocketChatUser: RocketChatUser = {
  userId: 'demo-user',
  token: 'demo-token',
  username: 'demo.manager',
};

/**
 * The demo's service account (manager permissions and api-bypass-rate-limit, as a bot
 * should have): config/demo.yml polls with it, so it needs no budget whichever simulator
 * answers, the demo's or the standalone one.
 */
export const demoRocketChatBot: RocketChatUser = {
  userId: 'demo-bot',
  token: 'demo-bot-token',
  username: 'demo.bot',
  bypassRateLimit: true,
};

/** Permissions of a user that names none: those of the role livechat-manager the exporter needs (§3). */
const MANAGER_PERMISSIONS: readonly string[] = [
  'view-livechat-manager',
  'view-livechat-departments',
  'view-l-room',
  'view-livechat-rooms',
  'transfer-livechat-guest',
  'edit-omnichannel-contact',
];

/** What `user` may do: its own permissions, or a livechat manager's when it names none. */
export function permissionsOf(user: RocketChatUser | undefined): readonly string[] {
  return user?.permissions ?? MANAGER_PERMISSIONS;
}

/** The user whose X-User-Id and X-Auth-Token match, if any. */
export function authenticateRocketChatUser(
  req: IncomingMessage,
  users: readonly RocketChatUser[],
): RocketChatUser | undefined {
  const userId = req.headers['x-user-id'];
  const token = req.headers['x-auth-token'];
  if (typeof userId !== 'string' || typeof token !== 'string') return undefined;
  return users.find((u) => u.userId === userId && u.token === token);
}
