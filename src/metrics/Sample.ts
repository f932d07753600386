import type { MetricDef } from './MetricDef';

/** One value a source produced, before the target's own labels are added. */
export interface Sample {
  readonly metric: MetricDef;
  /** Labels specific to this value (e.g. `state`, `title`), in the order they should render. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * The labels of a sample that has none of its own, shared: a source parses tens of thousands of
 * such samples per cycle, and each `{}` would be an object of its own kept until the next refresh.
 */
export const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
