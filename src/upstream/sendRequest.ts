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

/** The body as text, refusing one larger than `maxBody` as soon as it passes the cap. */
async function readBody(res: Dispatcher.ResponseData, maxBody: number, progress: (bytes: number) => void) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += (chunk as Buffer).length;
    progress(bytes);
    if (bytes > maxBody) {
      res.body.destroy();
      throw new UpstreamError('parse', `response larger than ${maxBody} bytes`, { status: res.statusCode });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
    const text = await readBody(res, o.maxBodyBytes ?? MAX_BODY, (n) => (bytes = n));
    const headers = flatHeaders(res.headers);
    o.source.observeResponse?.(req.endpoint, headers);
    o.budget.observe(req.endpoint, headers);
    return interpret(o, req.endpoint, status, headers, text);
  } catch (err) {
    const classified = err instanceof UpstreamError ? err : errorForThrown(err, link.timedOut);
    error = scrubSecrets(classified, o.secrets?.() ?? []);
    throw error;
  } finally {
    link.dispose();
    o.budget.settle(req.endpoint);
    const durationMs = performance.now() - started;
    o.onExchange?.({ endpoint: req.endpoint, method: req.method, url, status, durationMs, bytes, at, error });
  }
}
