import { UpstreamError } from '../../upstream/UpstreamError';

/**
 * The error with the call it came from in front and, when upstream refused a
 * scope (an `authorization` error, or a bare 403), what the token needs behind.
 * LiveChat's refusals do not say which scope is missing, and the client that
 * decodes them does not know the call, so the job that made it adds both.
 * Anything that is not an UpstreamError (BudgetExhausted) passes through.
 */
export function annotateError(err: unknown, call: string | undefined, scopeHint: string): unknown {
  if (!(err instanceof UpstreamError)) return err;
  const refused = err.reason === 'auth' && err.details.endpointOnly === true;
  const message = `${call === undefined ? '' : `${call}: `}${err.message}${refused ? ` (${scopeHint})` : ''}`;
  return new UpstreamError(err.reason, message, err.details);
}
