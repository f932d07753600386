import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Budget } from './createBudget';
import { sendRequest } from './sendRequest';
import { sleep } from './sleep';
import type { UpstreamHttp, UpstreamProtocol } from './UpstreamHttp';
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
          return await sendRequest(o, req, signal);
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
