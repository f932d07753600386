import type { ServerResponse } from 'node:http';
import type { FaultSpec } from './createFaultInjector';
import type { RequestLogEntry } from './createRequestLog';
import { send } from './send';

const SHARED_FAULT_MODES = ['timeout', 'slow', 'http_502', 'http_503', 'html_login'] as const;

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
  }
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
