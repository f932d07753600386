import type { ServerResponse } from 'node:http';
import type { FaultSpec } from './createFaultInjector';
import type { RequestLogEntry } from './createRequestLog';
import { send } from './send';

const SHARED_FAULT_MODES = ['timeout', 'slow', 'http_502', 'http_503', 'html_login', 'huge_body', 'redirect'] as const;

/** Fault modes both simulators answer alike: they imitate the network and proxies, not either API. */
export type SharedFaultMode = (typeof SHARED_FAULT_MODES)[number];

/** True when `mode` is answered by answerSharedFault rather than by the simulator itself. */
export function isSharedFaultMode(mode: string): mode is SharedFaultMode {
  return (SHARED_FAULT_MODES as readonly string[]).includes(mode);
}

/**
 * Applies a shared fault. Resolves true when the request is finished (or deliberately left hanging), false
 * when a "slow" delay has passed and the request should be served as usual.
 */
export async function answerSharedFault(
  mode: SharedFaultMode,
  fault: FaultSpec,
  res: ServerResponse,
  entry: RequestLogEntry,
  wait: (ms: number) => Promise<boolean>,
): Promise<boolean> {
  switch (mode) {
    case 'timeout':
      // Never answer; the socket is destroyed by close() or when the client gives up.
      return true;
    case 'slow':
      return !(await wait(fault.delayMs ?? 2000));
    case 'http_502':
    case 'http_503':
      send(res, entry, mode === 'http_502' ? 502 : 503, proxyErrorPage(mode === 'http_502' ? 502 : 503), {
        'content-type': 'text/html',
      });
      return true;
    case 'html_login':
      send(res, entry, 200, HTML_LOGIN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
      return true;
    case 'huge_body':
      streamHugeBody(res, entry, fault.bytes ?? 2 * 1024 ** 3, fault.chunked ?? false);
      return true;
    case 'redirect':
      send(res, entry, 302, '', { location: fault.location ?? SSO_LOCATION, 'content-type': 'text/plain' });
      return true;
  }
}

/** Where an SSO proxy sends an API client it does not know: another origin, with a path and a query. */
const SSO_LOCATION = 'https://sso.example.net/auth/login?next=%2Fapi%2Fv1&session=s3cr3t-session';

/**
 * A JSON-looking body of `bytes` bytes, written as fast as the client reads it
 * (backpressure honoured) and stopped when it goes away: a misbehaving upstream
 * or proxy that would fill a client's memory.
 */
function streamHugeBody(res: ServerResponse, entry: RequestLogEntry, bytes: number, chunked: boolean): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!chunked) headers['content-length'] = String(bytes);
  entry.status = 200;
  entry.responseHeaders = headers;
  entry.responseBody = `<${bytes} bytes${chunked ? ', chunked' : ''}>`;
  res.writeHead(200, headers);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  chunk[0] = 0x5b; // '[': the body starts like JSON and never becomes valid
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** What an nginx reverse proxy serves for 502/503 when the upstream is down. */
function proxyErrorPage(status: 502 | 503): string {
  const text = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A single-sign-on login page an auth proxy answers with HTTP 200 instead of the API response. */
const HTML_LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<form method="post" action="/login">
  <h1>Please sign in</h1>
  <label>Username <input name="username"></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in</button>
</form>
</body>
</html>
`;
