import { isIPv6 } from 'node:net';

const KINDS: Readonly<Record<string, true>> = { DNS: true, 'IP Address': true, email: true, URI: true };

/**
 * The DNS, IP, email and URI values of a Node `X509Certificate.subjectAltName`
 * string (`DNS:a, IP Address:10.0.0.1, URI:"quoted, if needed"`), i.e. exactly the
 * SAN kinds exporter-toolkit matches `client_allowed_sans` against. IPv6 addresses
 * are compressed (::1) the way Go prints them.
 */
export function subjectAltNames(text: string | undefined): string[] {
  const out: string[] = [];
  if (!text) return out;
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon < 0) break;
    const kind = text.slice(i, colon);
    let value: string;
    let next: number;
    if (text[colon + 1] === '"') {
      // Node JSON-quotes values containing separators or quotes.
      let j = colon + 2;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      value = JSON.parse(text.slice(colon + 1, j + 1)) as string;
      next = text.indexOf(', ', j);
    } else {
      next = text.indexOf(', ', colon);
      value = text.slice(colon + 1, next < 0 ? undefined : next);
    }
    if (KINDS[kind]) out.push(kind === 'IP Address' ? canonicalIp(value) : value);
    if (next < 0) break;
    i = next + 2;
  }
  return out;
}

/** IPv6 in compressed lower-case form; anything else unchanged. */
export function canonicalIp(value: string): string {
  return isIPv6(value) ? new URL(`http://[${value}]`).hostname.slice(1, -1) : value;
}
