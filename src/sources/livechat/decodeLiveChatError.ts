import { UpstreamError } from '../../upstream/UpstreamError';
import { parseRetryAfter } from './parseRetryAfter';

/** The parts of `{"error": {"type", "message", "data"}}` the exporter uses. */
interface Envelope {
  readonly type: string | undefined;
  readonly message: string | undefined;
  readonly region: string | undefined;
}

/**
 * How long to back off after a 429 or 503 without Retry-After. LiveChat
 * documents no limits and no header, only that requests are "unblocked
 * automatically after some time"; a minute matches the core's 429 default.
 */
export const DEFAULT_BACKOFF_MS = 60_000;

/** A region name that is safe to send back as a header value (dal, fra, fra-a...). */
const REGION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

function envelopeOf(json: unknown): Envelope {
  const error = json !== null && typeof json === 'object' ? (json as { error?: unknown }).error : undefined;
  if (error === null || typeof error !== 'object') return { type: undefined, message: undefined, region: undefined };
  const { type, message, data } = error as { type?: unknown; message?: unknown; data?: unknown };
  const region = data !== null && typeof data === 'object' ? (data as { region?: unknown }).region : undefined;
  return {
    type: typeof type === 'string' ? type.slice(0, 40) : undefined,
    // Only the short upstream message, on one line: bodies may be huge or echo what we sent.
    message:
      typeof message === 'string'
        ? message
            // Control characters (C0 and DEL) would break the one-line log format.
            // eslint-disable-next-line no-control-regex
            .replace(/[\u0000-\u001f\u007f]+/g, ' ')
            .trim()
            .slice(0, 200)
        : undefined,
    region: typeof region === 'string' && REGION.test(region) ? region : undefined,
  };
}

/**
 * Classifies LiveChat's error responses by the envelope's `type` (docs/upstream/livechat.md §8, §9),
 * falling back to the status code when there is no envelope (a proxy's page).
 * authentication: the credentials are wrong, so the whole target stops until the
 * next reload; authorization: this call is refused (a missing scope; the job names it).
 * 429/too_many_requests and 503/service_unavailable always carry a retry hint
 * (Retry-After in seconds or as an HTTP date, else DEFAULT_BACKOFF_MS): the
 * source backs the whole target off on it rather than asking again at once.
 */
export function decodeLiveChatError(
  status: number,
  json: unknown,
  headers: Readonly<Record<string, string | undefined>>,
): UpstreamError {
  const e = envelopeOf(json);
  const what = `HTTP ${status}${e.type ? ` ${e.type}` : ''}${e.message ? `: ${e.message}` : ''}`;
  const retry = parseRetryAfter(headers['retry-after']) ?? { retryAfterMs: DEFAULT_BACKOFF_MS };
  switch (e.type) {
    case 'authentication':
      return new UpstreamError('auth', `${what} (check the account id and token; PATs use Basic auth)`, { status });
    case 'authorization':
      // Which scope is missing depends on the call: the job that made it says (annotateError).
      return new UpstreamError('auth', what, { status, endpointOnly: true });
    case 'too_many_requests':
      return new UpstreamError('rate_limited', what, { status, ...retry });
    case 'service_unavailable':
      return new UpstreamError('http_5xx', what, { status, ...retry });
    case 'misdirected_request':
      return new UpstreamError('http_4xx', `${what}${e.region ? ` (region ${e.region})` : ''}`, {
        status,
        region: e.region,
      });
    case 'validation':
      return new UpstreamError('http_4xx', what, { status });
    case 'internal':
      return new UpstreamError('http_5xx', what, { status });
  }
  if (status === 401) return new UpstreamError('auth', what, { status });
  if (status === 403) return new UpstreamError('auth', what, { status, endpointOnly: true });
  if (status === 429) return new UpstreamError('rate_limited', what, { status, ...retry });
  if (status === 503) return new UpstreamError('http_5xx', what, { status, ...retry });
  if (status >= 500) return new UpstreamError('http_5xx', what, { status });
  return new UpstreamError('http_4xx', what, { status });
}
