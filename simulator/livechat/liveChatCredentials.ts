import type { IncomingMessage } from 'node:http';

/** A PAT credential: Authorization: Basic base64(accountId:pat). */
export interface LiveChatAccount {
  accountId: string;
  pat: string;
  /** Default ['reports_read']; without it every report answers `authorization` (403). */
  scopes?: string[];
}

/** A Bearer token, optionally with scopes (default ['reports_read']). */
export type LiveChatBearerToken = string | { token: string; scopes?: string[] };

/** The default demo PAT account. */
export const demoLiveChatAccount: LiveChatAccount = { accountId: 'demo-account', pat: 'demo-pat' };
/** The default demo Bearer token (region prefix "dal"). */
export const demoLiveChatBearerToken = 'dal:demo-bearer-token';

/** Who called: the credential's scopes, and the region a Bearer token's prefix names. */
export interface LiveChatCaller {
  scopes: string[];
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
      return account && sep >= 0 ? { scopes: account.scopes ?? ['reports_read'], region: undefined } : undefined;
    }
    if (scheme?.toLowerCase() === 'bearer') {
      const bearer = bearers.find((b) => b.token === value);
      const prefix = /^([a-z]+(?:-[a-z])?)[:-]/.exec(value)?.[1];
      return bearer ? { scopes: bearer.scopes ?? ['reports_read'], region: prefix } : undefined;
    }
    return undefined;
  };
}
