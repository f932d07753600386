import { UpstreamError } from '../../upstream/UpstreamError';

function upstreamText(json: unknown): string | undefined {
  if (json && typeof json === 'object') {
    const { error, message } = json as { error?: unknown; message?: unknown };
    const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined;
    return text?.slice(0, 200);
  }
  return undefined;
}

/**
 * Classifies Rocket.Chat's error responses (docs/upstream/rocketchat.md §8, §9): 401 and 403 are
 * auth problems (a 403 is one endpoint's permission); a 429 carries the limiter's
 * reset as absolute epoch milliseconds in X-RateLimit-Reset.
 */
export function decodeRocketChatError(
  status: number,
  json: unknown,
  headers: Readonly<Record<string, string | undefined>>,
): UpstreamError | undefined {
  const text = upstreamText(json);
  const suffix = text ? `: ${text}` : '';
  if (status === 401)
    return new UpstreamError('auth', `HTTP 401, not logged in (check user id and token)${suffix}`, { status });
  if (status === 403)
    return new UpstreamError('auth', `HTTP 403, permission missing${suffix}`, { status, endpointOnly: true });
  if (status === 429) {
    const reset = Number(headers['x-ratelimit-reset']);
    const wait = /You must wait (\d+) seconds/.exec(text ?? '');
    return new UpstreamError('rate_limited', `HTTP 429, rate limited${suffix}`, {
      status,
      retryAt: Number.isFinite(reset) && reset > 0 ? reset : undefined,
      retryAfterMs: wait ? Number(wait[1]) * 1000 : undefined,
    });
  }
  if (status >= 400 && status < 500) return new UpstreamError('http_4xx', `HTTP ${status}${suffix}`, { status });
  if (status >= 500) return new UpstreamError('http_5xx', `HTTP ${status}${suffix}`, { status });
  return undefined;
}
