import { UpstreamError } from './UpstreamError';

/** The error for a non-2xx status when the source's decoder has nothing more precise. */
export function errorForStatus(status: number): UpstreamError {
  if (status === 401 || status === 403)
    return new UpstreamError('auth', `HTTP ${status}`, { status, endpointOnly: status === 403 });
  if (status === 429) return new UpstreamError('rate_limited', 'HTTP 429', { status });
  if (status >= 300 && status < 400) return new UpstreamError('redirect', `HTTP ${status}`, { status });
  if (status >= 500) return new UpstreamError('http_5xx', `HTTP ${status}`, { status });
  return new UpstreamError('http_4xx', `HTTP ${status}`, { status });
}

/** The error for something undici threw: a deadline, a too-large body, or a network failure. */
export function errorForThrown(err: unknown, timedOut: boolean): UpstreamError {
  const code = (err as { code?: string }).code;
  if (
    timedOut ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new UpstreamError('timeout', 'request timed out');
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new UpstreamError('parse', 'response too large');
  return new UpstreamError(
    'network',
    `network error${code ? ` (${code})` : ''}: ${(err as Error).message ?? String(err)}`,
  );
}

/** The error with its message passed through `redact` (the target's secrets masked). */
export function scrubSecrets(err: UpstreamError, redact: ((text: string) => string) | undefined): UpstreamError {
  const msg = redact ? redact(err.message) : err.message;
  return msg === err.message ? err : new UpstreamError(err.reason, msg, err.details);
}
