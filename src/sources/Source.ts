import type { Sample } from '../metrics/Sample';
import type { UpstreamHttp, UpstreamProtocol } from '../upstream/UpstreamHttp';

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
export interface Source extends UpstreamProtocol {
  /** The jobs of one poll cycle, with windows computed for `now` (epoch ms). */
  plan(now: number): Job[];
  /** Tasks that run on their own schedule; the first run happens before the first cycle. */
  readonly tasks?: readonly BackgroundTask[];
  /** Samples about the target that belong to no job (e.g. API lifecycle headers). */
  targetSamples?(): Sample[];
}
