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
 * Which schedule runs a job: `analytics` (the target's `schedule`, windowed
 * analytics) or `live` (its `live_schedule`, what holds now: queues, open
 * conversations, agents). Each has its own cycle, overlap guard and health.
 */
export type CycleName = 'analytics' | 'live';

/** Every cycle, in the order a target's first run and its snapshot take them. */
export const CYCLE_NAMES: readonly CycleName[] = ['analytics', 'live'];

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
  /** The cycle that runs it; default `analytics`. */
  readonly cycle?: CycleName;
  run(ctx: JobContext): Promise<Sample[]>;
}

/** A background task on its own (slower) schedule, such as department discovery. */
export interface BackgroundTask {
  readonly name: string;
  readonly schedule: string;
  readonly endpoint: string;
  run(ctx: JobContext): Promise<void>;
}

/**
 * Something about a target the operator should act on that is no error of a request,
 * e.g. an API version being switched off; the status pages show it on the target.
 * `error`: act now; `warning`: act soon; `info`: plan for it.
 */
export interface TargetNotice {
  readonly level: 'info' | 'warning' | 'error';
  /** One or two sentences: what holds and what to do. */
  readonly message: string;
  /** The time the notice is about (epoch ms), shown relative to now (e.g. "in 25d"), if any. */
  readonly at?: number;
}

/** One upstream kind (Rocket.Chat, LiveChat): turns a target's config into jobs. */
export interface Source extends UpstreamProtocol {
  /**
   * Every job of the target, with windows computed for `now` (epoch ms); each
   * cycle runs the ones of its own `cycle`. The order is the exposition's order.
   */
  plan(now: number): Job[];
  /** Tasks that run on their own schedule; the first run happens before the first cycle. */
  readonly tasks?: readonly BackgroundTask[];
  /** Samples about the target that belong to no job (e.g. API lifecycle headers). */
  targetSamples?(): Sample[];
  /** What the operator should know about the target at `now` (epoch ms), e.g. its API version's end. */
  notices?(now: number): TargetNotice[];
}
