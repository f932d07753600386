import type { MetricDef } from './MetricDef';

/** One value a source produced, before the target's own labels are added. */
export interface Sample {
  readonly metric: MetricDef;
  /** Labels specific to this value (e.g. `state`, `title`), in the order they should render. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}
