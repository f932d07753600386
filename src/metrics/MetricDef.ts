/** One metric family: its name is API, so every one is listed in docs/metrics.md. */
export interface MetricDef {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  /** Every label the family carries (besides a target's static labels), for the catalogue. */
  readonly labels: readonly string[];
  /** Where the value comes from upstream, for the catalogue. */
  readonly upstream: string;
}

/** The prefix of every metric; chosen so it never collides with Rocket.Chat's own `rocketchat_*` metrics. */
export const PREFIX = 'livechat_exporter_';

const POLLED = ' Value from the last successful poll, not computed at scrape time.';

/** Defines a gauge holding upstream data; its HELP says the value comes from the last poll. */
export function dataGauge(name: string, help: string, labels: readonly string[], upstream: string): MetricDef {
  return { name: PREFIX + name, help: help + POLLED, type: 'gauge', labels, upstream };
}

/** Defines one of the exporter's own metrics. */
export function selfMetric(
  type: 'gauge' | 'counter',
  name: string,
  help: string,
  labels: readonly string[],
  upstream = '(exporter)',
): MetricDef {
  return { name: PREFIX + name, help, type, labels, upstream };
}
