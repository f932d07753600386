import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/Logger';
import type { Budget } from './createBudget';
import type { UpstreamProtocol } from './UpstreamHttp';
import type { ErrorReason } from './UpstreamError';

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
  /** Why it failed: plain data, so the debug view can hold it (and pass it between threads) without a stack. */
  readonly error?: { readonly reason: ErrorReason; readonly message: string };
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
  /** Masks the target's secrets in a text; applied to every error message. */
  readonly redact?: (text: string) => string;
  readonly random?: () => number;
  /** Where budget waits are logged (debug). */
  readonly log?: Logger;
}
