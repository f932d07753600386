import { sendRequest } from './sendRequest';
import { sleep } from './sleep';
import type { UpstreamClientOptions } from './UpstreamClientOptions';
import type { UpstreamHttp } from './UpstreamHttp';
import { BudgetExhausted, UpstreamError } from './UpstreamError';

/**
 * The HTTP client of one target: adds the source's auth headers, enforces the
 * per-request timeout and the request budget, reads at most `maxBodyBytes`,
 * classifies failures, and retries 5xx and network errors a bounded number of
 * times with full jitter. 4xx, timeouts and rate limits are never retried.
 */
export function createUpstreamClient(o: UpstreamClientOptions): UpstreamHttp {
  const random = o.random ?? Math.random;
  const retryBase = o.retryBaseMs ?? 250;

  /** Takes budget for one request, waiting up to the grace period for budget that is about to free up. */
  async function acquire(endpoint: string, signal: AbortSignal): Promise<boolean> {
    if (o.budget.tryAcquire(endpoint)) return true;
    const wait = o.budget.waitMs(endpoint);
    if (wait === undefined || wait <= 0 || wait > (o.budgetGraceMs ?? Math.min(2_000, o.timeoutMs))) return false;
    o.log?.debug('waiting for request budget', { endpoint, wait_ms: Math.round(wait) });
    await sleep(wait, signal, o.clock);
    return !signal.aborted && o.budget.tryAcquire(endpoint);
  }

  return {
    async request(req, signal) {
      let lastError: UpstreamError | undefined;
      for (let attempt = 0; attempt <= o.retries; attempt++) {
        if (signal.aborted) throw lastError ?? new UpstreamError('timeout', 'aborted');
        const held = req.hold?.() === true;
        if (held || !(await acquire(req.endpoint, signal))) {
          // The first attempt is carried over to a later cycle; a retry without budget just gives up.
          if (lastError) throw lastError;
          const blocked = held || o.budget.usage(req.endpoint).rateLimitedUntil !== undefined;
          throw new BudgetExhausted(req.endpoint, blocked ? 'rate_limited' : 'budget');
        }
        try {
          return await sendRequest(o, req, signal);
        } catch (err) {
          if (!(err instanceof UpstreamError)) throw err;
          lastError = err;
          if (err.reason !== 'http_5xx' && err.reason !== 'network') throw err;
          if (attempt < o.retries) await sleep(random() * retryBase * 2 ** attempt, signal, o.clock);
        }
      }
      throw lastError!;
    },
  };
}
