import { UpstreamError } from '../../upstream/UpstreamError';
import type { LiveChatAuth } from './readLiveChatOptions';

/** The Authorization header: Basic base64(account_id:token) for a PAT, Bearer for an OAuth token. */
export function liveChatAuthorization(auth: LiveChatAuth): string {
  return auth.type === 'pat'
    ? `Basic ${Buffer.from(`${auth.accountId.reveal()}:${auth.token.reveal()}`).toString('base64')}`
    : `Bearer ${auth.token.reveal()}`;
}

/**
 * The error with the Authorization value and its credential part cut out. The
 * core scrubs the raw secrets; the Basic value is derived from them, so it is
 * scrubbed here.
 */
export function redactAuthorization(err: UpstreamError, authorization: string): UpstreamError {
  const credential = authorization.slice(authorization.indexOf(' ') + 1);
  let message = err.message.split(authorization).join('<redacted>');
  if (credential.length >= 4) message = message.split(credential).join('<redacted>');
  return message === err.message ? err : new UpstreamError(err.reason, message, err.details);
}
