import { SOURCE_KINDS } from './sourceKinds';
import type { MetricDef } from '../metrics/MetricDef';
import { selfMetricList } from '../metrics/selfMetrics';

/** Every metric family the exporter can render from its snapshots, in exposition order. */
export const catalogue: readonly MetricDef[] = [
  ...[...SOURCE_KINDS.values()].flatMap((k) => k.metrics),
  ...selfMetricList,
];
