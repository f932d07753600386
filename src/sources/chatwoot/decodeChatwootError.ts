import { fixedWindowGuardMs } from '../../upstream/createWindowCounter';
import { UpstreamError } from '../../upstream/UpstreamError';

const MINUTE = 60_000;

/** The short upstream text of an error body: `{"error": "..."}` or `{"errors": ["..."]}`, on one line. */
function upstreamText(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const { error, errors } = json as { error?: unknown; errors?: unknown };
  const text =
    typeof error === 'string' ? error : Array.isArray(errors) ? errors.find((e) => typeof e === 'string') : undefined;
  if (typeof text !== 'string') return undefined;
  // Control characters (C0 and DEL) would break the one-line log format.
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return oneLine.trim().slice(0, 200);
}

/** What each 401 body means for the operator (docs/upstream/chatwoot.md §3.2). */
const UNAUTHORIZED: readonly (readonly [RegExp, string])[] = [
  [/^Invalid Access Token/i, 'the token is not a valid user access token'],
  [/not authorized for bots/i, 'an agent-bot or platform-app token; reports need a user access token'],
  [/sign in or sign up/i, 'no token arrived (a proxy dropping api-access-token?)'],
  [/not authorized to access this account/i, "the token's user is not a member of this account"],
  [/Account is suspended/i, 'the account is suspended'],
  [
    /not authorized to do this action/i,
    "the token's user may not read reports (needs administrator, or report_manage on Enterprise)",
  ],
];

/**
 * Classifies Chatwoot's error responses. A 401 is always about the configuration: the body tells an invalid
 * token from a bot token, a missing membership and a missing role, and the whole target stops until a
 * reload. A 429 (`Retry later`, no header) means Rack::Attack's UTC-minute window is full: wait for the
 * next minute, past the guard band in which the server may still count the old one.
 */
export function decodeChatwootError(status: number, json: unknown, now: number): UpstreamError {
  const text = upstreamText(json);
  const suffix = text ? `: ${text}` : '';
  if (status === 401) {
    const meaning = UNAUTHORIZED.find(([re]) => re.test(text ?? ''))?.[1] ?? 'not authorized';
    return new UpstreamError('auth', `HTTP 401, ${meaning}${suffix}`, { status });
  }
  if (status === 429) {
    const retryAt = (Math.floor(now / MINUTE) + 1) * MINUTE + fixedWindowGuardMs(MINUTE);
    return new UpstreamError('rate_limited', 'HTTP 429, Rack::Attack limit reached (Retry later)', { status, retryAt });
  }
  if (status === 404)
    return new UpstreamError('http_4xx', `HTTP 404, not on this server or unknown id${suffix}`, { status });
  if (status >= 500) return new UpstreamError('http_5xx', `HTTP ${status}${suffix}`, { status });
  return new UpstreamError('http_4xx', `HTTP ${status}${suffix}`, { status });
}
