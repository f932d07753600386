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

/**
 * The body as text, refusing one larger than `maxBody` as soon as it passes the
 * cap. Each socket chunk is decoded as it arrives and let go at once: what is
 * held is V8 strings, never a large native buffer. A growing (or Content-Length
 * sized) Buffer of up to the cap was a malloc of megabytes; once freed it raises
 * glibc's dynamic mmap threshold, so later big buffers came from the thread's
 * malloc arena, which keeps its pages: RSS never came back after big bodies.
 */
async function readBody(res: Dispatcher.ResponseData, maxBody: number, progress: (bytes: number) => void) {
  // ignoreBOM keeps a byte order mark in the text, as Buffer#toString did (JSON.parse then refuses it).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  let bytes = 0;
  for await (const chunk of res.body) {
    const c = chunk as Buffer;
    progress(bytes + c.length);
    if (bytes + c.length > maxBody) {
      res.body.destroy();
      throw new UpstreamError('parse', `response larger than ${maxBody} bytes`, { status: res.statusCode });
    }
    pieces.push(decoder.decode(c, { stream: true }));
    bytes += c.length;
  }
  pieces.push(decoder.decode());
  return pieces.length === 1 ? pieces[0]! : pieces.join('');
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
