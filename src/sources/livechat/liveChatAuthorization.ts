import type { LiveChatAuth } from './readLiveChatOptions';

/** The Authorization header: Basic base64(account_id:token) for a PAT, Bearer for an OAuth token. */
export function liveChatAuthorization(auth: LiveChatAuth): string {
  return auth.type === 'pat'
    ? `Basic ${Buffer.from(`${auth.accountId.reveal()}:${auth.token.reveal()}`).toString('base64')}`
    : `Bearer ${auth.token.reveal()}`;
}
