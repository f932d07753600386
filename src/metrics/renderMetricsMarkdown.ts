import type { MetricDef } from './MetricDef';

/** Markers around the generated part of docs/metrics.md. */
export const BEGIN = '<!-- BEGIN GENERATED METRICS (npm run docs:metrics) -->';
export const END = '<!-- END GENERATED METRICS -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Renders sections of metric tables (name, type, labels, meaning, upstream field) for docs/metrics.md. */
export function renderMetricsMarkdown(sections: readonly { title: string; metrics: readonly MetricDef[] }[]): string {
  const out: string[] = [BEGIN];
  for (const { title, metrics } of sections) {
    out.push('', `### ${title}`, '', '| Metric | Type | Labels | Meaning | Upstream |', '|---|---|---|---|---|');
    for (const m of metrics) {
      out.push(
        `| \`${m.name}\` | ${m.type} | ${m.labels.map((l) => `\`${l}\``).join(', ') || '—'} | ${cell(m.help)} | ${cell(m.upstream)} |`,
      );
    }
  }
  out.push('', END);
  return out.join('\n');
}
