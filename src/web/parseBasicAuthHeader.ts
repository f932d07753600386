/** A user name and password from an `Authorization: Basic` header. */
export interface BasicCredentials {
  user: string;
  password: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Parses an `Authorization: Basic` header as Go's `Request.BasicAuth` does (scheme
 * case-insensitive, strict base64, split at the first colon); undefined otherwise.
 */
export function parseBasicAuthHeader(header: string | undefined): BasicCredentials | undefined {
  if (!header || header.length < 6 || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const encoded = header.slice(6);
  if (!BASE64.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
