import { SOURCE_KINDS } from '../sources/sourceKinds';
import type { MetricDef } from './MetricDef';
import { selfMetricList } from './selfMetrics';

/** Every metric family the exporter can render from its snapshots, in exposition order. */
export const catalogue: readonly MetricDef[] = [
  ...[...SOURCE_KINDS.values()].flatMap((k) => k.metrics),
  ...selfMetricList,
];
