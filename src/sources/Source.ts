import type { Sample } from '../metrics/Sample';

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
}

/** A successful (2xx, JSON) response. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly json: unknown;
}

/** The HTTP client a job uses; throws UpstreamError or BudgetExhausted. */
export interface UpstreamHttp {
  request(req: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse>;
}

/** What a job gets to do its work. */
export interface JobContext {
  readonly http: UpstreamHttp;
  readonly signal: AbortSignal;
  /** Reports a malformed value that was skipped (counted as a parse error; the job still succeeds). */
  problem(message: string): void;
}

/**
 * The unit of refresh: one upstream question (endpoint × department × window).
 * The poller schedules jobs stalest-first within the request budget.
 */
export interface Job {
  /** Stable identity within the target across cycles. */
  readonly key: string;
  readonly endpoint: string;
  /** Labels added to every sample of this job (e.g. department, window), in render order. */
  readonly labels: Readonly<Record<string, string>>;
  run(ctx: JobContext): Promise<Sample[]>;
}

/** A background task on its own (slower) schedule, such as department discovery. */
export interface BackgroundTask {
  readonly name: string;
  readonly schedule: string;
  readonly endpoint: string;
  run(ctx: JobContext): Promise<void>;
}

/** One upstream kind (Rocket.Chat, LiveChat): turns a target's config into jobs. */
export interface Source {
  /** The jobs of one poll cycle, with windows computed for `now` (epoch ms). */
  plan(now: number): Job[];
  /** Tasks that run on their own schedule; the first run happens before the first cycle. */
  readonly tasks?: readonly BackgroundTask[];
  /** Samples about the target that belong to no job (e.g. API lifecycle headers). */
  targetSamples?(): Sample[];
  /** Maps a non-2xx or non-JSON response to an error; the client falls back to status-code rules. */
  decodeError?(
    status: number,
    json: unknown,
    headers: Readonly<Record<string, string | undefined>>,
  ): import('../poll/UpstreamError').UpstreamError | undefined;
  /** Headers sent with every request (auth); read on each request so reloads take effect. */
  requestHeaders(): Record<string, string>;
  /** Called with every response's headers (e.g. lifecycle headers). */
  observeResponse?(endpoint: string, headers: Readonly<Record<string, string | undefined>>): void;
}
