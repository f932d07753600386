import { SOURCE_KINDS } from './sourceKinds';
import type { MetricDef } from '../metrics/MetricDef';
import { processMetrics, selfMetricList } from '../metrics/selfMetrics';

/** The catalogue as documented: one section per upstream kind, then the exporter's own metrics. */
export function metricsDocSections(): { title: string; metrics: readonly MetricDef[] }[] {
  return [
    ...[...SOURCE_KINDS.values()].map((k) => ({ title: `Source \`${k.kind}\``, metrics: k.metrics })),
    { title: 'Exporter, per target', metrics: selfMetricList },
    { title: 'Exporter, process-wide', metrics: Object.values(processMetrics) },
  ];
}
