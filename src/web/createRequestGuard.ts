import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BasicAuthVerifier } from './createBasicAuthVerifier';
import type { TokenBucket } from './createTokenBucket';

/** A Node request listener; an express app is one. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the guard enforces for one request; re-read per request so reloads apply. */
export interface GuardPolicy {
  headers: Readonly<Record<string, string>>;
  limiter?: TokenBucket;
  auth?: BasicAuthVerifier;
}

/**
 * Wraps `handler` with what exporter-toolkit's web handler does for every endpoint:
 * security headers on every response, the rate limit (429), then basic auth (401 with
 * `WWW-Authenticate: Basic`). `beforeRequest` runs first (the config reload check).
 */
export function createRequestGuard(deps: {
  handler: RequestHandler;
  policy: () => GuardPolicy;
  beforeRequest?: () => Promise<void>;
  onError: (message: string) => void;
}): RequestHandler {
  const { handler, policy, beforeRequest, onError } = deps;
  const guard = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await beforeRequest?.();
    const p = policy();
    for (const [name, value] of Object.entries(p.headers)) res.setHeader(name, value);
    if (p.limiter && !p.limiter.tryTake()) {
      reply(res, 429, 'Too Many Requests');
      return;
    }
    if (p.auth && !(await p.auth.verify(req.headers.authorization))) {
      res.setHeader('WWW-Authenticate', 'Basic');
      reply(res, 401, 'Unauthorized');
      return;
    }
    handler(req, res);
  };
  return (req, res) => {
    guard(req, res).catch((err: unknown) => {
      onError(`request to ${req.url ?? '?'} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) reply(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(body);
}
