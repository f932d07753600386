import type { CycleName } from '../sources/Source';

/** How one cycle went, for its log lines. */
export interface CycleSummary {
  readonly cycle: CycleName;
  /** Jobs of this cycle in the plan. */
  readonly jobs: number;
  readonly refreshed: number;
  readonly deferred: number;
  readonly failed: number;
  /** Values skipped as unparsable. */
  readonly problems: number;
  /** Jobs not started before the deadline (0 unless deadlineExceeded). */
  readonly notReached: number;
  readonly deadlineExceeded: boolean;
  /** Failed jobs by reason, and the endpoints they failed on (sorted). */
  readonly reasons: ReadonlyMap<string, number>;
  readonly failedEndpoints: readonly string[];
  /** The target's last error, when this cycle failed. */
  readonly lastError: string | undefined;
}
