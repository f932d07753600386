import { request as undiciRequest, type Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { UpstreamHttp, UpstreamProtocol, UpstreamRequest, UpstreamResponse } from './UpstreamHttp';
import type { Budget } from './createBudget';
import { linkAbortSignals } from './linkAbortSignals';
import { BudgetExhausted, UpstreamError } from './UpstreamError';

/** One finished exchange, for self-metrics and the per-target debug view. */
export interface Exchange {
  readonly endpoint: string;
  readonly method: string;
  /** URL with query; the base URL never carries credentials (config validation refuses userinfo). */
  readonly url: string;
  /** HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly bytes: number;
  readonly at: number;
  readonly error?: UpstreamError;
}

/** What the client needs. */
export interface UpstreamClientOptions {
  readonly baseUrl: string;
  readonly source: UpstreamProtocol;
  readonly budget: Budget;
  readonly clock: Clock;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Base of the exponential backoff; each retry waits a random time up to base·2^attempt. */
  readonly retryBaseMs?: number;
  readonly maxBodyBytes?: number;
  readonly onExchange?: (e: Exchange) => void;
  /**
   * How long a request may wait for budget that frees up soon. A cycle that fires
   * exactly one budget period after the last one finds its predecessor's requests
   * a few milliseconds short of expiring; waiting for them keeps B requests per cycle.
   */
  readonly budgetGraceMs?: number;
  /** Strings to scrub from every error message (the target's secrets). */
  readonly secrets?: () => readonly string[];
  readonly random?: () => number;
}

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

function defaultError(status: number): UpstreamError {
  if (status === 401 || status === 403)
    return new UpstreamError('auth', `HTTP ${status}`, { status, endpointOnly: status === 403 });
  if (status === 429) return new UpstreamError('rate_limited', 'HTTP 429', { status });
  if (status >= 500) return new UpstreamError('http_5xx', `HTTP ${status}`, { status });
  return new UpstreamError('http_4xx', `HTTP ${status}`, { status });
}

function classifyThrown(err: unknown, timedOut: boolean): UpstreamError {
  const code = (err as { code?: string }).code;
  if (
    timedOut ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new UpstreamError('timeout', 'request timed out');
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new UpstreamError('parse', 'response too large');
  return new UpstreamError(
    'network',
    `network error${code ? ` (${code})` : ''}: ${(err as Error).message ?? String(err)}`,
  );
}

function scrub(err: UpstreamError, secrets: readonly string[]): UpstreamError {
  let msg = err.message;
  for (const s of secrets) if (s.length >= 4) msg = msg.split(s).join('<redacted>');
  return msg === err.message ? err : new UpstreamError(err.reason, msg, err.details);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The HTTP client of one target: adds the source's auth headers, enforces the
 * per-request timeout and the request budget, reads at most `maxBodyBytes`,
 * classifies failures, and retries 5xx and network errors a bounded number of
 * times with full jitter. 4xx, timeouts and rate limits are never retried.
 */
export function createUpstreamClient(o: UpstreamClientOptions): UpstreamHttp {
  const random = o.random ?? Math.random;
  const retryBase = o.retryBaseMs ?? 250;
  const maxBody = o.maxBodyBytes ?? MAX_BODY;

  async function once(req: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse> {
    const url = buildUrl(o.baseUrl, req);
    const started = performance.now();
    const at = o.clock.now();
    // Aborted by the deadline or by the poller's signal (shutdown, reload).
    const link = linkAbortSignals([signal], o.timeoutMs);
    let status: number | undefined;
    let bytes = 0;
    let error: UpstreamError | undefined;
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...o.source.requestHeaders(),
        ...req.headers,
      };
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] = 'application/json';
      }
      let res: Dispatcher.ResponseData;
      try {
        res = await undiciRequest(url, {
          method: req.method,
          headers,
          body,
          signal: link.signal,
          dispatcher: o.dispatcher,
        });
      } catch (err) {
        throw classifyThrown(err, link.timedOut);
      }
      status = res.statusCode;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of res.body) {
          bytes += (chunk as Buffer).length;
          if (bytes > maxBody) {
            res.body.destroy();
            throw new UpstreamError('parse', `response larger than ${maxBody} bytes`, { status });
          }
          chunks.push(chunk as Buffer);
        }
      } catch (err) {
        if (err instanceof UpstreamError) throw err;
        throw classifyThrown(err, link.timedOut);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const headersOut = flatHeaders(res.headers);
      o.source.observeResponse?.(req.endpoint, headersOut);
      o.budget.observe(req.endpoint, headersOut);
      let json: unknown;
      let jsonOk = true;
      try {
        json = JSON.parse(text);
      } catch {
        jsonOk = false;
      }
      const contentType = headersOut['content-type'] ?? '';
      if (status >= 200 && status < 300) {
        // A login page served with 200 (an SSO proxy in front of the API) must not read as data.
        if (!/\bjson\b/i.test(contentType))
          throw new UpstreamError('parse', `expected JSON, got ${contentType.split(';')[0] || 'no content type'}`, {
            status,
          });
        if (!jsonOk) throw new UpstreamError('parse', 'invalid JSON in response body', { status });
        return { status, headers: headersOut, json };
      }
      const err = o.source.decodeError?.(status, jsonOk ? json : undefined, headersOut) ?? defaultError(status);
      if (err.reason === 'rate_limited') {
        const until = err.details.retryAt ?? o.clock.now() + (err.details.retryAfterMs ?? 60_000);
        o.budget.blockUntil(req.endpoint, until);
      }
      throw err;
    } catch (err) {
      error = err instanceof UpstreamError ? scrub(err, o.secrets?.() ?? []) : classifyThrown(err, link.timedOut);
      throw error;
    } finally {
      link.dispose();
      o.budget.settle(req.endpoint);
      o.onExchange?.({
        endpoint: req.endpoint,
        method: req.method,
        url,
        status,
        durationMs: performance.now() - started,
        bytes,
        at,
        error,
      });
    }
  }

  /** Takes budget for one request, waiting up to the grace period for budget that is about to free up. */
  async function acquire(endpoint: string, signal: AbortSignal): Promise<boolean> {
    if (o.budget.tryAcquire(endpoint)) return true;
    const wait = o.budget.waitMs(endpoint);
    if (wait === undefined || wait <= 0 || wait > (o.budgetGraceMs ?? Math.min(2_000, o.timeoutMs))) return false;
    await sleep(wait, signal);
    return !signal.aborted && o.budget.tryAcquire(endpoint);
  }

  return {
    async request(req, signal) {
      let lastError: UpstreamError | undefined;
      for (let attempt = 0; attempt <= o.retries; attempt++) {
        if (signal.aborted) throw lastError ?? new UpstreamError('timeout', 'aborted');
        if (!(await acquire(req.endpoint, signal))) {
          // The first attempt is carried over to a later cycle; a retry without budget just gives up.
          if (lastError) throw lastError;
          throw new BudgetExhausted(req.endpoint);
        }
        try {
          return await once(req, signal);
        } catch (err) {
          if (!(err instanceof UpstreamError)) throw err;
          lastError = err;
          if (err.reason !== 'http_5xx' && err.reason !== 'network') throw err;
          if (attempt < o.retries) await sleep(random() * retryBase * 2 ** attempt, signal);
        }
      }
      throw lastError!;
    },
  };
}
