/** When upstream allows the next request: after a delay, or at an instant. */
export type RetryHint = { readonly retryAfterMs: number } | { readonly retryAt: number };

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * LiveChat documents neither the header nor its form, so both are accepted;
 * anything else is ignored and the caller's default applies.
 */
export function parseRetryAfter(value: string | undefined): RetryHint | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return { retryAfterMs: Math.round(Number(v) * 1000) };
  // Date.parse would also take bare numbers and ISO fragments; an HTTP date always names a weekday or month.
  if (!/[A-Za-z]{3}/.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? { retryAt: at } : undefined;
}
