import type { IncomingMessage } from 'node:http';
import { LIVECHAT_SCOPES } from './liveChatScopes';

/** A PAT credential: Authorization: Basic base64(accountId:pat). */
export interface LiveChatAccount {
  accountId: string;
  pat: string;
  /**
   * Default: every scope the simulator knows (LIVECHAT_SCOPES). Without `reports_read` every report answers
   * `authorization` (403); without a live call's scopes, so does that call.
   */
  scopes?: string[];
  /** Groups the token's owner belongs to: all a `chats--access:ro` token sees (default: every group). */
  groups?: number[];
}

/** A Bearer token, optionally with scopes (default: every scope). */
export type LiveChatBearerToken = string | { token: string; scopes?: string[] };

/** The default demo PAT account. */
export const demoLiveChatAccount: LiveChatAccount = { accountId: 'demo-account', pat: 'demo-pat' };
/** The default demo Bearer token (region prefix "dal"). */
export const demoLiveChatBearerToken = 'dal:demo-bearer-token';

/** Who called: the credential's scopes, the groups its owner belongs to, and the region a Bearer token's prefix names. */
export interface LiveChatCaller {
  scopes: readonly string[];
  /** Undefined: every group. */
  groups: readonly number[] | undefined;
  region: string | undefined;
}

/** Creates the check of a request's Authorization header; it answers undefined for missing or wrong credentials. */
export function createLiveChatAuthenticator(
  accounts: readonly LiveChatAccount[],
  bearerTokens: readonly LiveChatBearerToken[],
): (req: IncomingMessage) => LiveChatCaller | undefined {
  const bearers = bearerTokens.map((b) => (typeof b === 'string' ? { token: b } : b));
  return (req) => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      const account = accounts.find((a) => a.accountId === decoded.slice(0, sep) && a.pat === decoded.slice(sep + 1));
      return account && sep >= 0
        ? { scopes: account.scopes ?? LIVECHAT_SCOPES, groups: account.groups, region: undefined }
        : undefined;
    }
    if (scheme?.toLowerCase() === 'bearer') {
      const bearer = bearers.find((b) => b.token === value);
      const prefix = /^([a-z]+(?:-[a-z])?)[:-]/.exec(value)?.[1];
      return bearer ? { scopes: bearer.scopes ?? LIVECHAT_SCOPES, groups: undefined, region: prefix } : undefined;
    }
    return undefined;
  };
}

/** The caller's region: X-Region, else the Bearer token's prefix, else LiveChat's default 'dal'. */
export function callerRegion(req: IncomingMessage, caller: LiveChatCaller): string {
  return (typeof req.headers['x-region'] === 'string' ? req.headers['x-region'] : undefined) ?? caller.region ?? 'dal';
}
