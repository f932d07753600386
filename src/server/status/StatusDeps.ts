import type { Config } from '../../config/types';
import type { StatusTargetState } from './TargetView';

/** What the status pages read; all of it is in memory, a page view never calls an upstream. */
export interface StatusDeps {
  /** The running targets, in config order (the exporter's `states()`). */
  readonly states: () => readonly StatusTargetState[];
  /** The running config, undefined until the first one is applied. */
  readonly config: () => Config | undefined;
  /** Epoch milliseconds; the ages on the pages are computed against it. */
  readonly now: () => number;
  readonly version: string;
}
