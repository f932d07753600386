import type { UpstreamError } from './UpstreamError';

/** One HTTP call a job asks for; the client adds auth, timeout, budget and retries. */
export interface UpstreamRequest {
  /** The budget bucket and the `endpoint` label, e.g. `conversation-totalizers`. */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  /** Path relative to the target's base URL, e.g. `/api/v1/livechat/department`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Consulted before each attempt: true while upstream has asked the whole target
   * to wait (e.g. LiveChat's per-account 429). The first attempt is then carried
   * over (BudgetExhausted, rate limited), a retry gives up with its last error.
   * Requests already in flight are never cut short, so every answer is counted.
   */
  readonly hold?: () => boolean;
}

/** Response headers, lower-cased, repeated values joined with ", ". */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>;

/** A successful (2xx, JSON) response. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly json: unknown;
}

/** The HTTP client a job uses; throws UpstreamError or BudgetExhausted. */
export interface UpstreamHttp {
  request(req: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse>;
}

/** What an upstream kind tells the client about its protocol: auth, error bodies, response headers. */
export interface UpstreamProtocol {
  /** Headers sent with every request (auth); read on each request so reloads take effect. */
  requestHeaders(): Record<string, string>;
  /**
   * Names of the request headers whose values are credentials (default:
   * `authorization`). Their values, and for `<scheme> <credentials>` the
   * credentials alone, are masked wherever they come back (secretForms).
   */
  readonly credentialHeaders?: readonly string[];
  /** Maps a non-2xx or non-JSON response to an error; the client falls back to status-code rules. */
  decodeError?(status: number, json: unknown, headers: ResponseHeaders): UpstreamError | undefined;
  /** Called with every response's headers (e.g. lifecycle headers). */
  observeResponse?(endpoint: string, headers: ResponseHeaders): void;
}
