import { request as undiciRequest, type Dispatcher } from 'undici';
import { errorForStatus, errorForThrown, scrubSecrets } from './classifyFailure';
import type { UpstreamClientOptions } from './UpstreamClientOptions';
import { linkAbortSignals } from './linkAbortSignals';
import type { ResponseHeaders, UpstreamRequest, UpstreamResponse } from './UpstreamHttp';
import { UpstreamError } from './UpstreamError';

const MAX_BODY = 16 * 1024 * 1024;

function buildUrl(base: string, req: UpstreamRequest): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (typeof v === 'string') qs.append(k, v);
    else for (const item of v) qs.append(k, item);
  }
  const q = qs.toString();
  return base.replace(/\/+$/, '') + req.path + (q ? `?${q}` : '');
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The first allocation for a body of unknown length; it grows (to at most the cap) as needed. */
const FIRST_BUFFER = 64 * 1024;

/**
 * The body as text, refusing one larger than `maxBody` as soon as it passes the
 * cap. A body that arrives in one chunk (most answers) is decoded from it as it
 * is. Otherwise chunks are copied into one buffer as they arrive rather than
 * kept, so what is held is one flat allocation that never exceeds the cap, and
 * each socket chunk is free to go at once.
 */
async function readBody(res: Dispatcher.ResponseData, maxBody: number, progress: (bytes: number) => void) {
  let first: Buffer | undefined;
  let buf: Buffer | undefined;
  let bytes = 0;
  for await (const chunk of res.body) {
    const c = chunk as Buffer;
    progress(bytes + c.length);
    if (bytes + c.length > maxBody) {
      res.body.destroy();
      throw new UpstreamError('parse', `response larger than ${maxBody} bytes`, { status: res.statusCode });
    }
    if (buf === undefined) {
      if (first === undefined) {
        first = c;
        bytes = c.length;
        continue;
      }
      buf = firstBuffer(res, maxBody, bytes + c.length);
      first.copy(buf, 0);
      first = undefined;
    }
    if (bytes + c.length > buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.min(maxBody, Math.max(2 * buf.length, bytes + c.length)));
      buf.copy(bigger, 0, 0, bytes);
      buf = bigger;
    }
    c.copy(buf, bytes);
    bytes += c.length;
  }
  return (buf ?? first)?.toString('utf8', 0, bytes) ?? '';
}

/** The buffer a body of several chunks is copied into, once `needed` bytes have come. */
function firstBuffer(res: Dispatcher.ResponseData, maxBody: number, needed: number): Buffer {
  const declared = Number(res.headers['content-length']);
  // A declared length was checked against the cap already: one allocation of that size, no copies.
  const size = Number.isInteger(declared) && declared >= 0 ? Math.min(declared, maxBody) : FIRST_BUFFER;
  return Buffer.allocUnsafeSlow(Math.max(size, Math.min(maxBody, needed)));
}

/**
 * Refuses, before a byte of the body is read, a response that announces a body
 * over the cap, and a redirect: it is never followed (the credentials must not
 * go to another origin), and its message names only the origin it points at,
 * since a Location's path and query may carry session tokens.
 */
function refuseEarly(res: Dispatcher.ResponseData, maxBody: number, url: string): void {
  // Closed unread; undici reports the abort as an error event, which nobody waits for here.
  const discard = () => res.body.on('error', () => undefined).destroy();
  const declared = Number(res.headers['content-length']);
  const status = res.statusCode;
  if (Number.isFinite(declared) && declared > maxBody) {
    discard();
    throw new UpstreamError(
      'parse',
      `response of ${declared} bytes (Content-Length) is over the ${maxBody}-byte cap; not read`,
      {
        status,
      },
    );
  }
  if (status >= 300 && status < 400) {
    discard();
    throw new UpstreamError(
      'redirect',
      `HTTP ${status} redirect to ${locationOrigin(res.headers.location, url)}, not followed`,
      {
        status,
      },
    );
  }
}

/** The origin a Location header points at (relative to the request's URL), or what is wrong with it. */
function locationOrigin(location: string | string[] | undefined, url: string): string {
  if (typeof location !== 'string' || location === '') return 'nowhere (no Location header)';
  try {
    return new URL(location, url).origin;
  } catch {
    return 'an invalid Location';
  }
}

/** Data from a 2xx JSON answer, or the classified error of anything else (a 429 also blocks the budget). */
function interpret(
  o: UpstreamClientOptions,
  endpoint: string,
  status: number,
  headers: ResponseHeaders,
  text: string,
): UpstreamResponse {
  let json: unknown;
  let jsonOk = true;
  try {
    json = JSON.parse(text);
  } catch {
    jsonOk = false;
  }
  const contentType = headers['content-type'] ?? '';
  if (status >= 200 && status < 300) {
    // A login page served with 200 (an SSO proxy in front of the API) must not read as data.
    if (!/\bjson\b/i.test(contentType)) {
      const got = contentType.split(';')[0] || 'no content type';
      throw new UpstreamError('parse', `expected JSON, got ${got}`, { status });
    }
    if (!jsonOk) throw new UpstreamError('parse', 'invalid JSON in response body', { status });
    return { status, headers, json };
  }
  const err = o.source.decodeError?.(status, jsonOk ? json : undefined, headers) ?? errorForStatus(status);
  if (err.reason === 'rate_limited') {
    const until = err.details.retryAt ?? o.clock.now() + (err.details.retryAfterMs ?? 60_000);
    o.budget.blockUntil(endpoint, until);
  }
  throw err;
}

/** The request's headers: JSON accepted, the source's auth, then the request's own. */
function requestHeaders(o: UpstreamClientOptions, req: UpstreamRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.source.requestHeaders(), ...req.headers };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

/**
 * One attempt of one request, budget already taken: sends it under the deadline,
 * reads and interprets the answer, settles the budget and reports the exchange,
 * whatever happened. Every error is an UpstreamError with secrets scrubbed.
 */
export async function sendRequest(
  o: UpstreamClientOptions,
  req: UpstreamRequest,
  signal: AbortSignal,
): Promise<UpstreamResponse> {
  const url = buildUrl(o.baseUrl, req);
  const started = performance.now();
  const at = o.clock.now();
  // Aborted by the deadline or by the poller's signal (shutdown, reload).
  const link = linkAbortSignals([signal], { ms: o.timeoutMs, clock: o.clock });
  let status: number | undefined;
  let bytes = 0;
  let error: UpstreamError | undefined;
  try {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const options = { method: req.method, headers: requestHeaders(o, req), body, signal: link.signal };
    const res = await undiciRequest(url, { ...options, dispatcher: o.dispatcher });
    status = res.statusCode;
    const maxBody = o.maxBodyBytes ?? MAX_BODY;
    refuseEarly(res, maxBody, url);
    const text = await readBody(res, maxBody, (n) => (bytes = n));
    const headers = flatHeaders(res.headers);
    o.source.observeResponse?.(req.endpoint, headers);
    o.budget.observe(req.endpoint, headers);
    return interpret(o, req.endpoint, status, headers, text);
  } catch (err) {
    const classified = err instanceof UpstreamError ? err : errorForThrown(err, link.timedOut);
    error = scrubSecrets(classified, o.redact);
    throw error;
  } finally {
    link.dispose();
    o.budget.settle(req.endpoint);
    const durationMs = performance.now() - started;
    const failure = error && { reason: error.reason, message: error.message };
    o.onExchange?.({ endpoint: req.endpoint, method: req.method, url, status, durationMs, bytes, at, error: failure });
  }
}
